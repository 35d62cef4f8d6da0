/**
 * The version of the shape of a resource's state (its outputs), recorded as the output
 * `stateVersion` by every create, update and refresh once the shape has changed since 0.1.0
 * (version 1 records nothing, so that state of that shape never changes by a refresh alone). A
 * dynamic provider's code changes under
 * states written by earlier versions of the package: each change of shape adds an upgrade here,
 * and the runtime reads every old state through `upgradeState` before a kind sees it. An upgrade
 * only reshapes what state holds; it never calls the store and never causes a diff by itself.
 *
 * State without the output has version 1's shape (what 0.1.0 and 0.2.0 write).
 */
type Props = Record<string, unknown>;

/** The output that records the version. */
export const STATE_VERSION_KEY = "stateVersion";

/** One change of shape: turns props of version `to - 1` into props of version `to`. */
export interface StateUpgrade {
  to: number;
  /** What changed, for the docs and the tests. */
  change: string;
  apply(props: Props): Props;
}

/**
 * The upgrades, oldest first; the last one's `to` is the current version. Version 1 is the shape
 * 0.1.0 wrote (it records no version).
 */
export const STATE_UPGRADES: readonly StateUpgrade[] = [];

/** The version this code writes. */
export const STATE_VERSION = STATE_UPGRADES.length ? STATE_UPGRADES[STATE_UPGRADES.length - 1].to : 1;

/** The version props were written with (1 when they record none). */
export function stateVersionOf(props: Props): number {
  const v = props[STATE_VERSION_KEY];
  return typeof v === "number" && Number.isInteger(v) && v >= 1 ? v : 1;
}

/**
 * Props of any earlier version in the current shape. Props of a newer version than this code
 * knows (a downgrade) fail, naming both versions: reading them as older ones could lose data.
 */
export function upgradeState(props: Props, upgrades: readonly StateUpgrade[] = STATE_UPGRADES): Props {
  const from = stateVersionOf(props);
  const current = upgrades.length ? upgrades[upgrades.length - 1].to : 1;
  if (from > current)
    throw new Error(
      `the state was written by a newer version of pulumi-bigcommerce (state version ${from}; this version reads up to ${current}): upgrade the package to the version that wrote it`,
    );
  let out = props;
  for (const u of upgrades) if (u.to > from) out = u.apply(out);
  return withStateVersion(out, current);
}

/** Outputs with the current version recorded (version 1: as they are). */
export function withStateVersion(outs: Props, version: number = STATE_VERSION): Props {
  if (version <= 1) {
    const rest = { ...outs };
    delete rest[STATE_VERSION_KEY];
    return rest;
  }
  return { ...outs, [STATE_VERSION_KEY]: version };
}
