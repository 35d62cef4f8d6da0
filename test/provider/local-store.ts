/** Shared fixtures of the provider tests that call the local store. */
import { BigCommerceClient, ClientOptions } from "../../provider/client/http";
import { checkInputs, Fields, InputsOf, ResourceKind } from "../../provider/common/kind";
import { setStackConfig } from "../../provider/config";
import { LocalStore, startLocalStore } from "../../store/server";

export const TOKEN = "provider-test-token";

/** A local store with a generous quota that requires TOKEN, and a client of it. */
export async function storeAndClient(
  client: Partial<ClientOptions> = {},
): Promise<{ store: LocalStore; client: BigCommerceClient }> {
  const store = await startLocalStore({ quota: 100_000, accessToken: TOKEN });
  return {
    store,
    client: new BigCommerceClient({ storeHash: "unit", accessToken: TOKEN, apiUrl: store.url, ...client }),
  };
}

/** The checked (canonical) inputs of a kind, failing the test when check reports anything. */
export function checked<F extends Fields>(kind: ResourceKind<F>, news: Record<string, unknown>): InputsOf<F> {
  const { inputs, failures } = checkInputs(kind, news);
  expect(failures).toEqual([]);
  return inputs as InputsOf<F>;
}

/**
 * A local store that the runtime's handlers are configured for, as the engine's `configure` does,
 * for the tests of the enclosing describe block (their check makes its one read of the store).
 */
export function configuredStore(): { store(): LocalStore } {
  let store: LocalStore | undefined;
  beforeAll(async () => {
    store = await startLocalStore({ quota: 100_000, accessToken: TOKEN });
    const config: Record<string, string> = {
      "bigcommerce:storeHash": "unit",
      "bigcommerce:accessToken": TOKEN,
      "bigcommerce:apiUrl": store.url,
    };
    setStackConfig({ get: (key) => config[key], keys: () => Object.keys(config) });
  });
  afterAll(async () => {
    setStackConfig(undefined);
    await store?.close();
  });
  return {
    store: () => {
      if (!store) throw new Error("the store starts in beforeAll");
      return store;
    },
  };
}
