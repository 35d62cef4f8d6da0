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
  /** Every key of the stack config, where the source can list them (for the unknown-key check). */
  keys?(): string[];
}

/** The keys the provider reads under `bigcommerce:`. */
export const CONFIG_KEYS = ["storeHash", "accessToken", "apiUrl"] as const;

/**
 * The `bigcommerce:` keys of the stack config the provider does not know, each with the known key
 * it most likely meant: a misspelled key is never silently ignored (the provider would fall back
 * to other credentials).
 */
export function unknownConfigKeys(source: ConfigSource | undefined = configured): string[] {
  const problems: string[] = [];
  for (const full of source?.keys?.() ?? []) {
    if (!full.startsWith("bigcommerce:")) continue;
    const key = full.slice("bigcommerce:".length);
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const meant = didYouMean(key, CONFIG_KEYS);
    problems.push(
      `bigcommerce:${key} is not a setting of the provider${meant ? `: did you mean bigcommerce:${meant}?` : ""} ` +
        `(it knows ${CONFIG_KEYS.map((k) => `bigcommerce:${k}`).join(", ")}); \`pulumi config rm bigcommerce:${key}\``,
    );
  }
  return problems;
}

/** The known word closest to `word` (case, `_` and `-` aside, then by edit distance), if it is close. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = norm(k) === norm(word) ? 0 : editDistance(norm(k), norm(word));
    if (!best || d < best.d) best = { k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? best.k : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** True for an origin on this machine (the only place the local store's built-in credentials may go). */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}

let configured: ConfigSource | undefined;

/** Called from the dynamic provider's `configure` with the stack's config (secrets decrypted). */
export function setStackConfig(source: ConfigSource | undefined): void {
  configured = source;
}

/**
 * Stack config first (`bigcommerce:storeHash`, `bigcommerce:accessToken`, `bigcommerce:apiUrl`),
 * then `BIGCOMMERCE_STORE_HASH`, `BIGCOMMERCE_ACCESS_TOKEN`, `BIGCOMMERCE_API_URL`. With neither a
 * store hash nor a token set, the local store, and only on a loopback URL: its built-in
 * credentials never go to another host.
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
    if (apiUrl && !isLoopback(apiUrl)) {
      throw new Error(
        `bigcommerce:apiUrl is ${apiUrl}, but neither bigcommerce:storeHash nor bigcommerce:accessToken is set: ` +
          "set both (`pulumi config set bigcommerce:storeHash <hash>`, `pulumi config set --secret bigcommerce:accessToken <token>`); " +
          "the local store's built-in credentials are only used on a loopback URL",
      );
    }
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
