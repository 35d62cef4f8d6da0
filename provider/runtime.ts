/**
 * The provider side of every resource, loaded with `require` inside the dynamic-provider
 * process (see `dynamic.ts`). Being a module of the installed package, it is loaded once per
 * process: its config, clients and rate limiters are shared by every resource of a run.
 */
import type * as pulumi from "@pulumi/pulumi";
import { READS, type Runtime, WRITES } from "./dynamic";
import { currentClient, setStackConfig } from "./config";
import { isNew, pastDates, storeConflicts, storeProblemOnce, warn } from "./common/preflight";
import { createOrAdopt } from "./common/adopt";
import { claimHeld, shown } from "./common/claims";
import { changedKeys, checkInputs, diffInputs, failure, splitMeta } from "./common/kind";
import { upgradeState, withStateVersion } from "./common/state-version";
import { compact } from "./common/values";
import { definitionOf } from "./kinds";

type Props = Record<string, unknown>;

export function configure(req: pulumi.dynamic.ConfigureRequest): void {
  // the dynamic provider's config object holds the whole stack config: its keys are listed too,
  // so that a misspelled bigcommerce: key is named rather than ignored
  const raw = (req.config as unknown as { rawConfig?: Record<string, unknown> }).rawConfig;
  setStackConfig({ get: (key) => req.config.get(key), keys: () => Object.keys(raw ?? {}) });
}

function strip(props: Props): Props {
  const rest = { ...props };
  delete rest.__provider;
  return rest;
}

/** State as the engine holds it (any earlier version), in this version's shape. */
function stored(props: Props): Props {
  return upgradeState(strip(props));
}

/** The dynamic-provider methods of one resource kind. */
export function handler(kindName: string) {
  const kind = definitionOf(kindName)?.kind;
  if (!kind) throw new Error(`unknown BigCommerce resource kind ${kindName}`);
  return {
    // Everything foreseeable fails here, at preview as at up, before any write. A failure is a
    // failure of the check, never a throw: the engine prints it once, without a stack trace.
    async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
      shown(); // the program is registering resources: see registrationsSeen
      const { inputs, failures } = checkInputs(kind, strip(news));
      // bad input fails without a request: the store's one read waits for a resource that passes
      const { problem, client } = failures.length === 0 ? await storeProblemOnce() : {};
      if (problem) failures.push(failure("", problem));
      // a new object that is not a takeover of an existing one (adopt, adoptId)
      const creating = isNew(strip(olds)) && inputs.adopt !== true && inputs.adoptId === undefined;
      if (creating && failures.length === 0) failures.push(...(kind.createCheck?.(inputs) ?? []));
      if (creating && failures.length === 0) {
        for (const w of pastDates(kind, definitionOf(kindName)?.summary.expiryFields ?? [], inputs)) warn(w);
        if (client) {
          try {
            const found = await storeConflicts(kind, client, inputs);
            failures.push(...found.failures);
            found.warnings.forEach(warn);
          } catch (e) {
            failures.push(failure("", `looking the new ${kind.name} up in the store failed: ${(e as Error).message}`));
          }
        }
      }
      // The engine prints the input's value next to a failure naming its property: secrets in
      // clear, and nothing (`{<nil>}`) for a nested path. Those name no property; their reason
      // starts with the path, and a nested one carries its value.
      const secret = new Set(kind.secretOutputs ?? []);
      return {
        inputs,
        failures: failures.map((f) => ({
          property: secret.has(String(f.path[0])) || f.path.length > 1 ? "" : f.property,
          reason: f.reason,
        })),
      };
    },
    diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
      return new Promise((resolve) => {
        claimHeld(currentClient, kind, id, stored(olds)); // in the state: never another resource's earlier create
        resolve(diffInputs(kind, stored(olds), strip(news)));
      });
    },
    async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
      // adopt, adoptId and deletionPolicy are the shared machinery's: the kind sees the API inputs only
      const { api, meta } = splitMeta(strip(inputs));
      const { id, outs } = await createOrAdopt(kind, currentClient(), api, meta);
      return { id, outs: withStateVersion(compact({ ...api, ...outs, ...meta })) };
    },
    async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
      const { api, meta } = splitMeta(stored(props));
      claimHeld(currentClient, kind, id, stored(props));
      const found = await kind.read(currentClient(), id, api);
      if (!found) return {};
      // the meta inputs are not in the store: carried over from the old state
      return {
        id,
        props: withStateVersion(compact({ ...found.inputs, ...found.outs, ...meta })),
        inputs: compact({ ...found.inputs, ...meta }),
      };
    },
    async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
      const { api: oldApi } = splitMeta(stored(olds));
      const { api, meta } = splitMeta(strip(news));
      // only a meta input changed (a new deletionPolicy): state changes, the store does not
      if (changedKeys(kind, oldApi, api).length === 0)
        return { outs: withStateVersion(compact({ ...oldApi, ...meta })) };
      const outs = await kind.update(currentClient(), id, oldApi, api);
      return { outs: withStateVersion(compact({ ...api, ...outs, ...meta })) };
    },
    async delete(id: string, props: Props): Promise<void> {
      // the kind's delete sees deletionPolicy (the kinds that have one apply it to used objects)
      await kind.delete(currentClient(), id, stored(props));
    },
  };
}

/** One call of the serialised provider (dynamic.ts): `dispatch` to the kind's methods. */
export function call(kindName: string, fn: typeof READS | typeof WRITES, args: unknown[]): Promise<unknown> {
  return dispatch({ ...handler(kindName), configure }, fn, args);
}

/**
 * The method a call of the provider's function `fn` is, told apart by the engine's arguments:
 * `READS` serves configure(req), check(olds, news), diff(id, olds, news), create(inputs) and
 * read(id, props); `WRITES` serves update(id, olds, news) and delete(id, props). An id is a
 * string, props are objects, and create's inputs carry the `__provider` that a configure request
 * lacks.
 */
export function dispatch(
  m: ReturnType<typeof handler> & { configure(req: pulumi.dynamic.ConfigureRequest): void },
  fn: typeof READS | typeof WRITES,
  args: unknown[],
): Promise<unknown> {
  const [a, b, c] = args as [unknown, Props, Props];
  if (fn === WRITES) return c !== undefined ? m.update(a as string, b, c) : m.delete(a as string, b);
  if (typeof a === "string") return c !== undefined ? m.diff(a, b, c) : m.read(a, b);
  if (b !== undefined) return m.check(a as Props, b);
  if (a && typeof a === "object" && "__provider" in a) return m.create(a);
  return Promise.resolve(m.configure(a as pulumi.dynamic.ConfigureRequest));
}

// The provider (dynamic.ts) calls this module through its `Runtime` type: this fails to compile
// when the two drift apart.
const _runtime: Runtime = { configure, handler, call };
