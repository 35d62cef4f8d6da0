import type * as pulumi from "@pulumi/pulumi";

/**
 * The module the provider process loads. A package path, so that Pulumi's closure serialiser
 * writes a `require` of it into state rather than a copy of the provider's code.
 */
export const RUNTIME_MODULE = "pulumi-bigcommerce/dist/provider/runtime";

/**
 * The provider object Pulumi serialises into each resource's state (`__provider`), twice (inputs
 * and outputs). Its seven methods are two small functions that load the real implementation at
 * call time: no credentials, no client, no schemas. Config arrives through `configure`. Pulumi
 * writes one text per distinct function, so the methods share two (about 0.9 kB in all, where
 * seven functions took 2.6 kB): the runtime tells the methods of one function apart by their
 * arguments (`Runtime.call`).
 */
export function dynamicProvider(kind: string): pulumi.dynamic.ResourceProvider {
  // One object per kind: Pulumi caches a provider's serialisation by object, so every resource
  // of a kind after the first reuses it instead of serialising the closure again (tens of ms each).
  let provider = providers.get(kind);
  if (!provider) {
    provider = makeProvider(kind);
    providers.set(kind, provider);
  }
  return provider;
}

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/** The methods of one resource kind, as the runtime module's `handler` returns them. */
type KindMethods = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/**
 * Which function of the provider was called: `READS` serves configure, check, diff, create and
 * read; `WRITES` serves update and delete.
 */
export const READS = 0;
export const WRITES = 1;

/**
 * The exports of the runtime module (runtime.ts, which is checked against this type). Declared
 * here rather than taken from that module: this file names no module of the provider, not even
 * for a type, so nothing of it can reach the closure.
 */
export interface Runtime {
  configure(req: pulumi.dynamic.ConfigureRequest): void;
  /** The methods of a kind; what providers serialised by earlier versions call. */
  handler(kind: string): KindMethods;
  /** One call of the provider's function `fn` (`READS` or `WRITES`) with the engine's arguments. */
  call(kind: string, fn: typeof READS | typeof WRITES, args: unknown[]): Promise<unknown>;
}

// Both functions load the runtime with a `require` at call time: an import would put the module
// (and with it zod, the client and the config) into the serialised closure. Async, so that a
// failure to load or configure reaches the engine as a rejection.
function makeProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const mod = RUNTIME_MODULE;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
  const reads = async (...args: unknown[]) => (require(mod) as Runtime).call(kind, 0, args);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
  const writes = async (...args: unknown[]) => (require(mod) as Runtime).call(kind, 1, args);
  return {
    configure: reads,
    check: reads,
    diff: reads,
    create: reads,
    read: reads,
    update: writes,
    delete: writes,
  } as pulumi.dynamic.ResourceProvider;
}
