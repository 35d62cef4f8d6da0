/**
 * Fault injection of the local store: each fault mode over real HTTP, the seeded generator,
 * the admin endpoint that changes faults at run time, and the CLI flags.
 *
 * The clock is jest's fake one (test/fake-clock.ts), the store's too: slow answers, storms and
 * the others' share of the window follow it, so each duration and count asserted is exact.
 */
import { parseArgs } from "../../store/cli";
import { FaultInjector, seededRandom, validateFaults } from "../../store/faults";
import { QuotaWindow } from "../../store/ratelimit";
import { LocalStore, LocalStoreOptions, startLocalStore } from "../../store/server";
import { until, useFakeClock } from "../fake-clock";
import { adminCall, v2Call } from "./http";

const HASH = "fault0";
const TOKEN = "fault-token";
/** Moves the fake clock on by `ms` (no store timer is pending: nothing is waiting to fire). */
const pass = (ms: number) => jest.advanceTimersByTime(ms);

beforeEach(() => useFakeClock());
afterEach(() => jest.useRealTimers());

const coupon = (n: number) => ({
  name: `Fault coupon ${n}`,
  code: `FAULT${n}`,
  type: "per_total_discount",
  amount: "5",
  applies_to: { entity: "categories", ids: [0] },
});

/** A v2 call that reports a destroyed connection as status 0 instead of throwing. */
async function call(
  store: LocalStore,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<{ status: number; headers?: Headers; json?: any }> {
  try {
    return await v2Call(store, method, apiPath, { hash: HASH, token: TOKEN, body });
  } catch {
    return { status: 0 };
  }
}

async function withStore(options: LocalStoreOptions, fn: (store: LocalStore) => Promise<void>): Promise<void> {
  const store = await startLocalStore({ port: 0, ...options });
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

describe("seeded generator", () => {
  test("the same seed gives the same sequence, another seed another one", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const sa = Array.from({ length: 20 }, () => a());
    const sb = Array.from({ length: 20 }, () => b());
    const sc = Array.from({ length: 20 }, () => c());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  test("two injectors with one seed decide the same faults for the same requests", () => {
    const opts = { seed: 7, errorRate: 0.2, dropRate: 0.1, lostResponseRate: 0.3, slowRate: 0.1, slowMs: 5 };
    const kinds = (inj: FaultInjector) =>
      Array.from({ length: 300 }, (_, i) => inj.decide(i % 3 ? "POST" : "GET").kind);
    const first = kinds(new FaultInjector(opts));
    expect(kinds(new FaultInjector(opts))).toEqual(first);
    expect(kinds(new FaultInjector({ ...opts, seed: 8 }))).not.toEqual(first);
    // the fractions are roughly what was asked for
    const drops = first.filter((k) => k === "drop").length;
    expect(drops).toBeGreaterThan(15);
    expect(drops).toBeLessThan(50);
  });

  test("configure restarts the sequence", () => {
    const inj = new FaultInjector({ seed: 3, errorRate: 0.5 });
    const one = Array.from({ length: 50 }, () => inj.decide("GET").kind);
    inj.configure({ seed: 3, errorRate: 0.5 });
    expect(Array.from({ length: 50 }, () => inj.decide("GET").kind)).toEqual(one);
  });

  test("lost responses apply to writes only", () => {
    const inj = new FaultInjector({ lostResponseRate: 1 });
    expect(inj.decide("GET").kind).toBe("none");
    expect(inj.decide("POST").kind).toBe("lose");
    expect(inj.decide("PUT").kind).toBe("lose");
    expect(inj.decide("DELETE").kind).toBe("lose");
  });
});

describe("validateFaults", () => {
  test.each([
    [{ errorRate: 1.5 }, /errorRate: must be a number from 0 to 1/],
    [{ dropRate: "0.1" }, /dropRate: must be a number from 0 to 1/],
    [{ stormMs: -1 }, /stormMs: must be a non-negative integer/],
    [{ seed: 1.5 }, /seed: must be a non-negative integer/],
    [{ chaos: 1 }, /chaos: is not a fault option/],
    [[], /faults must be a JSON object/],
  ])("refuses %j", (input, message) => {
    expect(() => validateFaults(input)).toThrow(message);
  });

  test("startLocalStore refuses bad fault options naming the field", async () => {
    await expect(startLocalStore({ port: 0, faults: { slowRate: 2 } })).rejects.toThrow(/slowRate/);
  });
});

describe("fault modes over HTTP", () => {
  test("errorRate 1: every request is a 5xx and nothing is created", () =>
    withStore({ faults: { errorRate: 1 } }, async (store) => {
      for (let i = 0; i < 6; i++) {
        const r = await call(store, "POST", "/coupons", coupon(i));
        expect([500, 502, 503]).toContain(r.status);
        expect(r.json[0].message).toMatch(/injected fault/);
        expect(r.headers?.get("X-Rate-Limit-Requests-Left")).not.toBeNull();
      }
      expect(store.state.data.coupons).toHaveLength(0);
      expect(store.stats.faults.errors).toBe(6);
    }));

  test("dropRate 1: the connection is destroyed before any answer and nothing is created", () =>
    withStore({ faults: { dropRate: 1 } }, async (store) => {
      expect((await call(store, "POST", "/coupons", coupon(1))).status).toBe(0);
      expect((await call(store, "GET", "/coupons")).status).toBe(0);
      expect(store.state.data.coupons).toHaveLength(0);
      expect(store.stats.faults.dropped).toBe(2);
    }));

  test("lostResponseRate 1: a write is carried out and its answer lost; reads are answered", () =>
    withStore({ faults: { lostResponseRate: 1 } }, async (store) => {
      expect((await call(store, "POST", "/coupons", coupon(1))).status).toBe(0);
      expect(store.state.data.coupons.map((c) => c.code)).toEqual(["FAULT1"]);
      const list = await call(store, "GET", "/coupons");
      expect(list.status).toBe(200);
      expect(list.json).toHaveLength(1);
      const id = store.state.data.coupons[0].id;
      expect((await call(store, "DELETE", `/coupons/${id}`)).status).toBe(0);
      expect(store.state.data.coupons).toHaveLength(0);
      expect(store.stats.faults.lostResponses).toBe(2);
    }));

  test("lostResponseRate 1: a write the store refuses is answered (nothing was done to lose)", () =>
    withStore({ faults: { lostResponseRate: 1 } }, async (store) => {
      await call(store, "POST", "/coupons", coupon(1));
      const again = await call(store, "POST", "/coupons", coupon(1));
      expect(again.status).toBe(409);
      expect(store.state.data.coupons).toHaveLength(1);
    }));

  test("slowRate 1: every answer comes slowMs later, not before", () =>
    withStore({ faults: { slowRate: 1, slowMs: 250 } }, async (store) => {
      const sent = Date.now();
      let answeredAt: number | undefined;
      const answer = call(store, "GET", "/coupons").then((a) => ((answeredAt = Date.now()), a));
      await until(() => jest.getTimerCount() === 1); // the store holds the request
      await jest.advanceTimersByTimeAsync(249);
      expect(jest.getTimerCount()).toBe(1);
      expect(answeredAt).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect((await answer).status).toBe(204);
      // the clock stood still at 250 ms while the answer came
      expect((answeredAt as number) - sent).toBe(250);
      expect(store.stats.faults.slowed).toBe(1);
    }));

  test("a 429 storm after N requests refuses everything for stormMs, then the store answers again", () =>
    withStore({ quota: 1000, windowMs: 60_000, faults: { stormMs: 400, stormAfterRequests: 2 } }, async (store) => {
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
      const refused = await call(store, "POST", "/coupons", coupon(1));
      expect(refused.status).toBe(429);
      expect(refused.headers?.get("X-Rate-Limit-Requests-Left")).toBe("0");
      expect(Number(refused.headers?.get("X-Retry-After"))).toBeGreaterThanOrEqual(1);
      expect((await call(store, "GET", "/coupons")).status).toBe(429);
      expect(store.state.data.coupons).toHaveLength(0);
      pass(399); // the storm began at the third request
      expect((await call(store, "GET", "/coupons")).status).toBe(429);
      pass(1);
      expect((await call(store, "POST", "/coupons", coupon(1))).status).toBe(201);
      expect(store.stats.rateLimited).toBe(3);
      expect(store.stats.faults.storm429).toBe(3);
    }));

  test("othersShare: other apps spend their share of the window as it passes", () =>
    withStore({ quota: 100, windowMs: 1000, faults: { othersShare: 0.5 } }, async (store) => {
      const first = await call(store, "GET", "/coupons");
      // 1 of ours, none of theirs yet: the window has just opened
      expect(Number(first.headers?.get("X-Rate-Limit-Requests-Left"))).toBe(99);
      pass(600);
      const later = await call(store, "GET", "/coupons");
      // 2 of ours, 30 of theirs (half of the quota over 60% of the window)
      expect(Number(later.headers?.get("X-Rate-Limit-Requests-Left"))).toBe(68);
    }));

  test("faults never touch /__admin", () =>
    withStore({ faults: { dropRate: 1, errorRate: 1, stormMs: 60_000 } }, async (store) => {
      expect((await adminCall(store, "GET", "/health")).status).toBe(200);
      expect((await adminCall(store, "GET", "/data")).status).toBe(200);
    }));
});

describe("QuotaWindow with other apps", () => {
  test("othersShare spreads their use over the window and refuses ours when the sum is spent", () => {
    let now = 0;
    const q = new QuotaWindow(10, 1000, () => now);
    q.othersShare = 0.5;
    expect(q.take()).toBe(true); // window starts at 0
    expect(q.left()).toBe(9);
    now = 500;
    expect(q.left()).toBe(7); // 1 of ours, 2 of theirs
    for (let i = 0; i < 7; i++) expect(q.take()).toBe(true);
    expect(q.take()).toBe(false);
    now = 1000; // a new window
    expect(q.take()).toBe(true);
  });
});

describe("PUT /__admin/faults", () => {
  test("changes the faults of a running store and GET reports them with counts", () =>
    withStore({}, async (store) => {
      expect((await call(store, "POST", "/coupons", coupon(1))).status).toBe(201);
      const put = await adminCall(store, "PUT", "/faults", { errorRate: 1, seed: 5 });
      expect(put.status).toBe(200);
      expect(put.json.options).toEqual({ errorRate: 1, seed: 5 });
      expect([500, 502, 503]).toContain((await call(store, "POST", "/coupons", coupon(2))).status);
      const got = await adminCall(store, "GET", "/faults");
      expect(got.json.counts.errors).toBe(1);
      // an empty object turns every fault off
      await adminCall(store, "PUT", "/faults", {});
      expect((await call(store, "POST", "/coupons", coupon(3))).status).toBe(201);
      expect(store.state.data.coupons.map((c) => c.code)).toEqual(["FAULT1", "FAULT3"]);
    }));

  test("a bad option is a 400 naming it, and the faults stay as they were", () =>
    withStore({ faults: { slowRate: 0 } }, async (store) => {
      const r = await adminCall(store, "PUT", "/faults", { dropRate: 3 });
      expect(r.status).toBe(400);
      expect(r.json.message).toMatch(/dropRate: must be a number from 0 to 1/);
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
    }));

  test("othersShare set at run time shrinks the quota", () =>
    withStore({ quota: 100, windowMs: 400 }, async (store) => {
      await adminCall(store, "PUT", "/faults", { othersShare: 1 });
      await call(store, "GET", "/coupons");
      pass(420); // a new window, entirely spent by the others by its end
      await call(store, "GET", "/coupons");
      pass(380);
      const late = await call(store, "GET", "/coupons");
      // 2 of ours, 95 of theirs (the whole quota over 95% of the window)
      expect(Number(late.headers?.get("X-Rate-Limit-Requests-Left"))).toBe(3);
    }));
});

describe("store CLI flags", () => {
  test("--fault-* flags become fault options", () => {
    const { values, faults } = parseArgs([
      "--port",
      "0",
      "--quota",
      "150",
      "--fault-seed",
      "9",
      "--fault-error-rate",
      "0.1",
      "--fault-drop-rate",
      "0.05",
      "--fault-lost-response-rate",
      "0.2",
      "--fault-slow-rate",
      "0.1",
      "--fault-slow-ms",
      "500",
      "--fault-others-share",
      "0.3",
      "--fault-storm-ms",
      "5000",
      "--fault-storm-after",
      "100",
    ]);
    expect(values).toMatchObject({ port: "0", quota: "150" });
    expect(faults).toEqual({
      seed: 9,
      errorRate: 0.1,
      dropRate: 0.05,
      lostResponseRate: 0.2,
      slowRate: 0.1,
      slowMs: 500,
      othersShare: 0.3,
      stormMs: 5000,
      stormAfterRequests: 100,
    });
  });

  test.each([
    [["--fault-error-rate", "2"], /--fault-error-rate: must be a number from 0 to 1/],
    [["--fault-drop-rate", "lots"], /--fault-drop-rate: must be a number/],
    [["--fault-chaos", "1"], /unknown flag --fault-chaos/],
    [["--fault-storm-ms"], /--fault-storm-ms needs a value/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
