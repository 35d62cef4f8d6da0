/**
 * The rate limiter against the local store's quota: one limiter per store shared by every client
 * of a process (as the resources of one `pulumi` run share it), spending the quota without 429s
 * in the steady state, recovering when other apps spend it, and giving up within bounds.
 */
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient, ClientOptions } from "../../../provider/client/http";
import { limiterFor, RateLimiter } from "../../../provider/client/ratelimit";
import { currentClient } from "../../../provider/config";
import { LocalStore, LocalStoreOptions, startLocalStore } from "../../../store/server";

const TOKEN = "limiter-test-token";

async function withStore(options: LocalStoreOptions, fn: (store: LocalStore) => Promise<void>): Promise<void> {
  const store = await startLocalStore({ port: 0, accessToken: TOKEN, ...options });
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

const clientOf = (store: LocalStore, extra: Partial<ClientOptions> = {}) =>
  new BigCommerceClient({ storeHash: "lim", accessToken: TOKEN, apiUrl: store.url, ...extra });

describe("one limiter per store", () => {
  test("clients of one store share the process-wide limiter; another store gets its own", () =>
    withStore({}, async (store) => {
      const a = clientOf(store);
      const b = clientOf(store);
      expect(a.rateLimiter).toBe(b.rateLimiter);
      expect(a.rateLimiter).toBe(limiterFor(`${store.url}/stores/lim`));
      expect(clientOf(store, { storeHash: "other" }).rateLimiter).not.toBe(a.rateLimiter);
    }));

  test("the provider runtime's client (what every resource of a run calls) is one instance with that limiter", () =>
    withStore({}, async (store) => {
      const saved = { ...process.env };
      try {
        process.env.BIGCOMMERCE_API_URL = store.url;
        process.env.BIGCOMMERCE_STORE_HASH = "lim";
        process.env.BIGCOMMERCE_ACCESS_TOKEN = TOKEN;
        const c = currentClient();
        expect(currentClient()).toBe(c);
        expect(c.rateLimiter).toBe(clientOf(store).rateLimiter);
      } finally {
        process.env = saved;
      }
    }));
});

describe("spending the local store's quota", () => {
  test("many clients of one store, 150 requests against 40 per 600 ms: all succeed, (almost) no 429", () =>
    withStore({ quota: 40, windowMs: 600 }, async (store) => {
      const clients = Array.from({ length: 6 }, () => clientOf(store, { storeHash: "steady" }));
      const started = Date.now();
      await Promise.all(Array.from({ length: 150 }, (_, i) => clients[i % clients.length].get("/v2/coupons/count")));
      // No 429 on a quiet machine; a loaded one (an event loop stalled past a window's edge) may
      // see a refusal or two. A client without the shared limiter meets over a hundred here.
      expect(store.stats.rateLimited).toBeLessThanOrEqual(5);
      expect(store.stats.total).toBe(150 + store.stats.rateLimited);
      // the quota sets the pace: 150 requests need at least three resets
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 600 - 100);
    }));

  test("other apps spending half of every window: everything succeeds, with few 429s", () =>
    withStore({ quota: 40, windowMs: 500, faults: { othersShare: 0.5 } }, async (store) => {
      const client = clientOf(store, { storeHash: "others" });
      const results = await Promise.all(
        Array.from({ length: 100 }, () => client.get<{ count: number }>("/v2/coupons/count")),
      );
      expect(results.every((r) => r?.count === 0)).toBe(true);
      // Requests already in flight when the others' share grows are refused (a few per window,
      // more on a loaded machine); a client without the shared limiter meets 60 or more here.
      expect(store.stats.rateLimited).toBeLessThan(40);
    }));

  test("another app spending the whole window while the client was idle: one 429, then the client waits for the reset", () =>
    withStore({ quota: 20, windowMs: 2500 }, async (store) => {
      const client = clientOf(store, { storeHash: "spent" });
      await client.get("/v2/coupons/count"); // opens the window
      await fetch(`${store.url}/__admin/quota`, { method: "POST", body: JSON.stringify({ spend: 20 }) });
      await new Promise((r) => setTimeout(r, 1100)); // idle: what the limiter knew is stale
      await Promise.all(Array.from({ length: 30 }, () => client.get("/v2/coupons/count")));
      expect(store.stats.rateLimited).toBe(1);
      expect(store.stats.total).toBe(1 + 1 + 30);
    }));

  test("a 429 storm shorter than the bounds is waited out and nothing fails", () =>
    withStore({ quota: 1000, windowMs: 200, faults: { stormMs: 800, stormAfterRequests: 5 } }, async (store) => {
      const client = clientOf(store, { storeHash: "short-storm" });
      await Promise.all(Array.from({ length: 20 }, () => client.get("/v2/coupons/count")));
      expect(store.stats.faults.storm429).toBeGreaterThan(0);
    }));

  test("a 429 storm beyond the bounds fails each write with an error saying nothing was created", () =>
    withStore({ quota: 1000, windowMs: 100, faults: { stormMs: 60_000 } }, async (store) => {
      const client = clientOf(store, { storeHash: "long-storm", maxRateLimitRetries: 3, limiter: new RateLimiter() });
      const err = (await client.post("/v2/coupons", { name: "x" }).catch((e) => e)) as BigCommerceApiError;
      expect(err).toBeInstanceOf(BigCommerceApiError);
      expect(err.status).toBe(429);
      expect(err.ambiguous).toBe(false);
      expect(err.message).toMatch(
        /^BigCommerce API POST \/v2\/coupons: gave up: rate limited 4 times in a row, after 4 attempts over \d\.\d s \(last: 429 Too Many Requests: .*\); nothing was changed$/,
      );
      expect(err.message).not.toContain(TOKEN);
      expect(store.state.data.coupons).toHaveLength(0);
    }));

  test("5xx and dropped connections on reads are retried until they succeed", () =>
    withStore({ faults: { errorRate: 0.3, dropRate: 0.2, seed: 11 } }, async (store) => {
      const client = clientOf(store, { storeHash: "flaky", backoffMs: 5, maxRetries: 8 });
      const results = await Promise.all(
        Array.from({ length: 40 }, () => client.get<{ count: number }>("/v2/coupons/count")),
      );
      expect(results.every((r) => r?.count === 0)).toBe(true);
      expect(store.stats.faults.errors + store.stats.faults.dropped).toBeGreaterThan(5);
    }));

  test("a POST whose answer is lost is ambiguous and the coupon exists in the store", () =>
    withStore({ faults: { lostResponseRate: 1 } }, async (store) => {
      const client = clientOf(store, { storeHash: "lost" });
      const err = (await client
        .post("/v2/coupons", {
          name: "Lost",
          code: "LOST1",
          type: "per_total_discount",
          amount: "5",
          applies_to: { entity: "categories", ids: [0] },
        })
        .catch((e) => e)) as BigCommerceApiError;
      expect(err.ambiguous).toBe(true);
      expect(err.message).toMatch(
        /the object may have been created all the same: look it up before creating it again$/,
      );
      expect(store.state.data.coupons.map((c) => c.code)).toEqual(["LOST1"]);
    }));
});
