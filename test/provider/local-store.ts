/** Shared fixtures of the provider tests that call the local store. */
import * as pulumi from "@pulumi/pulumi";
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

/** Declarations of each kind the provider tests share (a coupon, a banner, a promotion, a gift certificate). */
export const SAMPLE = {
  coupon: { name: "Spring 15", code: "SPRING15", type: "percentage_discount", amount: 15 },
  banner: { name: "Winter sale", content: "<p>Winter</p>", page: "home_page", location: "top" },
  promotion: {
    redemptionType: "COUPON",
    name: "Ten off",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  },
  gift: { toName: "Ann", toEmail: "ann@example.com", fromName: "Bob", fromEmail: "bob@example.com", amount: 25 },
};

/**
 * `pulumi.log.warn` and `pulumi.log.info`, silenced and recorded for each test of the file that
 * calls this (at its top level); `logged()` is what they were given, in one text.
 */
export function recordedLogs(): { warn: jest.SpyInstance; info: jest.SpyInstance; logged(): string } {
  const spies = {
    warn: undefined as unknown as jest.SpyInstance,
    info: undefined as unknown as jest.SpyInstance,
    logged: () => [...spies.warn.mock.calls, ...spies.info.mock.calls].map((c) => String(c[0])).join("\n"),
  };
  beforeEach(() => {
    spies.warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
    spies.info = jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
  });
  afterEach(() => {
    spies.warn.mockRestore();
    spies.info.mockRestore();
  });
  return spies;
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
