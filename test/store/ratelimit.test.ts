/**
 * Authentication, the request quota and latency of the local store, over real HTTP, plus the
 * quota window itself on a fake clock.
 *
 * The clock is jest's fake one (test/fake-clock.ts), the store's too: its quota windows and
 * latency follow it, so each reset and delay asserted is exact.
 */
import { QuotaWindow } from "../../store/ratelimit";
import { LocalStore, LocalStoreOptions, startLocalStore } from "../../store/server";
import { until, useFakeClock } from "../fake-clock";
import { adminCall, Answer, expectV2Error, v2Call } from "./http";

const HASH = "rl0hash";

/** A v2 request with "some-token" unless `token` says otherwise (null: no X-Auth-Token). */
const call = (
  store: LocalStore,
  method: string,
  apiPath: string,
  opts: { token?: string | null; body?: unknown } = {},
): Promise<Answer> =>
  v2Call(store, method, apiPath, {
    hash: HASH,
    token: opts.token === undefined ? "some-token" : opts.token,
    body: opts.body,
  });

const LIMIT_HEADERS = [
  "X-Rate-Limit-Requests-Quota",
  "X-Rate-Limit-Requests-Left",
  "X-Rate-Limit-Time-Reset-Ms",
  "X-Rate-Limit-Time-Window-Ms",
];

const left = (a: Answer) => Number(a.headers.get("X-Rate-Limit-Requests-Left"));

beforeEach(() => useFakeClock());
afterEach(() => jest.useRealTimers());

const coupon = (n: number) => ({
  name: `RL coupon ${n}`,
  code: `RL${n}`,
  type: "per_total_discount",
  amount: "5",
  applies_to: { entity: "categories", ids: [0] },
});

/** Runs `fn` against a store started with `options`, closing it afterwards. */
async function withStore(options: LocalStoreOptions, fn: (store: LocalStore) => Promise<void>): Promise<void> {
  const store = await startLocalStore({ port: 0, ...options });
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

describe("authentication", () => {
  test("a request without X-Auth-Token is refused with a v2 401", () =>
    withStore({}, async (store) => {
      expectV2Error(await call(store, "GET", "/coupons", { token: null }), 401);
      expectV2Error(await call(store, "POST", "/coupons", { token: null, body: coupon(1) }), 401);
      expect(store.state.data.coupons).toHaveLength(0);
    }));

  test("an empty X-Auth-Token is refused with 401", () =>
    withStore({}, async (store) => {
      expectV2Error(await call(store, "GET", "/coupons", { token: "" }), 401);
    }));

  test("without accessToken any non-empty token is accepted", () =>
    withStore({}, async (store) => {
      expect((await call(store, "GET", "/coupons/count", { token: "whatever" })).status).toBe(200);
    }));

  test("with accessToken a wrong token is refused with 401 and the right one accepted", () =>
    withStore({ accessToken: "the-right-token" }, async (store) => {
      expectV2Error(await call(store, "GET", "/coupons/count", { token: "the-wrong-token" }), 401);
      expectV2Error(await call(store, "POST", "/coupons", { token: "the-wrong-token", body: coupon(1) }), 401);
      expect(store.state.data.coupons).toHaveLength(0);
      const ok = await call(store, "GET", "/coupons/count", { token: "the-right-token" });
      expect(ok.status).toBe(200);
      expect(ok.json).toEqual({ count: 0 });
    }));

  test("a 401 request does not count against the quota nor in the stats", () =>
    withStore({ quota: 3, windowMs: 60_000, accessToken: "good" }, async (store) => {
      for (let i = 0; i < 5; i++) expect((await call(store, "GET", "/coupons", { token: "bad" })).status).toBe(401);
      for (let i = 0; i < 3; i++)
        expect((await call(store, "GET", "/coupons/count", { token: null })).status).toBe(401);
      const first = await call(store, "GET", "/coupons/count", { token: "good" });
      expect(first.status).toBe(200);
      expect(left(first)).toBe(2);
      expect((await call(store, "GET", "/coupons/count", { token: "good" })).status).toBe(200);
      expect((await call(store, "GET", "/coupons/count", { token: "good" })).status).toBe(200);
      const stats = await adminCall(store, "GET", "/stats");
      expect(stats.json.total).toBe(3);
    }));
});

describe("rate-limit headers", () => {
  test("every API answer carries the four rate-limit headers, with the default quota and window", () =>
    withStore({}, async (store) => {
      const created = await call(store, "POST", "/coupons", { body: coupon(1) });
      const answers = [
        created, // 201
        await call(store, "GET", `/coupons/${created.json.id}`), // 200
        await call(store, "GET", "/coupons?code=NONE"), // 204
        await call(store, "POST", "/coupons", { body: { name: "x" } }), // 400
        await call(store, "GET", "/coupons/424242"), // 404
        await call(store, "POST", "/coupons", { body: coupon(1) }), // 409
      ];
      expect(answers.map((a) => a.status)).toEqual([201, 200, 204, 400, 404, 409]);
      for (const a of answers) {
        for (const h of LIMIT_HEADERS) expect(a.headers.get(h)).toMatch(/^\d+$/);
        expect(a.headers.get("X-Rate-Limit-Requests-Quota")).toBe("150");
        expect(a.headers.get("X-Rate-Limit-Time-Window-Ms")).toBe("30000");
        const reset = Number(a.headers.get("X-Rate-Limit-Time-Reset-Ms"));
        expect(reset).toBeGreaterThan(0);
        expect(reset).toBeLessThanOrEqual(30_000);
      }
    }));

  test("X-Rate-Limit-Requests-Left goes down by one per request", () =>
    withStore({ quota: 10, windowMs: 60_000 }, async (store) => {
      const seen: number[] = [];
      for (let i = 0; i < 4; i++) seen.push(left(await call(store, "GET", "/coupons")));
      expect(seen).toEqual([9, 8, 7, 6]);
    }));

  test("the quota and window headers follow the store's options", () =>
    withStore({ quota: 7, windowMs: 12_000 }, async (store) => {
      const a = await call(store, "GET", "/coupons/count");
      expect(a.headers.get("X-Rate-Limit-Requests-Quota")).toBe("7");
      expect(a.headers.get("X-Rate-Limit-Time-Window-Ms")).toBe("12000");
      expect(Number(a.headers.get("X-Rate-Limit-Time-Reset-Ms"))).toBeLessThanOrEqual(12_000);
    }));
});

describe("quota", () => {
  test("with quota 3 the 4th request in the window gets a v2 429 with X-Retry-After in whole seconds", () =>
    withStore({ quota: 3, windowMs: 5_000 }, async (store) => {
      for (let i = 0; i < 3; i++) expect((await call(store, "GET", "/coupons")).status).toBe(204);
      const a = await call(store, "GET", "/coupons");
      expectV2Error(a, 429);
      const retry = a.headers.get("X-Retry-After");
      expect(retry).toMatch(/^\d+$/);
      expect(Number(retry)).toBeGreaterThanOrEqual(1);
      expect(Number(retry)).toBeLessThanOrEqual(5);
      expect(a.headers.get("X-Rate-Limit-Requests-Left")).toBe("0");
      expect(a.headers.get("X-Rate-Limit-Requests-Quota")).toBe("3");
      expect((await adminCall(store, "GET", "/stats")).json.rateLimited).toBe(1);
    }));

  test("a write refused with 429 does not happen", () =>
    withStore({ quota: 1, windowMs: 5_000 }, async (store) => {
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
      expectV2Error(await call(store, "POST", "/coupons", { body: coupon(1) }), 429);
      expect(store.state.data.coupons).toHaveLength(0);
    }));

  test("X-Retry-After is at least 1 even when the window ends in less than a second", () =>
    withStore({ quota: 1, windowMs: 400 }, async (store) => {
      await call(store, "GET", "/coupons");
      const a = await call(store, "GET", "/coupons");
      expect(a.status).toBe(429);
      expect(a.headers.get("X-Retry-After")).toBe("1");
    }));

  test("after the window has passed requests go through again with a fresh quota", () =>
    withStore({ quota: 2, windowMs: 400 }, async (store) => {
      await adminCall(store, "POST", "/quota", { spend: 2 });
      const refused = await call(store, "GET", "/coupons");
      expect(refused.status).toBe(429);
      const resetMs = Number(refused.headers.get("X-Rate-Limit-Time-Reset-Ms"));
      expect(resetMs).toBe(400);
      jest.advanceTimersByTime(resetMs - 1);
      expect((await call(store, "GET", "/coupons")).status).toBe(429);
      jest.advanceTimersByTime(1);
      const again = await call(store, "GET", "/coupons");
      expect(again.status).toBe(204);
      expect(left(again)).toBe(1);
    }));

  test("POST /__admin/quota {spend} uses up quota as another app would", () =>
    withStore({ quota: 3, windowMs: 60_000 }, async (store) => {
      const spent = await adminCall(store, "POST", "/quota", { spend: 2 });
      expect(spent.status).toBe(200);
      expect(spent.json["X-Rate-Limit-Requests-Left"]).toBe("1");
      const last = await call(store, "GET", "/coupons");
      expect(last.status).toBe(204);
      expect(left(last)).toBe(0);
      expect((await call(store, "GET", "/coupons")).status).toBe(429);
    }));

  test("spending more than the quota leaves none, not a negative count", () =>
    withStore({ quota: 3, windowMs: 60_000 }, async (store) => {
      const spent = await adminCall(store, "POST", "/quota", { spend: 10 });
      expect(spent.json["X-Rate-Limit-Requests-Left"]).toBe("0");
      expect((await call(store, "GET", "/coupons")).status).toBe(429);
    }));

  test("admin requests neither need a token nor spend quota", () =>
    withStore({ quota: 1, windowMs: 60_000 }, async (store) => {
      for (let i = 0; i < 3; i++) expect((await adminCall(store, "GET", "/health")).status).toBe(200);
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
    }));
});

describe("latency", () => {
  test("latencyMs delays every API answer by that long, not less", () =>
    withStore({ latencyMs: 150 }, async (store) => {
      for (const token of ["ok", null]) {
        const sent = Date.now();
        let answeredAt: number | undefined;
        const answer = call(store, "GET", "/coupons", { token }).then((a) => ((answeredAt = Date.now()), a));
        await until(() => jest.getTimerCount() === 1); // the store holds the request
        await jest.advanceTimersByTimeAsync(149);
        expect(jest.getTimerCount()).toBe(1);
        expect(answeredAt).toBeUndefined();
        await jest.advanceTimersByTimeAsync(1);
        expect([204, 401]).toContain((await answer).status);
        // the clock stood still at 150 ms while the answer came
        expect((answeredAt as number) - sent).toBe(150);
      }
    }));
});

describe("QuotaWindow on a fake clock", () => {
  test("counts requests up to the quota within a window and starts over at its end", () => {
    let now = 1_000_000;
    const q = new QuotaWindow(2, 1_000, () => now);
    expect(q.take()).toBe(true);
    expect(q.take()).toBe(true);
    expect(q.take()).toBe(false);
    now += 999;
    expect(q.take()).toBe(false);
    expect(q.headers()["X-Rate-Limit-Time-Reset-Ms"]).toBe("1");
    expect(q.retryAfterSeconds()).toBe(1);
    now += 1;
    expect(q.take()).toBe(true);
    expect(q.headers()["X-Rate-Limit-Requests-Left"]).toBe("1");
    expect(q.headers()["X-Rate-Limit-Time-Reset-Ms"]).toBe("1000");
  });

  test("X-Retry-After rounds the time to the reset up to whole seconds", () => {
    let now = 50_000;
    const q = new QuotaWindow(1, 30_000, () => now);
    q.take();
    now += 100;
    expect(q.retryAfterSeconds()).toBe(30);
    now += 28_950;
    expect(q.retryAfterSeconds()).toBe(1);
  });

  test("a clock that starts at 0 still enforces the quota", () => {
    let now = 0;
    const q = new QuotaWindow(1, 1_000, () => now);
    expect(q.take()).toBe(true);
    expect(q.take()).toBe(false);
    now = 1_000;
    expect(q.take()).toBe(true);
  });
});
