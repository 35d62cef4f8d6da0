import { BigCommerceClient } from "./client/http";

/** Where the provider sends requests. Never serialised: read in `configure` or from the environment. */
export interface StoreConfig {
  storeHash: string;
  accessToken: string;
  /** API origin; undefined means the real API. */
  apiUrl?: string;
  /** True when nothing was configured and the local store is used. */
  local: boolean;
}

/** The embedded default: the local store on loopback (see `npm run store`). */
export const LOCAL_STORE = {
  apiUrl: "http://127.0.0.1:4567",
  storeHash: "local",
  accessToken: "local-store-token",
};

/** Reads one key of the stack config (`bigcommerce:<key>`), as `configure` hands it over. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let configured: ConfigSource | undefined;

/** Called from the dynamic provider's `configure` with the stack's config (secrets decrypted). */
export function setStackConfig(source: ConfigSource | undefined): void {
  configured = source;
}

/**
 * Stack config first (`bigcommerce:storeHash`, `bigcommerce:accessToken`, `bigcommerce:apiUrl`),
 * then `BIGCOMMERCE_STORE_HASH`, `BIGCOMMERCE_ACCESS_TOKEN`, `BIGCOMMERCE_API_URL`. With none of
 * them set, the local store.
 */
export function resolveStoreConfig(
  env: NodeJS.ProcessEnv = process.env,
  source: ConfigSource | undefined = configured,
): StoreConfig {
  const pick = (key: string, envName: string) => {
    const v = source?.get(`bigcommerce:${key}`) ?? env[envName];
    return v && v.trim() ? v.trim() : undefined;
  };
  const storeHash = pick("storeHash", "BIGCOMMERCE_STORE_HASH");
  const accessToken = pick("accessToken", "BIGCOMMERCE_ACCESS_TOKEN");
  const apiUrl = pick("apiUrl", "BIGCOMMERCE_API_URL");
  if (!storeHash && !accessToken) {
    return { ...LOCAL_STORE, apiUrl: apiUrl ?? LOCAL_STORE.apiUrl, local: true };
  }
  if (!storeHash) {
    throw new Error(
      "bigcommerce:storeHash is not set (stack config or BIGCOMMERCE_STORE_HASH) although an access token is",
    );
  }
  if (!accessToken) {
    throw new Error(
      "bigcommerce:accessToken is not set: `pulumi config set --secret bigcommerce:accessToken <token>` or BIGCOMMERCE_ACCESS_TOKEN",
    );
  }
  return { storeHash, accessToken, apiUrl, local: false };
}

let cached: { key: string; client: BigCommerceClient } | undefined;

/** The process's client for the configured store (one per store, sharing its rate limiter). */
export function currentClient(): BigCommerceClient {
  const cfg = resolveStoreConfig();
  const key = `${cfg.apiUrl ?? ""}|${cfg.storeHash}|${cfg.accessToken}`;
  if (!cached || cached.key !== key) {
    cached = { key, client: new BigCommerceClient(cfg) };
  }
  return cached.client;
}
