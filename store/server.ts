import * as http from "node:http";
import { AddressInfo } from "node:net";
import { emptyFaultCounts, FaultCounts, FaultInjector, FaultOptions, validateFaults } from "./faults";
import { readBody, StoreRequest, StoreResponse, V2Error, V3Error } from "./http";
import { QuotaWindow } from "./ratelimit";
import { StoreState } from "./state";
import { bannerRoutes } from "./v2/banners";
import { couponRoutes } from "./v2/coupons";
import { giftCertificateRoutes } from "./v2/gift-certificates";
import { ConcurrencyGate } from "./v3/concurrency";
import { promotionRoutes } from "./v3/promotions";

export interface LocalStoreOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** JSON file for the store's data (kept across restarts). */
  dataFile?: string;
  /** Requests per window (default 150, as on standard plans). */
  quota?: number;
  /** Window length in ms (default 30 000). */
  windowMs?: number;
  /** Added to every answer, in ms (default 0). */
  latencyMs?: number;
  /** When set, only this X-Auth-Token is accepted; otherwise any non-empty token is. */
  accessToken?: string;
  /**
   * A token of an API account with the read-only Marketing scope: its reads are answered, its
   * writes refused with 403 as the real store refuses them.
   */
  readOnlyToken?: string;
  /** Faults to inject into API answers (see `store/faults.ts`); `PUT /__admin/faults` changes them. */
  faults?: FaultOptions;
}

export interface RequestStats {
  byMethod: Record<string, number>;
  /** 429 answers, quota and 429 storms alike (the concurrency caps of v3 are not counted). */
  rateLimited: number;
  total: number;
  /** Faults injected since the last reset of the stats. */
  faults: FaultCounts;
}

export interface LocalStore {
  url: string;
  port: number;
  state: StoreState;
  quota: QuotaWindow;
  stats: RequestStats;
  faults: FaultInjector;
  close(): Promise<void>;
}

type Route = (state: StoreState, req: StoreRequest) => StoreResponse | undefined;
const routes: Route[] = [couponRoutes, bannerRoutes, giftCertificateRoutes, promotionRoutes];

function emptyStats(): RequestStats {
  return { byMethod: {}, rateLimited: 0, total: 0, faults: emptyFaultCounts() };
}

/**
 * Starts the local store: an emulator of BigCommerce's marketing API on loopback, under
 * `/stores/{hash}/v2/...` and `/stores/{hash}/v3/...` like the real API. `/__admin/...` is
 * the store's own control panel for tests and demos (no token, no quota).
 */
export async function startLocalStore(options: LocalStoreOptions = {}): Promise<LocalStore> {
  const state = new StoreState(options.dataFile);
  const quota = new QuotaWindow(options.quota ?? 150, options.windowMs ?? 30_000);
  let stats = emptyStats();
  const latency = options.latencyMs ?? 0;
  const gate = new ConcurrencyGate();
  const faults = new FaultInjector(validateFaults(options.faults ?? {}));
  quota.othersShare = faults.othersShare;
  const resetStats = () => {
    stats = emptyStats();
    faults.counts = stats.faults;
  };
  resetStats();

  // Each request is answered by `handle`, which catches everything it can throw; the server
  // does not wait on it.
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const send = (r: StoreResponse, extra: Record<string, string> = {}) => {
      const headers: Record<string, string> = { ...extra, ...(r.headers ?? {}) };
      if (r.body !== undefined && r.status !== 204) {
        headers["Content-Type"] = "application/json";
        res.writeHead(r.status, headers);
        res.end(JSON.stringify(r.body));
      } else {
        res.writeHead(r.status, headers);
        res.end();
      }
    };
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__admin/")) {
        send(admin(url.pathname, req.method ?? "GET", raw));
        return;
      }
      const m = /^\/stores\/([^/]+)(\/v[23]\/.*)$/.exec(url.pathname);
      if (!m) {
        send({ status: 404, body: [{ status: 404, message: "The requested resource was not found." }] });
        return;
      }
      const apiPath = m[2];
      const v3 = apiPath.startsWith("/v3/");
      const fail = (status: number, message: string, headers?: Record<string, string>) =>
        send((v3 ? new V3Error(status, message) : new V2Error(status, message)).toResponse(), headers);

      // Promotions endpoints cap the requests in flight (40; 10 listing codes and generating them).
      const release = gate.enter(req.method ?? "GET", apiPath);
      if (!release) {
        fail(429, "Too many concurrent requests on this endpoint: retry once earlier requests have been answered.", {
          "X-Retry-After": "1",
        });
        return;
      }
      res.once("close", release);
      if (latency) await new Promise((r) => setTimeout(r, latency));
      const token = req.headers["x-auth-token"];
      const readOnly = options.readOnlyToken !== undefined && token === options.readOnlyToken;
      if (!token || (options.accessToken && token !== options.accessToken && !readOnly)) {
        fail(401, "You are not authorized to access this resource: a valid X-Auth-Token header is required.");
        return;
      }
      if (readOnly && req.method !== "GET") {
        fail(403, "You don't have a required scope to access the endpoint.");
        return;
      }
      stats.total++;
      const method = req.method ?? "GET";
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
      const fault = faults.decide(method);
      if (fault.kind === "storm") {
        // other apps flood the store: refused as if the window were spent, until the storm ends
        stats.rateLimited++;
        fail(429, "Too many requests: the store's API quota is spent for this window.", {
          ...quota.headers(),
          "X-Rate-Limit-Requests-Left": "0",
          "X-Retry-After": String(quota.retryAfterSeconds()),
        });
        return;
      }
      if (!quota.take()) {
        stats.rateLimited++;
        fail(429, "Too many requests: the store's API quota is spent for this window.", {
          ...quota.headers(),
          "X-Retry-After": String(quota.retryAfterSeconds()),
        });
        return;
      }
      const limitHeaders = quota.headers();
      if (fault.kind === "drop") {
        req.socket.destroy(); // the connection dies before anything is done
        return;
      }
      if (fault.slowMs) await new Promise((r) => setTimeout(r, fault.slowMs));
      if (fault.kind === "error") {
        const text =
          { 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" }[fault.status] ??
          "Server Error";
        fail(fault.status, `${text} (injected fault: the request was not carried out)`, limitHeaders);
        return;
      }
      let body: unknown;
      if (raw.trim()) {
        if (!String(req.headers["content-type"] ?? "").includes("application/json")) {
          fail(415, "The request body must be sent as application/json.", limitHeaders);
          return;
        }
        try {
          body = JSON.parse(raw);
        } catch {
          fail(400, "The request body is not valid JSON.", limitHeaders);
          return;
        }
      }
      const sreq: StoreRequest = {
        method: req.method ?? "GET",
        path: apiPath,
        query: url.searchParams,
        body,
        storeHash: m[1],
      };
      let out: StoreResponse | undefined;
      try {
        for (const route of routes) {
          out = route(state, sreq);
          if (out) break;
        }
        if (!out)
          out = (
            v3
              ? new V3Error(404, "The requested resource was not found.")
              : new V2Error(404, "The requested resource was not found.")
          ).toResponse();
      } catch (e) {
        if (e instanceof V2Error || e instanceof V3Error) out = e.toResponse();
        else throw e;
      }
      if (fault.kind === "lose" && out.status < 400) {
        req.socket.destroy(); // carried out, but the answer never arrives
        return;
      }
      send(out, limitHeaders);
    } catch (e) {
      if (e instanceof V2Error) send(e.toResponse());
      else send({ status: 500, body: [{ status: 500, message: `Internal error: ${(e as Error).message}` }] });
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));

  function admin(path: string, method: string, raw: string): StoreResponse {
    const body: unknown = raw.trim() ? JSON.parse(raw) : {};
    if (path === "/__admin/health") return { status: 200, body: { ok: true } };
    if (path === "/__admin/reset" && method === "POST") {
      state.reset();
      resetStats();
      return { status: 204 };
    }
    if (path === "/__admin/stats") {
      if (method === "DELETE") {
        resetStats();
        return { status: 204 };
      }
      return { status: 200, body: stats };
    }
    if (path === "/__admin/faults") {
      if (method === "PUT") {
        let next: FaultOptions;
        try {
          next = validateFaults(body);
        } catch (e) {
          return { status: 400, body: { message: (e as Error).message } };
        }
        faults.configure(next);
        quota.othersShare = faults.othersShare;
        return { status: 200, body: { options: faults.options, counts: faults.counts } };
      }
      if (method === "GET") return { status: 200, body: { options: faults.options, counts: faults.counts } };
    }
    if (path === "/__admin/data") return { status: 200, body: state.data };
    if (path === "/__admin/quota" && method === "POST") {
      // another app on the store spends part of the quota
      const spend = Number((body as { spend?: unknown }).spend);
      if (!Number.isInteger(spend) || spend < 0)
        return { status: 400, body: { message: "spend must be a non-negative integer" } };
      quota.spend(spend);
      return { status: 200, body: quota.headers() };
    }
    // Raw edit of an object, read-only fields included (a customer using a coupon, say).
    const m = /^\/__admin\/(coupons|banners|gift_certificates|promotions|promotion_codes)\/(\d+)$/.exec(path);
    if (m && method === "PATCH") {
      const list = state.data[m[1] as "coupons" | "banners" | "gift_certificates" | "promotions" | "promotion_codes"];
      const obj = list.find((o) => o.id === Number(m[2]));
      if (!obj) return { status: 404, body: { message: "not found" } };
      Object.assign(obj, body);
      state.save();
      return { status: 200, body: obj };
    }
    return { status: 404, body: { message: `unknown admin path ${path}` } };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    quota,
    faults,
    get stats() {
      return stats;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
