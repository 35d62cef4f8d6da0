/**
 * The rate limiter against the local store's quota: one limiter per store shared by every client
 * of a process (as the resources of one `pulumi` run share it), spending the quota without 429s
 * in the steady state, recovering when other apps spend it, and giving up within bounds.
 *
 * The quota tests run on jest's fake clock (test/fake-clock.ts): the store's quota window and
 * faults, the limiter and the client's backoff read the same fake Date and timers, and the clock
 * moves only while no request is in flight, so each pace and count below is exact, however
 * loaded the machine.
 */
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient, ClientOptions } from "../../../provider/client/http";
import { limiterFor, RateLimiter } from "../../../provider/client/ratelimit";
import { currentClient } from "../../../provider/config";
import { LocalStore, LocalStoreOptions, startLocalStore } from "../../../store/server";
import { driveClock, useFakeClock } from "../../fake-clock";

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

/** A store on the fake clock, its clients, and the fake time at which each API request reached it. */
interface Clocked {
  store: LocalStore;
  /** A client of the store whose limiter the clock driver watches. */
  client(extra?: Partial<ClientOptions>): BigCommerceClient;
  /** When each API request reached the store (its fault layer decides once per request, before the quota). */
  arrivals: number[];
}

/**
 * Runs `fn` against a store on the fake clock, moved to the next timer whenever no limiter of the
 * store's clients has a request in flight (they all wait on a timer: the quota's reset, backoff).
 */
async function onFakeClock(options: LocalStoreOptions, fn: (t: Clocked) => Promise<void>): Promise<void> {
  useFakeClock();
  const limiters = new Set<RateLimiter>();
  const driver = driveClock(() => [...limiters].every((l) => l.snapshot().inFlight === 0));
  try {
    await withStore(options, async (store) => {
      const arrivals: number[] = [];
      const decide = store.faults.decide.bind(store.faults);
      jest.spyOn(store.faults, "decide").mockImplementation((method) => {
        arrivals.push(Date.now());
        return decide(method);
      });
      const client = (extra: Partial<ClientOptions> = {}) => {
        const c = clientOf(store, extra);
        limiters.add(c.rateLimiter);
        return c;
      };
      await fn({ store, client, arrivals });
    });
  } finally {
    await driver.stop();
    jest.useRealTimers();
  }
}

/** How many requests reached the store in each of its quota windows, as the store counts them (store/ratelimit.ts). */
function perWindow(arrivals: number[], windowMs: number): number[] {
  const counts: number[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (const at of arrivals) {
    if (at - start >= windowMs) {
      start = at;
      counts.push(0);
    }
    counts[counts.length - 1]++;
  }
  return counts;
}

describe("spending the local store's quota", () => {
  test("many clients of one store, 150 requests against 40 per 600 ms: all succeed, no 429, at the quota's pace", () =>
    onFakeClock({ quota: 40, windowMs: 600 }, async ({ store, client, arrivals }) => {
      const clients = Array.from({ length: 6 }, () => client({ storeHash: "steady" }));
      await Promise.all(Array.from({ length: 150 }, (_, i) => clients[i % clients.length].get("/v2/coupons/count")));
      // A client without the shared limiter meets over a hundred 429s here.
      expect(store.stats.rateLimited).toBe(0);
      expect(store.stats.total).toBe(150);
      expect(arrivals).toHaveLength(150);
      // the quota sets the pace: the store's windows (each opened by the first request after the
      // last one ended) take 40 requests each, as many as the quota allows and no more, so 150
      // requests need three resets, and no fourth
      expect(perWindow(arrivals, 600)).toEqual([40, 40, 40, 30]);
      expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(3 * 600);
    }));

  test("other apps spending half of every window, one request every 10 ms: everything succeeds, with few 429s", () =>
    onFakeClock({ quota: 40, windowMs: 500, faults: { othersShare: 0.5 } }, async ({ store, client }) => {
      // Requests come at an engine's pace rather than in one burst: on the fake clock a burst
      // is answered before any time passes, so the others' share could not grow during it.
      const c = client({ storeHash: "others" });
      const results: Array<Promise<{ count: number } | undefined>> = [];
      for (let i = 0; i < 100; i++) {
        results.push(c.get<{ count: number }>("/v2/coupons/count"));
        await new Promise((r) => setTimeout(r, 10));
      }
      expect((await Promise.all(results)).every((r) => r?.count === 0)).toBe(true);
      // The limiter holds back the others' pace for the rest of each window; what it cannot
      // foresee costs a refusal now and then, not one per request over the quota.
      expect(store.stats.rateLimited).toBeLessThanOrEqual(2);
      expect(store.stats.total).toBe(100 + store.stats.rateLimited);
    }));

  test("another app spending the whole window while the client was idle: one 429, then the client waits for the reset", () =>
    onFakeClock({ quota: 20, windowMs: 2500 }, async ({ store, client, arrivals }) => {
      const c = client({ storeHash: "spent" });
      const opened = Date.now();
      await c.get("/v2/coupons/count"); // opens the window
      await fetch(`${store.url}/__admin/quota`, { method: "POST", body: JSON.stringify({ spend: 20 }) });
      await new Promise((r) => setTimeout(r, 1100)); // idle: what the limiter knew is stale
      await Promise.all(Array.from({ length: 30 }, () => c.get("/v2/coupons/count")));
      expect(store.stats.rateLimited).toBe(1);
      expect(store.stats.total).toBe(1 + 1 + 30);
      // the window's opener, then one probe after the idle second (the 429)...
      expect(arrivals.slice(0, 2)).toEqual([opened, opened + 1100]);
      // ...and no request reaches the store before the fake clock passes the reset; all 30 do after
      expect(arrivals.slice(2)).toHaveLength(30);
      for (const at of arrivals.slice(2)) expect(at).toBeGreaterThanOrEqual(opened + 2500);
    }));

  test("a 429 storm shorter than the bounds is waited out and nothing fails", () =>
    onFakeClock(
      { quota: 1000, windowMs: 200, faults: { stormMs: 800, stormAfterRequests: 5 } },
      async ({ store, client }) => {
        const c = client({ storeHash: "short-storm" });
        await Promise.all(Array.from({ length: 20 }, () => c.get("/v2/coupons/count")));
        expect(store.stats.faults.storm429).toBeGreaterThan(0);
      },
    ));

  test("a 429 storm beyond the bounds fails each write with an error saying nothing was created", () =>
    onFakeClock({ quota: 1000, windowMs: 100, faults: { stormMs: 60_000 } }, async ({ store, client }) => {
      const c = client({ storeHash: "long-storm", maxRateLimitRetries: 3, limiter: new RateLimiter() });
      const err = (await c.post("/v2/coupons", { name: "x" }).catch((e) => e)) as BigCommerceApiError;
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
    onFakeClock({ faults: { errorRate: 0.3, dropRate: 0.2, seed: 11 } }, async ({ store, client }) => {
      const c = client({ storeHash: "flaky", backoffMs: 5, maxRetries: 8 });
      const results = await Promise.all(
        Array.from({ length: 40 }, () => c.get<{ count: number }>("/v2/coupons/count")),
      );
      expect(results.every((r) => r?.count === 0)).toBe(true);
      expect(store.stats.faults.errors + store.stats.faults.dropped).toBeGreaterThan(5);
    }));

  test("a POST whose answer is lost is ambiguous and the coupon exists in the store", () =>
    onFakeClock({ faults: { lostResponseRate: 1 } }, async ({ store, client }) => {
      const err = (await client({ storeHash: "lost" })
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
