/**
 * The create of a run after an interrupted one (`common/adopt.ts`): the object the earlier run's
 * create left in the store is recognised and taken over instead of made twice. Keyed kinds learn
 * of it from the store's refusal of the key; keyless kinds look for an exact twin that no resource
 * of the run holds. A look-up that cannot run says the object may exist.
 */
import { bannerKind } from "../../../provider/banner/provider";
import { bulkCouponCodesKind } from "../../../provider/bulk-codes/provider";
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { createOrAdopt } from "../../../provider/common/adopt";
import { claim, oneAtATime } from "../../../provider/common/claims";
import { AnyKind } from "../../../provider/common/kind";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { LocalStore } from "../../../store/server";
import { checked, recordedLogs, SAMPLE, storeAndClient, TOKEN } from "../local-store";
import { storeStats } from "./lossy-proxy";

type Props = Record<string, unknown>;

const { coupon, banner, promotion, gift } = SAMPLE;

let store: LocalStore;
/** The client of the interrupted run (its provider process is gone with its claims). */
let earlier: BigCommerceClient;
const logs = recordedLogs();

beforeEach(async () => {
  ({ store, client: earlier } = await storeAndClient({ maxRetries: 0 }));
});

afterEach(async () => {
  await store.close();
});

/** A client of a new run: a new provider process, which holds nothing yet. */
const nextRun = () =>
  new BigCommerceClient({
    storeHash: "unit",
    accessToken: TOKEN,
    apiUrl: store.url,
    maxRetries: 0,
    limiter: new RateLimiter(),
  });

/** Creates through the shared create, with the POSTs the store saw meanwhile. */
async function create(kind: AnyKind, client: BigCommerceClient, news: Props) {
  const before = (await storeStats(store.url)).byMethod.POST ?? 0;
  const r = await createOrAdopt(kind, client, checked(kind, news), {});
  return { ...r, posts: ((await storeStats(store.url)).byMethod.POST ?? 0) - before };
}

const warned = () => logs.warn.mock.calls.map((c) => String(c[0])).join("\n");

describe("keyed kinds: the key already in the store", () => {
  test.each([
    ["a coupon (by code and name)", couponKind, coupon, () => store.state.data.coupons],
    [
      "a gift certificate with a code",
      giftCertificateKind,
      { ...gift, code: "GC-SECRET-7" },
      () => store.state.data.gift_certificates,
    ],
  ])("%s with every declared value is taken over, logged, with no second object", async (_, kind, news, objects) => {
    const { id } = await create(kind, earlier, news);
    const r = await create(kind, nextRun(), news);
    expect(r.id).toBe(id);
    expect(objects()).toHaveLength(1);
    expect(warned()).toMatch(new RegExp(`already holds .* every declared value \\(id ${id}\\).*interrupted run`));
    expect(warned()).toMatch(/another stack manages this object.*docs\/recovery\.md/);
    expect(warned()).not.toContain("GC-SECRET-7");
  });

  test("a coupon code of the same promotion with every declared value is taken over", async () => {
    const promotionId = Number((await create(promotionKind, earlier, promotion)).id);
    const { id } = await create(couponCodeKind, earlier, { promotionId, code: "TEN", maxUses: 5 });
    const r = await create(couponCodeKind, nextRun(), { promotionId, code: "TEN", maxUses: 5 });
    expect(r.id).toBe(id);
    expect(store.state.data.promotion_codes).toHaveLength(1);
  });

  test("other values: the error names the existing id and both fixes, and nothing is created", async () => {
    const { id } = await create(couponKind, earlier, { ...coupon, amount: 5 });
    await expect(create(couponKind, nextRun(), coupon)).rejects.toThrow(
      new RegExp(
        `already exists\\. The store already holds code "SPRING15" in Coupon id ${id}, whose amount differs .*not this resource's earlier create; ` +
          `nothing was created. Either take it over \\(set \`adopt: true\` or \`adoptId: ${id}\`.*or give this Coupon another key`,
      ),
    );
    expect(store.state.data.coupons).toHaveLength(1);
  });

  test("a coupon whose name only is taken is found by the name", async () => {
    const { id } = await create(couponKind, earlier, { ...coupon, code: "OTHER" });
    await expect(create(couponKind, nextRun(), coupon)).rejects.toThrow(
      new RegExp(`name 'Spring 15'.*Coupon id ${id}, whose code differs`),
    );
  });

  test("a code held by another promotion, which the look-up cannot see, says to give another key", async () => {
    const p1 = Number((await create(promotionKind, earlier, promotion)).id);
    const p2 = Number((await create(promotionKind, earlier, { ...promotion, name: "Other" })).id);
    await create(couponCodeKind, earlier, { promotionId: p1, code: "TEN" });
    await expect(create(couponCodeKind, nextRun(), { promotionId: p2, code: "TEN" })).rejects.toThrow(
      /already exists.*an object this look-up cannot see: give this CouponCode another key/,
    );
  });

  test("an object another resource of this run holds is never taken for this one's", async () => {
    const { id } = await create(couponKind, earlier, coupon);
    const run = nextRun();
    claim(run, "Coupon", id);
    await expect(create(couponKind, run, coupon)).rejects.toThrow(/another resource's of this program/);
  });
});

describe("keyless kinds: an exact twin that no resource of the run holds", () => {
  test.each([
    ["a banner", bannerKind, banner, () => store.state.data.banners],
    ["a promotion", promotionKind, promotion, () => store.state.data.promotions],
    ["a gift certificate without a code", giftCertificateKind, gift, () => store.state.data.gift_certificates],
  ])("%s is taken over with no POST, and a warning names it", async (_, kind, news, objects) => {
    const { id } = await create(kind, earlier, news);
    const r = await create(kind, nextRun(), news);
    expect(r).toMatchObject({ id, posts: 0 });
    expect(objects()).toHaveLength(1);
    expect(warned()).toMatch(new RegExp(`every declared value \\(id ${id}\\) that no resource of this run holds`));
  });

  test("a banner of the same name with other values is not a twin: a new one is created", async () => {
    await create(bannerKind, earlier, { ...banner, content: "<p>Old</p>" });
    const r = await create(bannerKind, nextRun(), banner);
    expect(r.posts).toBe(1);
    expect(store.state.data.banners).toHaveLength(2);
  });

  test("two identical banners declared on purpose, created at once: two banners", async () => {
    const run = nextRun();
    const [a, b] = await Promise.all([create(bannerKind, run, banner), create(bannerKind, run, banner)]);
    expect(a.id).not.toBe(b.id);
    expect(store.state.data.banners).toHaveLength(2);
  });

  test("two identical banners after a run that made one of them: one taken over, one created", async () => {
    const { id } = await create(bannerKind, earlier, banner);
    const run = nextRun();
    const both = await Promise.all([create(bannerKind, run, banner), create(bannerKind, run, banner)]);
    expect(both.map((r) => r.id)).toContain(id);
    expect(both.map((r) => r.posts).sort()).toEqual([0, 1]);
    expect(store.state.data.banners).toHaveLength(2);
  });

  test("a twin the run's state holds (seen by diff) is not taken: a new one is created", async () => {
    const { id } = await create(bannerKind, earlier, banner);
    const run = nextRun();
    claim(run, "Banner", id);
    const r = await create(bannerKind, run, banner);
    expect(r.id).not.toBe(id);
    expect(store.state.data.banners).toHaveLength(2);
  });

  test("the banner listing is made once per run, however many banners it creates", async () => {
    const run = nextRun();
    const before = (await storeStats(store.url)).byMethod.GET ?? 0;
    for (let i = 0; i < 4; i++) await create(bannerKind, run, { ...banner, name: `Banner ${i}` });
    expect(((await storeStats(store.url)).byMethod.GET ?? 0) - before).toBe(1);
  });
});

describe("a look-up after a lost answer that cannot run", () => {
  test("says the object may exist and what to run, never that nothing was changed", async () => {
    let posted = false;
    const failing = new (class extends BigCommerceClient {
      override async post<T>(path: string, body: unknown): Promise<T | undefined> {
        await super.post<T>(path, body);
        posted = true;
        throw new BigCommerceApiError({ status: 0, method: "POST", path, ambiguous: true, detail: "connection reset" });
      }
      override async get<T>(path: string): Promise<T | undefined> {
        if (posted && path === "/v2/banners") {
          throw new BigCommerceApiError({
            status: 0,
            method: "GET",
            path,
            summary:
              "gave up after 5 attempts over 4.2 s (last: connection failed (ECONNREFUSED)); nothing was changed",
          });
        }
        return super.get<T>(path);
      }
    })({ storeHash: "unit", accessToken: TOKEN, apiUrl: store.url, limiter: new RateLimiter() });
    const err = await createOrAdopt(bannerKind, failing, checked(bannerKind, banner), {}).then(
      () => "created",
      (e: Error) => e.message,
    );
    expect(err).toMatch(
      /POST \/v2\/banners got no response: connection reset\. The look-up that would tell whether it was created failed too \(BigCommerce API GET \/v2\/banners: gave up after 5 attempts .*\): the Banner may exist in the store\. Run `pulumi up` again once the store answers/,
    );
    expect(err).not.toMatch(/nothing was changed/);
  });
});

describe("a batch of codes after an interrupted run", () => {
  const bulkPromotion = { ...promotion, name: "Bulk", couponType: "BULK" };

  test("the codes of its shape that no resource holds are taken, with no codegen call", async () => {
    const promotionId = Number((await create(promotionKind, earlier, bulkPromotion)).id);
    const inputs = checked(bulkCouponCodesKind, { promotionId, batchSize: 20, prefix: "W" });
    const first = await bulkCouponCodesKind.create(earlier, inputs);
    const r = await create(bulkCouponCodesKind, nextRun(), { promotionId, batchSize: 20, prefix: "W" });
    expect(r.posts).toBe(0);
    expect(new Set(r.outs.codes as string[])).toEqual(new Set(first.outs.codes as string[]));
    expect(store.state.data.promotion_codes).toHaveLength(20);
    expect(warned()).toMatch(/holds 20 codes of this batch's shape .*interrupted run, with no codegen call/);
  });

  test("whole codegen calls of it are taken, and the rest generated", async () => {
    const promotionId = Number((await create(promotionKind, earlier, bulkPromotion)).id);
    await bulkCouponCodesKind.create(earlier, checked(bulkCouponCodesKind, { promotionId, batchSize: 250 }));
    const r = await create(bulkCouponCodesKind, nextRun(), { promotionId, batchSize: 300 });
    expect(r.posts).toBe(1);
    expect(r.outs.codes).toHaveLength(300);
    expect(store.state.data.promotion_codes).toHaveLength(300);
  });

  test("codes another batch of the run holds, or a number that is no batch's trace, are left alone", async () => {
    const promotionId = Number((await create(promotionKind, earlier, bulkPromotion)).id);
    const held = await bulkCouponCodesKind.create(
      earlier,
      checked(bulkCouponCodesKind, { promotionId, batchSize: 20 }),
    );
    const run = nextRun();
    for (const id of held.outs.codeIds as number[]) claim(run, "CouponCode", id);
    await create(bulkCouponCodesKind, run, { promotionId, batchSize: 20 });
    await create(bulkCouponCodesKind, nextRun(), { promotionId, batchSize: 30 }); // 40 free codes: not 30
    expect(store.state.data.promotion_codes).toHaveLength(70);
  });
});

test("oneAtATime runs the works of one key one after another, of different keys side by side", async () => {
  const order: string[] = [];
  const step = (name: string, ms: number) => async () => {
    order.push(`${name} start`);
    await new Promise((r) => setTimeout(r, ms));
    order.push(`${name} end`);
  };
  await Promise.all([oneAtATime("k", step("a", 20)), oneAtATime("k", step("b", 1)), oneAtATime("other", step("c", 1))]);
  expect(order.indexOf("b start")).toBeGreaterThan(order.indexOf("a end"));
  expect(order.indexOf("c end")).toBeLessThan(order.indexOf("a end"));
  // a failed work does not block the next
  await expect(oneAtATime("k", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
  await expect(oneAtATime("k", () => Promise.resolve(1))).resolves.toBe(1);
});
