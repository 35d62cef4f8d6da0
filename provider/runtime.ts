/**
 * The provider side of every resource, loaded with `require` inside the dynamic-provider
 * process (see `dynamic.ts`). Being a module of the installed package, it is loaded once per
 * process: its config, clients and rate limiters are shared by every resource of a run.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Runtime } from "./dynamic";
import { currentClient, setStackConfig } from "./config";
import { isNew, pastDates, storeConflicts, storeProblemOnce, warn } from "./common/preflight";
import { createOrAdopt } from "./common/adopt";
import { changedKeys, checkInputs, diffInputs, failure, splitMeta } from "./common/kind";
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

/** The dynamic-provider methods of one resource kind. */
export function handler(kindName: string) {
  const kind = definitionOf(kindName)?.kind;
  if (!kind) throw new Error(`unknown BigCommerce resource kind ${kindName}`);
  return {
    // Everything foreseeable fails here, at preview as at up, before any write. A failure is a
    // failure of the check, never a throw: the engine prints it once, without a stack trace.
    async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
      const { inputs, failures } = checkInputs(kind, strip(news));
      const { problem, client } = await storeProblemOnce();
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
    diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
      return new Promise((resolve) => resolve(diffInputs(kind, strip(olds), strip(news))));
    },
    async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
      // adopt, adoptId and deletionPolicy are the shared machinery's: the kind sees the API inputs only
      const { api, meta } = splitMeta(strip(inputs));
      const { id, outs } = await createOrAdopt(kind, currentClient(), api, meta);
      return { id, outs: compact({ ...api, ...outs, ...meta }) };
    },
    async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
      const { api, meta } = splitMeta(strip(props));
      const found = await kind.read(currentClient(), id, api);
      if (!found) return {};
      // the meta inputs are not in the store: carried over from the old state
      return {
        id,
        props: compact({ ...found.inputs, ...found.outs, ...meta }),
        inputs: compact({ ...found.inputs, ...meta }),
      };
    },
    async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
      const { api: oldApi } = splitMeta(strip(olds));
      const { api, meta } = splitMeta(strip(news));
      // only a meta input changed (a new deletionPolicy): state changes, the store does not
      if (changedKeys(kind, oldApi, api).length === 0) return { outs: compact({ ...oldApi, ...meta }) };
      const outs = await kind.update(currentClient(), id, oldApi, api);
      return { outs: compact({ ...api, ...outs, ...meta }) };
    },
    async delete(id: string, props: Props): Promise<void> {
      // the kind's delete sees deletionPolicy (the kinds that have one apply it to used objects)
      await kind.delete(currentClient(), id, strip(props));
    },
  };
}

// The provider (dynamic.ts) calls this module through its `Runtime` type: this fails to compile
// when the two drift apart.
const _runtime: Runtime = { configure, handler };
