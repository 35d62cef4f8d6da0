/**
 * The client keeps to the v3 endpoints' caps on requests in flight (10 on a promotion's codes,
 * 40 on promotions), so a burst of parallel resource operations meets no 429 from them.
 */
import { enterCapped, gateFor, Semaphore } from "../../../provider/client/concurrency";
import { BigCommerceClient } from "../../../provider/client/http";
import { LocalStore, startLocalStore } from "../../../store/server";

const TOKEN = "concurrency-test-token";

describe("Semaphore", () => {
  test("lets `size` holders in at once and hands slots on in arrival order", async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const holders = Array.from({ length: 5 }, (_, i) =>
      s.take().then(async (release) => {
        order.push(i);
        expect(s.used).toBeLessThanOrEqual(2);
        await new Promise((r) => setTimeout(r, 5));
        release();
        release(); // a second call gives nothing back twice
      }),
    );
    await Promise.all(holders);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(s.highWater).toBe(2);
    expect(s.used).toBe(0);
  });
});

describe("enterCapped", () => {
  test("a promotion's codes count against the codes pool and the promotions pool; v2 paths against none", async () => {
    const key = `test-store-${process.pid}`;
    const leaveCodes = await enterCapped(key, "/v3/promotions/7/codes?id:in=1,2");
    const leaveGen = await enterCapped(key, "/v3/promotions/7/codegen");
    const leavePromo = await enterCapped(key, "/v3/promotions/7");
    const leaveV2 = await enterCapped(key, "/v2/coupons/3");
    expect(gateFor(key, "codes", 10).used).toBe(2);
    expect(gateFor(key, "promotions", 40).used).toBe(3);
    [leaveCodes, leaveGen, leavePromo, leaveV2].forEach((l) => l());
    expect(gateFor(key, "codes", 10).used).toBe(0);
    expect(gateFor(key, "promotions", 40).used).toBe(0);
  });
});

describe("a burst of code creations against the local store (100 ms latency, cap 10 on codes)", () => {
  let store: LocalStore;
  let promotionId: number;

  beforeAll(async () => {
    store = await startLocalStore({ quota: 100_000, accessToken: TOKEN, latencyMs: 100 });
    const client = new BigCommerceClient({ storeHash: "conc", accessToken: TOKEN, apiUrl: store.url });
    const created = await client.post<{ data: { id: number } }>("/v3/promotions", {
      name: "Burst",
      redemption_type: "COUPON",
      rules: [{ action: { cart_value: { discount: { fixed_amount: "5" } } } }],
    });
    promotionId = created!.data.id;
  });

  afterAll(() => store?.close());

  test("without the client's gate, the store refuses requests over its cap with 429 (the cap is real)", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${store.url}/stores/conc/v3/promotions/${promotionId}/codes`, {
          method: "POST",
          headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
          body: JSON.stringify({ code: `RAW${i}`, max_uses: 1 }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  test("30 parallel POSTs through the client: every code created, no 429, at most 10 in flight", async () => {
    const client = new BigCommerceClient({ storeHash: "conc", accessToken: TOKEN, apiUrl: store.url });
    const before = store.state.data.promotion_codes.length;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        client.post(`/v3/promotions/${promotionId}/codes`, { code: `BURST${i}`, max_uses: 1 }),
      ),
    );
    expect(client.stats.rateLimited).toBe(0);
    expect(client.stats.requests.POST).toBe(30);
    expect(store.state.data.promotion_codes.length - before).toBe(30);
    expect(gateFor(`${store.url}/stores/conc`, "codes", 10).highWater).toBe(10);
  });
});
