/**
 * The client keeps to the v3 endpoints' caps on requests in flight (10 listing a promotion's codes
 * or generating them, 40 on every promotions and codes operation), so a burst of parallel resource
 * operations meets no 429 from them, and creating or deleting codes is not held to 10.
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
  test("listing codes and codegen count against the codes pool and the promotions pool; other code operations and promotions against the promotions pool; v2 paths against none", async () => {
    const key = `test-store-${process.pid}`;
    const leaves = [
      await enterCapped(key, "GET", "/v3/promotions/7/codes?limit=250"),
      await enterCapped(key, "POST", "/v3/promotions/7/codegen"),
      await enterCapped(key, "POST", "/v3/promotions/7/codes"),
      await enterCapped(key, "DELETE", "/v3/promotions/7/codes?id:in=1,2"),
      await enterCapped(key, "DELETE", "/v3/promotions/7/codes/3"),
      await enterCapped(key, "GET", "/v3/promotions/7"),
      await enterCapped(key, "GET", "/v2/coupons/3"),
    ];
    expect(gateFor(key, "codes", 10).used).toBe(2);
    expect(gateFor(key, "promotions", 40).used).toBe(6);
    leaves.forEach((l) => l());
    expect(gateFor(key, "codes", 10).used).toBe(0);
    expect(gateFor(key, "promotions", 40).used).toBe(0);
  });
});

describe("bursts on a promotion's codes against the local store (100 ms latency)", () => {
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

  const raw = (method: string, body?: unknown) =>
    fetch(`${store.url}/stores/conc/v3/promotions/${promotionId}/codes`, {
      method,
      headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  test("without the client's gate, the store refuses listings over 10 in flight with a 429 that has no rate-limit headers", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => raw("GET")));
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.headers.get("X-Rate-Limit-Requests-Left")).toBeNull();
  });

  test("the store takes 30 code creations at once (their cap is 40)", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => raw("POST", { code: `RAW${i}`, max_uses: 1 })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => 201));
  });

  test("30 parallel listings through the client: no 429, at most 10 in flight", async () => {
    const client = new BigCommerceClient({ storeHash: "conc", accessToken: TOKEN, apiUrl: store.url });
    await Promise.all(Array.from({ length: 30 }, () => client.get(`/v3/promotions/${promotionId}/codes`)));
    expect(client.stats.rateLimited).toBe(0);
    expect(client.stats.requests.GET).toBe(30);
    expect(gateFor(`${store.url}/stores/conc`, "codes", 10).highWater).toBe(10);
  });

  test("30 parallel POSTs of codes through the client: every code created, no 429, all 30 in flight at once", async () => {
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
    expect(gateFor(`${store.url}/stores/conc`, "promotions", 40).highWater).toBe(30);
  });
});
