import fetch, { Response } from "node-fetch";
import { authAdvice, BigCommerceApiError, parseErrorBody, redact } from "./errors";
import * as http from "node:http";
import { RateLimiter, RateLimitSnapshot, RateLimitWaitError, limiterFor, sleep } from "./ratelimit";
import { enterCapped } from "./concurrency";

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
  /**
   * Longest time one request may take in all, waits for the quota, retries and backoff
   * included, in ms (default: `BIGCOMMERCE_MAX_REQUEST_MS` from the environment, else 300 000).
   * Past it the request fails saying what was done.
   */
  maxRequestMs?: number;
  /**
   * How long a refused connection is retried once the store has answered in this process (a
   * store restarting), in ms (default 30 000). Before the first answer a refusal fails at once:
   * nothing listens at that address.
   */
  refusedRetryMs?: number;
  /** Shared limiter; by default the process-wide one of this store. */
  limiter?: RateLimiter;
}

export const DEFAULT_API_URL = "https://api.bigcommerce.com";

export interface RequestInit {
  query?: Query;
  body?: unknown;
  /**
   * Asked once the request has its slot of the quota, just before each attempt is sent: false
   * gives the slot back and throws `NotSentError` (nothing was sent). A delete judged on what a
   * read said uses it to never be sent long after that read (see `common/batch.ts`).
   */
  sendIf?: () => boolean;
}

/** A request that `sendIf` held back: it was not sent, nothing was changed. */
export class NotSentError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`BigCommerce API ${method} ${path}: not sent, what it was decided on is no longer fresh`);
    this.name = "NotSentError";
  }
}

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
 * - 429 with the store's rate-limit headers (its quota is spent): wait as
 *   `X-Rate-Limit-Time-Reset-Ms` / `X-Retry-After` say, then send again. Without them it is the
 *   platform's load: back off (doubling), never trusting a reset time. Either way the request was
 *   refused before it was carried out, so this holds for POST too.
 * - 5xx, connection reset, timeout: GET, PUT and DELETE are idempotent and are retried with
 *   exponential backoff, a bounded number of times.
 * - POST is never retried blindly: after a 5xx or a lost connection the object may or may not
 *   have been created. The client raises a `BigCommerceApiError` with `ambiguous: true`; the
 *   resource's create then looks the object up by its unique code or name and adopts it when
 *   it is there.
 *
 * Everything is bounded: `timeoutMs` per attempt, `maxRetries` retries after a 5xx or a lost
 * answer, `maxRateLimitRetries` 429s in a row, `maxRateLimitWaitMs` for one wait the store asks
 * for, and `maxRequestMs` for the whole request, quota waits included. A request the client
 * gives up on throws a `BigCommerceApiError` that says how many attempts over how long, the last
 * outcome, and what it means for the store, e.g.
 * `BigCommerce API GET /v2/coupons/12: gave up after 5 attempts over 41 s (last: 503 Service
 * Unavailable); nothing was changed`. A write that may have been carried out (no answer, or a
 * 5xx) says so and is `ambiguous`; one refused every time (429) changed nothing.
 */
/**
 * The stores (by base URL) that have answered in this process. Before a store's first answer a
 * refused connection means nothing listens at the configured URL, and fails at once; after it,
 * the store went away mid-run and may come back: retried like any lost connection.
 */
const answeredOnce = new Set<string>();

/** Network failures that mean no server is there at all (wrong URL, nothing started). */
const NOTHING_THERE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export class BigCommerceClient {
  private readonly base: string;
  /** The API origin requests go to, for messages (`https://api.bigcommerce.com`). */
  readonly origin: string;
  private readonly token: string;
  private readonly limiter: RateLimiter;
  private readonly opts: Required<Omit<ClientOptions, "limiter" | "apiUrl" | "storeHash" | "accessToken">>;
  readonly stats: ClientStats = { requests: {}, retries: 0, rateLimited: 0 };
  /** When each path was last written (sent), for `lastWriteAt`. */
  private readonly writes = new Map<string, number>();

  constructor(options: ClientOptions) {
    if (!options.storeHash) throw new Error("BigCommerce client: storeHash is required");
    if (!options.accessToken) throw new Error("BigCommerce client: accessToken is required");
    const origin = (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, "");
    this.origin = origin;
    this.base = `${origin}/stores/${encodeURIComponent(options.storeHash)}`;
    this.token = options.accessToken;
    this.limiter = options.limiter ?? limiterFor(this.base);
    this.opts = {
      maxRetries: options.maxRetries ?? 4,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 8,
      backoffMs: options.backoffMs ?? 250,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
      maxRequestMs: options.maxRequestMs ?? envMs("BIGCOMMERCE_MAX_REQUEST_MS") ?? 300_000,
      refusedRetryMs: options.refusedRetryMs ?? 30_000,
    };
  }

  /** The rate limiter this client takes its request slots from (shared by every client of the store). */
  get rateLimiter(): RateLimiter {
    return this.limiter;
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
  /** `sendIf`: see `RequestInit`. */
  delete(path: string, query?: Query, sendIf?: () => boolean): Promise<unknown> {
    return this.request("DELETE", path, { query, sendIf });
  }

  /**
   * When this client last sent a write (POST, PUT, DELETE) of `path` or of a path below it
   * (`/v3/promotions/5` covers `/v3/promotions/5/codes/9`), in ms since the epoch; 0 if never.
   * Readers that answer from an earlier listing ask it, so that an object this process has
   * changed is read anew.
   */
  lastWriteAt(path: string): number {
    let last = 0;
    for (const [p, at] of this.writes) if (p === path || p.startsWith(`${path}/`)) last = Math.max(last, at);
    return last;
  }

  /**
   * A v2 list: an empty list (or a page past the end) is `204` with no body, read as `[]`.
   */
  async list<T>(path: string, query?: Query): Promise<T[]> {
    const body = await this.get<T[]>(path, query);
    return Array.isArray(body) ? body : [];
  }

  /** Sends one request with the retry policy above; a 204 or empty body gives `undefined`. */
  async request<T>(method: Method, path: string, init: RequestInit = {}): Promise<T | undefined> {
    const url = this.base + path + encodeQuery(init.query);
    const idempotent = method !== "POST";
    const started = Date.now();
    const deadline = started + this.opts.maxRequestMs;
    /** Every attempt so far, and whether a write may have been carried out by one of them. */
    const run: Attempts = { method, path, started, attempts: 0, mayHaveLanded: false, last: "" };
    let retries = 0;
    let rateLimitedInARow = 0;
    let refusedSince: number | undefined;
    for (;;) {
      // the v3 endpoints' caps on requests in flight first (see concurrency.ts), then the quota
      const leave = await enterCapped(this.base, method, path);
      try {
        await this.limiter.acquire(Math.max(0, deadline - Date.now()));
      } catch (e) {
        leave();
        if (!(e instanceof RateLimitWaitError)) throw e;
        throw this.gaveUp(
          run,
          429,
          `waited ${seconds(e.waitedMs)} for the store's rate limit without getting a request slot`,
        );
      }
      if (init.sendIf && !init.sendIf()) {
        // what the request was decided on is too old by now (it waited for the quota): not sent
        this.limiter.release();
        leave();
        throw new NotSentError(method, path);
      }
      run.attempts++;
      this.stats.requests[method] = (this.stats.requests[method] ?? 0) + 1;
      if (method !== "GET") this.writes.set(path, Date.now());
      const controller = new AbortController();
      const timeoutMs = Math.max(1, Math.min(this.opts.timeoutMs, deadline - Date.now()));
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let res: Response | undefined;
      let text = "";
      let failure: string | undefined;
      let refused = false;
      let lastError: unknown;
      try {
        res = await fetch(url, {
          method,
          headers: {
            "X-Auth-Token": this.token,
            Accept: "application/json",
            ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
          body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
          signal: controller.signal,
        });
        answeredOnce.add(this.base);
        text = await res.text();
      } catch (e) {
        refused = !res && NOTHING_THERE.has(networkCode(e) ?? "");
        lastError = e;
        failure = controller.signal.aborted
          ? `no answer within ${seconds(timeoutMs)} (timed out)`
          : `${res ? `${res.status} answer cut off: ` : ""}${describeNetworkError(e)}`;
      } finally {
        clearTimeout(timer);
        leave();
      }

      if (refused) {
        // Refused: never carried out, so any method may be sent again, but only to a store that
        // answered before (restarting); before its first answer nothing listens there.
        this.limiter.release();
        run.last = failure as string;
        if (!answeredOnce.has(this.base)) {
          throw new BigCommerceApiError({
            status: 0,
            method,
            path,
            attempts: run.attempts,
            elapsedMs: Date.now() - run.started,
            refused: true,
            summary:
              `nothing answers at ${this.origin} (${networkCode(lastError) ?? ""}): check bigcommerce:apiUrl ` +
              "(or BIGCOMMERCE_API_URL), or start the store there; nothing was changed",
          });
        }
        refusedSince ??= Date.now();
        const stillRetrying = Date.now() - refusedSince < this.opts.refusedRetryMs;
        if (stillRetrying && (await this.backoff(Math.min(retries++, 3), deadline))) continue;
        throw this.gaveUp(run, 0);
      }
      if (failure !== undefined) {
        // No (complete) answer: a write may have been carried out all the same.
        this.limiter.release();
        run.last = failure;
        if (method !== "GET") run.mayHaveLanded = true;
        if (idempotent && retries < this.opts.maxRetries && (await this.backoff(retries++, deadline))) continue;
        throw this.gaveUp(run, res?.status ?? 0);
      }
      const answer = res as Response;
      this.limiter.release(readRateLimit(answer));
      const status = answer.status;

      if (status === 429) {
        // refused before it was carried out: safe to send again, POST included
        this.stats.rateLimited++;
        rateLimitedInARow++;
        run.last = `429 ${statusText(429)}`;
        // Without the rate-limit headers a 429 is the platform's load (or an endpoint's cap on
        // requests in flight), not the store's quota: this request backs off, growing as
        // refusals repeat, and the quota is left as the limiter knows it. With them, the store
        // names the wait until its window resets, and nothing is sent before.
        const platform = !hasRateLimitHeaders(answer);
        const wait = platform ? this.platformBackoffMs(rateLimitedInARow, answer) : rateLimitWaitMs(answer);
        if (!platform) this.limiter.exhausted(wait);
        if (rateLimitedInARow > this.opts.maxRateLimitRetries) {
          throw this.gaveUp(run, 429, `rate limited ${rateLimitedInARow} times in a row`, text);
        }
        if (wait > this.opts.maxRateLimitWaitMs) {
          throw this.gaveUp(
            run,
            429,
            `the store asked to wait ${seconds(wait)}, longer than the ${seconds(this.opts.maxRateLimitWaitMs)} allowed`,
            text,
          );
        }
        if (Date.now() + wait > deadline) {
          throw this.gaveUp(
            run,
            429,
            `the wait of ${seconds(wait)} the store asked for would pass the ${seconds(this.opts.maxRequestMs)} allowed per request`,
            text,
          );
        }
        if (platform) await sleep(wait);
        continue;
      }
      rateLimitedInARow = 0;
      if (status >= 500) {
        run.last = `${status} ${statusText(status)}`;
        if (method !== "GET") run.mayHaveLanded = true;
        if (idempotent && retries < this.opts.maxRetries && (await this.backoff(retries++, deadline))) continue;
        throw this.gaveUp(run, status, undefined, text);
      }
      if (status >= 400) throw this.apiError(method, path, status, text);
      if (status === 204 || !text.trim()) return undefined;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new BigCommerceApiError({ status, method, path, detail: "response is not JSON" });
      }
    }
  }

  /**
   * The wait after a 429 without rate-limit headers (platform load): at least the `X-Retry-After`
   * it may carry, doubling from `backoffMs` with each refusal in a row, at most 30 s, jittered.
   */
  private platformBackoffMs(inARow: number, res: Response): number {
    const delay = Math.min(this.opts.backoffMs * 2 ** (inARow - 1), 30_000);
    const after = Number(res.headers.get("X-Retry-After")) * 1000;
    return Math.max(Number.isFinite(after) ? after : 0, delay + Math.floor(Math.random() * (delay / 4)));
  }

  /** Sleeps before retry number `attempt`; false (no sleep) when that would pass the deadline. */
  private async backoff(attempt: number, deadline: number): Promise<boolean> {
    const delay = Math.min(this.opts.backoffMs * 2 ** attempt, 10_000);
    const jittered = delay + Math.floor(Math.random() * (delay / 4));
    if (Date.now() + jittered >= deadline) return false;
    this.stats.retries++;
    await sleep(jittered);
    return true;
  }

  /**
   * The error of a request the client stopped trying: how many attempts over how long, the
   * last outcome, and what that means for the store (nothing changed, or a write that may
   * have been carried out).
   */
  private gaveUp(run: Attempts, status: number, why?: string, text?: string): BigCommerceApiError {
    const parsed = text ? parseErrorBody(safeJson(text)) : { messages: [], fields: {} };
    const apiMessages = parsed.messages.map((m) => this.scrub(m));
    const last = run.last + (apiMessages.length ? `: ${apiMessages.join("; ")}` : "");
    const attempts = `${run.attempts} attempt${run.attempts === 1 ? "" : "s"}`;
    if (run.attempts === 0) {
      return new BigCommerceApiError({
        status,
        method: run.method,
        path: run.path,
        attempts: 0,
        elapsedMs: Date.now() - run.started,
        summary: `gave up: ${why}; it was never sent, nothing was changed`,
      });
    }
    const head = why
      ? `gave up: ${why}, after ${attempts} over ${seconds(Date.now() - run.started)}`
      : `gave up after ${attempts} over ${seconds(Date.now() - run.started)}`;
    const ambiguous = run.method !== "GET" && run.mayHaveLanded;
    return new BigCommerceApiError({
      status,
      method: run.method,
      path: run.path,
      apiMessages,
      ambiguous,
      attempts: run.attempts,
      elapsedMs: Date.now() - run.started,
      summary: this.scrub(`${head} (last: ${last}); ${outcome(run.method, ambiguous)}`),
    });
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
      advice: authAdvice(status, method),
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

/** True when an answer carries the store's rate-limit headers (a 429 without them is platform load). */
export function hasRateLimitHeaders(res: { headers: { get(name: string): string | null } }): boolean {
  return ["X-Rate-Limit-Requests-Left", "X-Rate-Limit-Time-Reset-Ms"].some((h) => (res.headers.get(h) ?? "") !== "");
}

/** How long a 429 asks us to wait: the reset in ms, else `X-Retry-After` in seconds, else 1 s. */
export function rateLimitWaitMs(res: { headers: { get(name: string): string | null } }): number {
  const reset = Number(res.headers.get("X-Rate-Limit-Time-Reset-Ms"));
  if (Number.isFinite(reset) && reset > 0) return reset;
  const after = Number(res.headers.get("X-Retry-After"));
  if (Number.isFinite(after) && after > 0) return after * 1000;
  return 1000;
}

function networkCode(e: unknown): string | undefined {
  const err = e as { code?: string; errno?: string } | undefined;
  return err?.code ?? err?.errno;
}

function describeNetworkError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err?.code === "ECONNRESET" || /socket hang up/i.test(err?.message ?? ""))
    return `connection reset before an answer (${err.code ?? "socket hang up"})`;
  return err?.code ? `connection failed (${err.code})` : `connection failed (${err?.message ?? String(e)})`;
}

interface Attempts {
  method: Method;
  path: string;
  started: number;
  attempts: number;
  /** A write got no clear answer at least once: it may have been carried out. */
  mayHaveLanded: boolean;
  /** The last outcome, e.g. `503 Service Unavailable` or `no answer within 30 s (timed out)`. */
  last: string;
}

/** What a failed request means for the store. */
function outcome(method: Method, mayHaveLanded: boolean): string {
  if (!mayHaveLanded) return "nothing was changed";
  if (method === "POST") return "the object may have been created all the same: look it up before creating it again";
  if (method === "PUT") return "the update may have been applied all the same";
  return "the object may have been deleted all the same";
}

function statusText(status: number): string {
  return http.STATUS_CODES[status] ?? "";
}

/** `41 s`, `0.3 s`: a duration for messages. */
export function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** A positive number of ms from the environment, or undefined. */
function envMs(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
