import { ConfigSource, LOCAL_STORE, resolveStoreConfig } from "../../provider/config";

const TOKEN = "cfg-Secret-Token-0a1b2c3d";
const ENV_TOKEN = "env-Secret-Token-9z8y7x";

function source(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("resolveStoreConfig", () => {
  it("uses the stack config", () => {
    const cfg = resolveStoreConfig(
      {},
      source({
        "bigcommerce:storeHash": "abc",
        "bigcommerce:accessToken": TOKEN,
        "bigcommerce:apiUrl": "http://127.0.0.1:1",
      }),
    );
    expect(cfg).toEqual({ storeHash: "abc", accessToken: TOKEN, apiUrl: "http://127.0.0.1:1", local: false });
  });

  it("prefers the stack config over the environment, key by key", () => {
    const env = {
      BIGCOMMERCE_STORE_HASH: "envhash",
      BIGCOMMERCE_ACCESS_TOKEN: ENV_TOKEN,
      BIGCOMMERCE_API_URL: "http://env",
    };
    const cfg = resolveStoreConfig(
      env,
      source({ "bigcommerce:storeHash": "cfghash", "bigcommerce:accessToken": TOKEN }),
    );
    expect(cfg.storeHash).toBe("cfghash");
    expect(cfg.accessToken).toBe(TOKEN);
    // not set in the stack: the environment's
    expect(cfg.apiUrl).toBe("http://env");
    expect(cfg.local).toBe(false);
  });

  it("falls back to BIGCOMMERCE_STORE_HASH, BIGCOMMERCE_ACCESS_TOKEN and BIGCOMMERCE_API_URL", () => {
    const env = {
      BIGCOMMERCE_STORE_HASH: " envhash ",
      BIGCOMMERCE_ACCESS_TOKEN: ENV_TOKEN,
      BIGCOMMERCE_API_URL: "http://env",
    };
    expect(resolveStoreConfig(env, undefined)).toEqual({
      storeHash: "envhash",
      accessToken: ENV_TOKEN,
      apiUrl: "http://env",
      local: false,
    });
    expect(resolveStoreConfig(env, source({}))).toEqual({
      storeHash: "envhash",
      accessToken: ENV_TOKEN,
      apiUrl: "http://env",
      local: false,
    });
  });

  it("leaves apiUrl undefined (the real API) when only hash and token are set", () => {
    const cfg = resolveStoreConfig({ BIGCOMMERCE_STORE_HASH: "h", BIGCOMMERCE_ACCESS_TOKEN: ENV_TOKEN }, undefined);
    expect(cfg.apiUrl).toBeUndefined();
  });

  it("uses the local store when nothing is set", () => {
    const cfg = resolveStoreConfig({}, undefined);
    expect(cfg).toEqual({ ...LOCAL_STORE, local: true });
    expect(cfg.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it("treats blank values as not set", () => {
    expect(resolveStoreConfig({ BIGCOMMERCE_STORE_HASH: "  ", BIGCOMMERCE_ACCESS_TOKEN: "" }, undefined).local).toBe(
      true,
    );
  });

  it("keeps an apiUrl given for the local store", () => {
    const cfg = resolveStoreConfig({}, source({ "bigcommerce:apiUrl": "http://127.0.0.1:9999" }));
    expect(cfg.local).toBe(true);
    expect(cfg.apiUrl).toBe("http://127.0.0.1:9999");
  });

  it("refuses a store hash without a token, naming bigcommerce:accessToken", () => {
    expect(() => resolveStoreConfig({ BIGCOMMERCE_STORE_HASH: "abc" }, undefined)).toThrow(/bigcommerce:accessToken/);
    expect(() => resolveStoreConfig({}, source({ "bigcommerce:storeHash": "abc" }))).toThrow(/bigcommerce:accessToken/);
  });

  it("refuses a token without a store hash, naming bigcommerce:storeHash and not the token", () => {
    const fromEnv = errorOf(() => resolveStoreConfig({ BIGCOMMERCE_ACCESS_TOKEN: ENV_TOKEN }, undefined));
    const fromStack = errorOf(() => resolveStoreConfig({}, source({ "bigcommerce:accessToken": TOKEN })));
    for (const [err, token] of [
      [fromEnv, ENV_TOKEN],
      [fromStack, TOKEN],
    ] as const) {
      expect(err.message).toContain("bigcommerce:storeHash");
      expect(err.message).not.toContain(token);
      expect(String(err)).not.toContain(token);
      expect(err.stack ?? "").not.toContain(token);
    }
  });
});
