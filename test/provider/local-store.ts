/** Shared fixtures of the provider tests that call the local store. */
import { BigCommerceClient, ClientOptions } from "../../provider/client/http";
import { checkInputs, Fields, InputsOf, ResourceKind } from "../../provider/common/kind";
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

/**
 * A client of `store` as a later run (another provider process) has it: what the first client
 * listed does not answer its reads (readers reuse a listing within one run, common/batch.ts).
 */
export function laterRun(store: LocalStore, client: Partial<ClientOptions> = {}): BigCommerceClient {
  return new BigCommerceClient({ storeHash: "unit", accessToken: TOKEN, apiUrl: store.url, ...client });
}

/** The checked (canonical) inputs of a kind, failing the test when check reports anything. */
export function checked<F extends Fields>(kind: ResourceKind<F>, news: Record<string, unknown>): InputsOf<F> {
  const { inputs, failures } = checkInputs(kind, news);
  expect(failures).toEqual([]);
  return inputs as InputsOf<F>;
}
