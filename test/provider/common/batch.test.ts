/**
 * List-based refresh: many concurrent reads of one kind are served by a handful of
 * list calls (250 per page), counted by the local store's /__admin/stats; deleted objects are
 * still seen as gone; a read alone is one GET; diff never calls the API.
 */
import { bannerKind } from "../../../provider/banner/provider";
import { bulkCouponCodesKind } from "../../../provider/bulk-codes/provider";
import { BigCommerceClient } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { batchedReader, JUDGE_MAX_AGE_MS, listV2Around, READ_MAX_AGE_MS } from "../../../provider/common/batch";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { checkInputs } from "../../../provider/common/kind";
import { definitionOf } from "../../../provider/kinds";
import { handler } from "../../../provider/runtime";
import { storedCoupon } from "../../../tools/bench/run";
import { LocalStore, startLocalStore } from "../../../store/server";
import { addCode } from "../../../store/v3/codes";
import { ClockDriver, driveClock, useFakeClock } from "../../fake-clock";
import * as pulumi from "@pulumi/pulumi";
import { checked, TOKEN } from "../local-store";
import { resetStats, storeStats } from "./lossy-proxy";

let store: LocalStore;
let client: BigCommerceClient;

beforeEach(async () => {
  store = await startLocalStore({ quota: 100_000, accessToken: TOKEN });
  client = new BigCommerceClient({
    storeHash: "unit",
    accessToken: TOKEN,
    apiUrl: store.url,
    limiter: new RateLimiter(),
    maxRetries: 0,
  });
});

afterEach(async () => {
  await store.close();
});

/** Runs reads concurrently and returns their results with the requests the store served for them. */
async function counted<T>(
  reads: () => Promise<T[]>,
): Promise<{ results: T[]; requests: number; byMethod: Record<string, number> }> {
  await resetStats(store.url);
  const results = await reads();
  const stats = await storeStats(store.url);
  return { results, requests: stats.total, byMethod: stats.byMethod };
}

/** A home-page banner as the local store keeps it. */
function storedBanner(i: number) {
  return {
    id: i,
    name: `B${i}`,
    content: "x",
    page: "home_page",
    item_id: "0",
    location: "top",
    date_created: "1790000000",
    date_type: "always",
    date_from: "0",
    date_to: "0",
    visible: "1",
  };
}

const figures: string[] = [];
afterAll(() => {
  // the figures of the report
  console.log(`list-based refresh:\n${figures.join("\n")}`);
});

test("600 coupons, 600 concurrent reads: 3 list requests; every read gets its own coupon", async () => {
  const props = checked(couponKind, { name: "x", code: "x", type: "per_total_discount", amount: 1 });
  for (let i = 1; i <= 600; i++) {
    store.state.data.coupons.push(storedCoupon(i));
  }
  const { results, requests, byMethod } = await counted(() =>
    Promise.all(Array.from({ length: 600 }, (_, i) => couponKind.read(client, String(i + 1), props))),
  );
  results.forEach((r, i) => expect(r?.inputs.code).toBe(`C${i + 1}`));
  expect(byMethod).toEqual({ GET: 3 });
  figures.push(`  600 coupons: ${requests} requests (was 600)`);
});

test("deleted coupons are still seen as gone (each with its own GET), the others read from the list", async () => {
  const { id: a } = await couponKind.create(
    client,
    checked(couponKind, { name: "A", code: "A", type: "per_total_discount", amount: 1 }),
  );
  const { id: b } = await couponKind.create(
    client,
    checked(couponKind, { name: "B", code: "B", type: "per_total_discount", amount: 1 }),
  );
  const { id: c } = await couponKind.create(
    client,
    checked(couponKind, { name: "C", code: "C", type: "per_total_discount", amount: 1 }),
  );
  store.state.data.coupons = store.state.data.coupons.filter((x) => String(x.id) !== b);
  const { results, requests } = await counted(() =>
    Promise.all([a, b, c].map((id) => couponKind.read(client, id, {}))),
  );
  expect(results.map((r) => r?.inputs.name)).toEqual(["A", undefined, "C"]);
  expect(requests).toBe(2); // one list, one GET of the missing one (404)
});

test("a read alone is one request", async () => {
  const { id } = await couponKind.create(
    client,
    checked(couponKind, { name: "A", code: "A", type: "per_total_discount", amount: 1 }),
  );
  const { results, requests } = await counted(async () => [await couponKind.read(client, id, {})]);
  expect(results[0]?.inputs.name).toBe("A");
  expect(requests).toBe(1);
});

test("600 gift certificates and 600 banners: a handful of list requests each", async () => {
  for (let i = 1; i <= 600; i++) {
    store.state.data.gift_certificates.push({
      id: i,
      customer_id: 0,
      order_id: 0,
      code: `GC${i}`,
      to_name: "A",
      to_email: "a@example.com",
      from_name: "B",
      from_email: "b@example.com",
      amount: "10.0000",
      balance: "10.0000",
      status: "active",
      template: "general.html",
      message: "",
      purchase_date: "1790000000",
      expiry_date: "0",
      currency_code: "USD",
    });
    store.state.data.banners.push(storedBanner(i));
  }
  const gifts = await counted(() =>
    Promise.all(Array.from({ length: 600 }, (_, i) => giftCertificateKind.read(client, String(i + 1), {}))),
  );
  gifts.results.forEach((r, i) => expect(r?.outs.code).toBe(`GC${i + 1}`));
  expect(gifts.requests).toBe(3);
  const banners = await counted(() =>
    Promise.all(Array.from({ length: 600 }, (_, i) => bannerKind.read(client, String(i + 1), {}))),
  );
  banners.results.forEach((r, i) => expect(r?.inputs.name).toBe(`B${i + 1}`));
  expect(banners.requests).toBe(3);
  figures.push(`  600 gift certificates: ${gifts.requests} requests; 600 banners: ${banners.requests} requests`);
});

test("600 promotions: the v3 list sorted by id, 250 a page", async () => {
  const base = checked(promotionKind, {
    redemptionType: "AUTOMATIC",
    name: "P",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  });
  await promotionKind.create(client, base);
  const template = store.state.data.promotions[0];
  for (let i = 2; i <= 600; i++) store.state.data.promotions.push({ ...template, id: i, name: `P${i}` });
  const { results, requests } = await counted(() =>
    Promise.all(Array.from({ length: 600 }, (_, i) => promotionKind.read(client, String(i + 1), {}))),
  );
  results.forEach((r, i) => expect(r?.inputs.name).toBe(i === 0 ? "P" : `P${i + 1}`));
  expect(requests).toBe(3);
  figures.push(`  600 promotions: ${requests} requests (was 600)`);
});

test("a few promotions among many others are read one by one rather than paging through all", async () => {
  const base = checked(promotionKind, {
    redemptionType: "AUTOMATIC",
    name: "P",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  });
  await promotionKind.create(client, base);
  const template = store.state.data.promotions[0];
  for (let i = 2; i <= 2000; i++) store.state.data.promotions.push({ ...template, id: i, name: `P${i}` });
  const { results, requests } = await counted(() =>
    Promise.all(["5", "1999"].map((id) => promotionKind.read(client, id, {}))),
  );
  expect(results.map((r) => r?.inputs.name)).toEqual(["P5", "P1999"]);
  expect(requests).toBeLessThanOrEqual(3); // one page, then the one left over with its own GET
});

test("300 codes of one promotion and a bulk batch: one code listing (2 pages) for all their reads", async () => {
  const p = checked(promotionKind, {
    redemptionType: "COUPON",
    name: "Codes",
    couponType: "BULK",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  });
  const promotionId = Number((await promotionKind.create(client, p)).id);
  const ids: number[] = [];
  for (let i = 0; i < 300; i++)
    ids.push(addCode(store.state, promotionId, { code: `K${i}`, max_uses: 0, max_uses_per_customer: 0 }).id);
  const { results, requests } = await counted(() =>
    Promise.all([
      ...ids.map((id) => couponCodeKind.read(client, String(id), { promotionId })),
      bulkCouponCodesKind.read(client, "x", {
        promotionId,
        batchSize: 2,
        codeIds: ids.slice(0, 2),
        maxUses: 0,
        maxUsesPerCustomer: 0,
      }),
    ]),
  );
  results.slice(0, 300).forEach((r, i) => expect((r?.inputs as { code?: string } | undefined)?.code).toBe(`K${i}`));
  expect(results[300]?.outs.codes).toEqual(["K0", "K1"]);
  expect(requests).toBe(2);
  figures.push(
    `  300 coupon codes + 1 bulk batch of one promotion: ${requests} requests (was 301 listings of 2 pages each)`,
  );
});

test("a failing list rejects every read of its batch with the error", async () => {
  const stranger = new BigCommerceClient({
    storeHash: "unit",
    accessToken: "wrong",
    apiUrl: store.url,
    limiter: new RateLimiter(),
    maxRetries: 0,
  });
  const reads = ["1", "2"].map((id) => couponKind.read(stranger, id, {}));
  for (const r of reads) await expect(r).rejects.toThrow(/401/);
});

test("listV2Around never takes more calls than there are ids, however many objects lie between them, and returns the neighbours too", async () => {
  for (let i = 1; i <= 1000; i++) store.state.data.banners.push(storedBanner(i));
  const { results, requests } = await counted(async () => [
    await listV2Around<{ id: number }>(client, "/v2/banners", [300, 700, 1000]),
  ]);
  for (const id of [300, 700, 1000]) expect(results[0].has(id)).toBe(true);
  // the first page starts 249 below the lowest: 51..300 come with it
  expect(results[0].has(51)).toBe(true);
  expect(requests).toBeLessThanOrEqual(3);
});

test("batches are per client: two clients' reads do not mix", async () => {
  let manyCalls = 0;
  const read = batchedReader<number>({
    one: async (_c, id) => Number(id),
    many: async (_c, ids) => (manyCalls++, new Map(ids.map((i) => [i, i * 10]))),
    path: (id) => `/x/${id}`,
  });
  const other = new BigCommerceClient({ storeHash: "other", accessToken: TOKEN, apiUrl: store.url });
  expect(await Promise.all([read(client, "1"), read(client, "2"), read(other, "3")])).toEqual([10, 20, 30]);
  expect(manyCalls).toBe(2);
});

describe("on the fake clock: reads cost the same list calls whatever the order and pace of the engine", () => {
  let driver: ClockDriver;
  let clients: BigCommerceClient[];
  beforeEach(() => {
    useFakeClock();
    clients = [];
    // the clock moves only while no request of the test's clients is in flight
    driver = driveClock(() => clients.every((c) => c.rateLimiter.snapshot().inFlight === 0));
  });
  afterEach(async () => {
    await driver.stop();
    jest.useRealTimers();
  });

  /** Reads `ids` one after another, each once the one before was answered, `gapMs` apart. */
  async function oneByOne(c: BigCommerceClient, ids: number[], gapMs: number): Promise<Array<string | undefined>> {
    const names: Array<string | undefined> = [];
    for (const id of ids) {
      names.push((await couponKind.read(c, String(id), {}))?.inputs.name);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    return names;
  }
  const newClient = () => {
    const c = new BigCommerceClient({
      storeHash: "unit",
      accessToken: TOKEN,
      apiUrl: store.url,
      limiter: new RateLimiter(),
      maxRetries: 0,
    });
    clients.push(c);
    return c;
  };

  test("200 coupons read one by one 40 ms apart, ascending, descending or shuffled, or all at once: one list call each time", async () => {
    for (let i = 1; i <= 200; i++) store.state.data.coupons.push(storedCoupon(i));
    const ascending = Array.from({ length: 200 }, (_, i) => i + 1);
    const shuffled = [...ascending].sort((a, b) => ((a * 7919) % 200) - ((b * 7919) % 200));
    for (const order of [ascending, [...ascending].reverse(), shuffled]) {
      const c = newClient();
      expect(await oneByOne(c, order, 40)).toEqual(order.map((i) => `C${i}`));
      expect(c.stats.requests).toEqual({ GET: 1 });
    }
    const c = newClient();
    await Promise.all(ascending.map((i) => couponKind.read(c, String(i), {})));
    expect(c.stats.requests).toEqual({ GET: 1 });
  });

  test("a listing older than READ_MAX_AGE_MS answers no read: the store is listed again", async () => {
    for (let i = 1; i <= 3; i++) store.state.data.coupons.push(storedCoupon(i));
    const c = newClient();
    await oneByOne(c, [1], READ_MAX_AGE_MS + 1);
    store.state.data.coupons[1].name = "renamed";
    expect(await oneByOne(c, [2], 0)).toEqual(["renamed"]);
    expect(c.stats.requests).toEqual({ GET: 2 });
  });

  test("an object this process wrote since its listing is read anew", async () => {
    for (let i = 1; i <= 3; i++) store.state.data.coupons.push(storedCoupon(i));
    const c = newClient();
    await oneByOne(c, [1], 0);
    await c.put("/v2/coupons/2", { name: "renamed here" });
    expect(await oneByOne(c, [3, 2], 0)).toEqual(["C3", "renamed here"]);
    expect(c.stats.requests).toEqual({ GET: 2, PUT: 1 });
  });

  test("10 coupons among 10,000 others: at most 12 requests, read all at once or one by one in either order", async () => {
    // the store's own coupons first, then the stack's 10 (the newest), then 2,000 more
    for (let i = 1; i <= 10_000; i++) store.state.data.coupons.push(storedCoupon(i));
    const ours = Array.from({ length: 10 }, (_, i) => 10_001 + i);
    for (const id of ours) store.state.data.coupons.push(storedCoupon(id));
    for (let i = 10_011; i <= 12_000; i++) store.state.data.coupons.push(storedCoupon(i));
    for (const order of [ours, [...ours].reverse()]) {
      const c = newClient();
      expect(await oneByOne(c, order, 40)).toEqual(order.map((i) => `C${i}`));
      expect(c.stats.requests.GET).toBeLessThanOrEqual(12);
    }
    const c = newClient();
    await Promise.all(ours.map((i) => couponKind.read(c, String(i), {})));
    expect(c.stats.requests.GET).toBeLessThanOrEqual(12);
    figures.push(`  10 coupons among 12,000: ${c.stats.requests.GET} requests`);
  });

  test("10 coupons scattered among 10,000 others (every 1,000th id): one request per coupon at most", async () => {
    for (let i = 1; i <= 10_000; i++) store.state.data.coupons.push(storedCoupon(i));
    const ours = Array.from({ length: 10 }, (_, i) => 1000 * (i + 1));
    const c = newClient();
    await Promise.all(ours.map((i) => couponKind.read(c, String(i), {})));
    expect(c.stats.requests.GET).toBeLessThanOrEqual(10);
    const d = newClient();
    await oneByOne(d, [...ours].reverse(), 40);
    expect(d.stats.requests.GET).toBeLessThanOrEqual(10);
  });

  test("a delete that waited for the quota past JUDGE_MAX_AGE_MS is judged again: a coupon used meanwhile is disabled, not deleted", async () => {
    store.state.data.coupons.push(storedCoupon(1));
    const c = newClient();
    const send = c.delete.bind(c);
    let waited = false;
    const deletes: number[] = [];
    jest.spyOn(c, "delete").mockImplementation((path, query, sendIf) => {
      if (!waited) {
        // the quota runs out just as the DELETE is due, and a customer uses the coupon meanwhile
        waited = true;
        c.rateLimiter.exhausted(JUDGE_MAX_AGE_MS + 1000);
        store.state.data.coupons[0].num_uses = 1;
      }
      return send(path, query, () => {
        const ok = sendIf ? sendIf() : true;
        if (ok) deletes.push(Date.now());
        return ok;
      });
    });
    const warned = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      await couponKind.delete(c, "1", {});
      expect(warned).toHaveBeenCalledWith(expect.stringMatching(/has been used 1 time: disabled, not deleted/));
    } finally {
      warned.mockRestore();
    }
    expect(deletes).toEqual([]);
    expect(store.state.data.coupons[0]).toMatchObject({ enabled: false, num_uses: 1 });
    // read, DELETE held back (never sent), read again, PUT (disable)
    expect(c.stats.requests).toEqual({ GET: 2, PUT: 1 });
  });

  test("deleteJudged: the DELETE is sent at most JUDGE_MAX_AGE_MS after the answer it was judged on", async () => {
    for (let i = 1; i <= 20; i++) store.state.data.coupons.push(storedCoupon(i));
    const c = newClient();
    const sent: Array<{ method: string; at: number }> = [];
    const request = c.request.bind(c);
    jest.spyOn(c, "request").mockImplementation(async (method, path, init) => {
      const r = await request(method, path, init);
      sent.push({ method, at: Date.now() });
      return r;
    });
    // deletes one by one, 1 s apart: listings at most JUDGE_MAX_AGE_MS old judge them
    for (let i = 20; i >= 1; i--) {
      await couponKind.delete(c, String(i), {});
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(store.state.data.coupons).toHaveLength(0);
    let lastList = 0;
    for (const r of sent) {
      if (r.method === "GET") lastList = r.at;
      else expect(r.at - lastList).toBeLessThanOrEqual(JUDGE_MAX_AGE_MS);
    }
    // 20 s of deletes: a listing every 5 s or so, not one per delete
    expect(c.stats.requests.GET).toBeLessThanOrEqual(5);
    expect(c.stats.requests.DELETE).toBe(20);
  });
});

test("diff never calls the API, for any kind", async () => {
  const spy = jest.spyOn(BigCommerceClient.prototype, "request");
  const cases: Array<[string, Record<string, unknown>]> = [
    ["Coupon", { name: "A", code: "A", type: "per_total_discount", amount: 1 }],
    ["Banner", { name: "B", content: "x", page: "home_page", location: "top" }],
    [
      "GiftCertificate",
      { toName: "A", toEmail: "a@example.com", fromName: "B", fromEmail: "b@example.com", amount: 5 },
    ],
    [
      "Promotion",
      {
        redemptionType: "AUTOMATIC",
        name: "P",
        rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
      },
    ],
    ["CouponCode", { promotionId: 1, code: "X" }],
    ["BulkCouponCodes", { promotionId: 1, batchSize: 3 }],
  ];
  for (const [kind, news] of cases) {
    const h = handler(kind);
    // check makes its one read of the store (preflight.ts); diff none
    const { inputs } = checkInputs(definitionOf(kind)?.kind ?? couponKind, news);
    await h.diff("1", { ...inputs, deletionPolicy: "retain" }, { ...inputs, adopt: true });
  }
  expect(spy).not.toHaveBeenCalled();
  spy.mockRestore();
});
