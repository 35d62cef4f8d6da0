import type * as pulumi from "@pulumi/pulumi";

/**
 * The module the provider process loads. A package path, so that Pulumi's closure serialiser
 * writes a `require` of it into state rather than a copy of the provider's code.
 */
export const RUNTIME_MODULE = "pulumi-bigcommerce/dist/provider/runtime";

/**
 * The provider object Pulumi serialises into each resource's state (`__provider`). It holds
 * two strings and six one-line functions that load the real implementation at call time:
 * no credentials, no client, no schemas. Config arrives through `configure`.
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
 * The exports of the runtime module (runtime.ts, which is checked against this type). Declared
 * here rather than taken from that module: this file names no module of the provider, not even
 * for a type, so nothing of it can reach the closure.
 */
export interface Runtime {
  configure(req: pulumi.dynamic.ConfigureRequest): void;
  handler(kind: string): KindMethods;
}

// Each method loads the runtime with a `require` at call time: an import would put the module
// (and with it zod, the client and the config) into the serialised closure.
function makeProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const mod = RUNTIME_MODULE;
  return {
    // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/require-await -- loaded at call time (above); async so that a failure to load or configure reaches the engine as a rejection
    configure: async (req) => (require(mod) as Runtime).configure(req),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
    check: async (olds, news) => (require(mod) as Runtime).handler(kind).check(olds, news),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
    diff: async (id, olds, news) => (require(mod) as Runtime).handler(kind).diff(id, olds, news),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
    create: async (inputs) => (require(mod) as Runtime).handler(kind).create(inputs),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
    read: async (id, props) => (require(mod) as Runtime).handler(kind).read(id, props),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
    update: async (id, olds, news) => (require(mod) as Runtime).handler(kind).update(id, olds, news),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time (above)
    delete: async (id, props) => (require(mod) as Runtime).handler(kind).delete(id, props),
  };
}
