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

function makeProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const mod = RUNTIME_MODULE;
  return {
    configure: async (req) => require(mod).configure(req),
    check: async (olds, news) => require(mod).handler(kind).check(olds, news),
    diff: async (id, olds, news) => require(mod).handler(kind).diff(id, olds, news),
    create: async (inputs) => require(mod).handler(kind).create(inputs),
    read: async (id, props) => require(mod).handler(kind).read(id, props),
    update: async (id, olds, news) => require(mod).handler(kind).update(id, olds, news),
    delete: async (id, props) => require(mod).handler(kind).delete(id, props),
  };
}
