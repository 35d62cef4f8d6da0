/**
 * Optional inputs the store fills in when a program leaves them out (a generated code, a start
 * date of now, the store's currency). A kind records in state, under `setByStore`, which of them
 * the program left out, so that `read` leaves the store's choices out of the inputs too: they are
 * no declaration, and a refresh shows no change for them.
 */
type Props = Record<string, unknown>;

/** The output that records them. */
export const SET_BY_STORE = "setByStore";
/** The name earlier versions recorded them under (promotions); read, never written. */
const OLD_NAME = "leftToStore";

export interface StoreFills<K extends string> {
  readonly keys: readonly K[];
  /** The keys these inputs leave out: what state records after a create or update. */
  omitted(inputs: Partial<Record<K, unknown>>): K[];
  /** The keys recorded in state (old props included). */
  recorded(props: Props): K[];
  /** The store's values as inputs: without the ones the store filled in (as recorded in `props`). */
  declared<T extends object>(store: T, props: Props): T;
}

export function storeFills<K extends string>(keys: readonly K[]): StoreFills<K> {
  return {
    keys,
    omitted: (inputs) => keys.filter((k) => inputs[k] === undefined),
    recorded(props) {
      const v = props[SET_BY_STORE] ?? props[OLD_NAME];
      return Array.isArray(v) ? (v as K[]) : [];
    },
    declared<T extends object>(store: T, props: Props): T {
      const inputs: Props = { ...(store as Props) };
      for (const k of this.recorded(props)) delete inputs[k];
      return inputs as T;
    },
  };
}
