import fetch, { Response } from "node-fetch";
import { BigCommerceApiError, parseErrorBody, redact } from "./errors";
import { RateLimiter, RateLimitSnapshot, limiterFor, sleep } from "./ratelimit";

export type Method = "GET" | "POST" | "PUT" | "DELETE";
export type Query = Record<string, string | number | boolean | undefined | Array<string | number>>;

export interface ClientOptions {
  storeHash: string;
  accessToken: string;
  /**
   * API origin; the client appends `/stores/{storeHash}`. Defaults to the real API,
   * `https://api.bigcommerce.com`; the local store passes its own loopback address.
   */
  apiUrl?: string;
  /** Retries of GET/PUT/DELETE after a 5xx or a lost connection (default 4). */
  maxRetries?: number;
  /** How many 429 answers in a row one request may wait out (default 8). */
  maxRateLimitRetries?: number;
  /** First backoff delay in ms, doubled each retry (default 250). */
  backoffMs?: number;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Longest single wait for the quota to reset, in ms (default 60 000). */
  maxRateLimitWaitMs?: number;
  /** Shared limiter; by default the process-wide one of this store. */
  limiter?: RateLimiter;
}

export const DEFAULT_API_URL = "https://api.bigcommerce.com";

/** Counters of one client, for benchmarks and tests. */
export interface ClientStats {
  requests: Record<string, number>;
  retries: number;
  rateLimited: number;
}

/**
 * The BigCommerce REST client every resource uses (v2 and v3 alike).
 *
 * Retry policy:
 * - 429: wait as `X-Rate-Limit-Time-Reset-Ms` / `X-Retry-After` say, then send again. The
 *   request was refused before it was carried out, so this holds for POST too.
 * - 5xx, connection reset, timeout: GET, PUT and DELETE are idempotent and are retried with
 *   exponential backoff, a bounded number of times.
 * - POST is never retried blindly: after a 5xx or a lost connection the object may or may not
 *   have been created. The client raises a `BigCommerceApiError` with `ambiguous: true`; the
 *   resource's create then looks the object up by its unique code or name and adopts it when
 *   it is there, or reports the failure when it is not (see `createOrAdopt`).
 */
export class BigCommerceClient {
  private readonly base: string;
  private readonly token: string;
  private readonly limiter: RateLimiter;
  private readonly opts: Required<Omit<ClientOptions, "limiter" | "apiUrl" | "storeHash" | "accessToken">>;
  readonly stats: ClientStats = { requests: {}, retries: 0, rateLimited: 0 };

  constructor(options: ClientOptions) {
    if (!options.storeHash) throw new Error("BigCommerce client: storeHash is required");
    if (!options.accessToken) throw new Error("BigCommerce client: accessToken is required");
    const origin = (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, "");
    this.base = `${origin}/stores/${encodeURIComponent(options.storeHash)}`;
    this.token = options.accessToken;
    this.limiter = options.limiter ?? limiterFor(this.base);
    this.opts = {
      maxRetries: options.maxRetries ?? 4,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 8,
      backoffMs: options.backoffMs ?? 250,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
    };
  }

  get<T>(path: string, query?: Query): Promise<T | undefined> {
    return this.request<T>("GET", path, { query });
  }
  post<T>(path: string, body: unknown, query?: Query): Promise<T | undefined> {
    return this.request<T>("POST", path, { body, query });
  }
  put<T>(path: string, body: unknown, query?: Query): Promise<T | undefined> {
    return this.request<T>("PUT", path, { body, query });
  }
  delete(path: string, query?: Query): Promise<unknown> {
    return this.request("DELETE", path, { query });
  }

  /**
   * A v2 list: an empty list (or a page past the end) is `204` with no body, read as `[]`.
   */
  async list<T>(path: string, query?: Query): Promise<T[]> {
    const body = await this.get<T[]>(path, query);
    return Array.isArray(body) ? body : [];
  }

  /** Sends one request with the retry policy above; a 204 or empty body gives `undefined`. */
  async request<T>(method: Method, path: string, init: { query?: Query; body?: unknown } = {}): Promise<T | undefined> {
    const url = this.base + path + encodeQuery(init.query);
    const idempotent = method !== "POST";
    let attempt = 0;
    let rateLimitedInARow = 0;
    for (;;) {
      await this.limiter.acquire();
      this.stats.requests[method] = (this.stats.requests[method] ?? 0) + 1;
      let res: Response;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
      try {
        res = await fetch(url, {
          method,
          headers: {
            "X-Auth-Token": this.token,
            Accept: "application/json",
            ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
          body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
          signal: controller.signal as never,
        });
      } catch (e) {
        clearTimeout(timer);
        this.limiter.release();
        const reason = controller.signal.aborted ? `timed out after ${this.opts.timeoutMs} ms` : describeNetworkError(e);
        if (idempotent && attempt < this.opts.maxRetries) {
          await this.backoff(attempt++);
          continue;
        }
        throw new BigCommerceApiError({
          status: 0,
          method,
          path,
          ambiguous: !idempotent,
          detail: this.scrub(
            `${reason}${idempotent ? ` (gave up after ${attempt + 1} attempts)` : "; the object may or may not have been created"}`,
          ),
        });
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        clearTimeout(timer);
        this.limiter.release();
        if (idempotent && attempt < this.opts.maxRetries) {
          await this.backoff(attempt++);
          continue;
        }
        throw new BigCommerceApiError({
          status: res.status,
          method,
          path,
          ambiguous: !idempotent,
          detail: this.scrub(`response body lost: ${describeNetworkError(e)}`),
        });
      }
      clearTimeout(timer);
      this.limiter.release(readRateLimit(res));

      if (res.status === 429) {
        this.stats.rateLimited++;
        const wait = rateLimitWaitMs(res);
        if (rateLimitedInARow++ < this.opts.maxRateLimitRetries && wait <= this.opts.maxRateLimitWaitMs) {
          this.limiter.exhausted(wait);
          continue;
        }
        throw this.apiError(method, path, res.status, text, `rate limited ${rateLimitedInARow} times in a row; not sent`);
      }
      if (res.status >= 500) {
        if (idempotent && attempt < this.opts.maxRetries) {
          await this.backoff(attempt++);
          continue;
        }
        const err = this.apiError(method, path, res.status, text, undefined, !idempotent);
        throw err;
      }
      if (res.status >= 400) throw this.apiError(method, path, res.status, text);
      if (res.status === 204 || !text.trim()) return undefined;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new BigCommerceApiError({ status: res.status, method, path, detail: "response is not JSON" });
      }
    }
  }

  private async backoff(attempt: number): Promise<void> {
    this.stats.retries++;
    const delay = this.opts.backoffMs * 2 ** attempt;
    await sleep(delay + Math.floor(Math.random() * (delay / 4)));
  }

  private apiError(
    method: string,
    path: string,
    status: number,
    text: string,
    detail?: string,
    ambiguous = false,
  ): BigCommerceApiError {
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* plain text */
    }
    const { messages, fields } = parseErrorBody(body);
    const scrubbedFields: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) scrubbedFields[this.scrub(k)] = this.scrub(v);
    return new BigCommerceApiError({
      status,
      method,
      path,
      apiMessages: messages.map((m) => this.scrub(m)),
      fieldErrors: scrubbedFields,
      detail: detail ?? (ambiguous ? "the object may or may not have been created" : undefined),
      ambiguous,
    });
  }

  private scrub(text: string): string {
    return redact(text, this.token);
  }
}

export function encodeQuery(query?: Query): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(",") : String(v);
    // keys such as `id:in` keep their colon, as the API documents them
    parts.push(`${encodeURIComponent(k).replace(/%3A/gi, ":")}=${encodeURIComponent(value).replace(/%2C/gi, ",")}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

function readRateLimit(res: Response): RateLimitSnapshot {
  const num = (h: string) => {
    const v = res.headers.get(h);
    if (v === null || v.trim() === "") return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  return {
    quota: num("X-Rate-Limit-Requests-Quota"),
    left: num("X-Rate-Limit-Requests-Left"),
    resetMs: num("X-Rate-Limit-Time-Reset-Ms"),
    windowMs: num("X-Rate-Limit-Time-Window-Ms"),
  };
}

/** How long a 429 asks us to wait: the reset in ms, else `X-Retry-After` in seconds, else 1 s. */
export function rateLimitWaitMs(res: { headers: { get(name: string): string | null } }): number {
  const reset = Number(res.headers.get("X-Rate-Limit-Time-Reset-Ms"));
  if (Number.isFinite(reset) && reset > 0) return reset;
  const after = Number(res.headers.get("X-Retry-After"));
  if (Number.isFinite(after) && after > 0) return after * 1000;
  return 1000;
}

function describeNetworkError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err?.code ? `connection failed (${err.code})` : `connection failed (${err?.message ?? String(e)})`;
}
