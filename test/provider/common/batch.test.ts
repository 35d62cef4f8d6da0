/**
 * List-based refresh: many concurrent reads of one kind are served by a handful of
 * list calls (250 per page), counted by the local store's /__admin/stats; deleted objects are
 * still seen as gone; a read alone is one GET; diff never calls the API.
 */
import { bannerKind } from "../../../provider/banner/provider";
import { bulkCouponCodesKind } from "../../../provider/bulk-codes/provider";
import { BigCommerceClient } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { batchedReader, listV2ByIds } from "../../../provider/common/batch";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { checkInputs } from "../../../provider/common/kind";
import { definitionOf } from "../../../provider/kinds";
import { handler } from "../../../provider/runtime";
import { LocalStore, startLocalStore } from "../../../store/server";
import { addCode } from "../../../store/v3/codes";
import { useFakeClock } from "../../fake-clock";
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
    store.state.data.coupons.push({
      id: i,
      name: `C${i}`,
      code: `C${i}`,
      type: "per_total_discount",
      amount: "1.0000",
      min_purchase: "0.0000",
      expires: "",
      enabled: true,
      applies_to: { entity: "categories", ids: [0] },
      num_uses: 0,
      max_uses: 0,
      max_uses_per_customer: 0,
      restricted_to: {},
      shipping_methods: [],
      date_created: "Sun, 22 Nov 2026 00:00:00 +0000",
    });
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

test("a read alone is one plain GET", async () => {
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

test("listV2ByIds never takes more calls than there are ids, however many objects lie between them", async () => {
  for (let i = 1; i <= 1000; i++) store.state.data.banners.push(storedBanner(i));
  const { results, requests } = await counted(async () => [
    await listV2ByIds<{ id: number }>(client, "/v2/banners", [1, 600, 1000]),
  ]);
  expect([...results[0].keys()].sort((a, b) => a - b)).toEqual([1, 600, 1000]);
  expect(requests).toBeLessThanOrEqual(3);
});

test("batches are per client: two clients' reads do not mix", async () => {
  let manyCalls = 0;
  const read = batchedReader<number>({
    one: async (_c, id) => Number(id),
    many: async (_c, ids) => (manyCalls++, new Map(ids.map((i) => [i, i * 10]))),
  });
  const other = new BigCommerceClient({ storeHash: "other", accessToken: TOKEN, apiUrl: store.url });
  expect(await Promise.all([read(client, "1"), read(client, "2"), read(other, "3")])).toEqual([10, 20, 3]);
  expect(manyCalls).toBe(1);
});

test("reads before deletes, arriving tens of milliseconds apart as the engine sends deletes, share one list call; plain reads at that pace do not", async () => {
  // on jest's fake clock: the reads are exactly 40 ms apart however loaded the machine
  useFakeClock();
  try {
    const spaced = async (readOne: (c: BigCommerceClient, id: string) => Promise<number | undefined>) => {
      const reads: Array<Promise<number | undefined>> = [];
      for (let i = 1; i <= 5; i++) {
        reads.push(readOne(client, String(i)));
        await jest.advanceTimersByTimeAsync(40);
      }
      await jest.runAllTimersAsync(); // the last batch closes
      return Promise.all(reads);
    };
    let manyCalls = 0;
    let oneCalls = 0;
    const read = batchedReader<number>({
      one: async (_c, id) => (oneCalls++, Number(id)),
      many: async (_c, ids) => (manyCalls++, new Map(ids.map((i) => [i, i * 10]))),
    });
    expect(await spaced(read.beforeDelete)).toEqual([10, 20, 30, 40, 50]);
    expect([manyCalls, oneCalls]).toEqual([1, 0]);
    manyCalls = 0;
    expect(await spaced(read)).toEqual([1, 2, 3, 4, 5]);
    expect([manyCalls, oneCalls]).toEqual([0, 5]);
  } finally {
    jest.useRealTimers();
  }
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
