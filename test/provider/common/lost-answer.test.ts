/**
 * Creates whose answer is lost, for every kind, through a proxy that lets the POST
 * reach the local store and then cuts the connection ("lose"), or cuts it before the POST
 * arrives ("drop"). The create must look the object up before failing or sending again: a retry
 * never makes a duplicate and never fails on its own earlier success.
 */
import * as pulumi from "@pulumi/pulumi";
import { bannerKind } from "../../../provider/banner/provider";
import { bulkCouponCodesKind } from "../../../provider/bulk-codes/provider";
import { BigCommerceClient } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { createOrAdopt } from "../../../provider/common/adopt";
import { AnyKind } from "../../../provider/common/kind";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { LocalStore } from "../../../store/server";
import { toApi as promotionToApi } from "../../../provider/promotion/mapping";
import { addCode } from "../../../store/v3/codes";
import { promotionRoutes } from "../../../store/v3/promotions";
import { checked, storeAndClient, TOKEN } from "../local-store";
import { Fate, LossyProxy, loseFirst, lossyProxy } from "./lossy-proxy";

type Props = Record<string, unknown>;

const coupon = { name: "Spring 15", code: "SPRING15", type: "percentage_discount", amount: 15 };
const promotion = {
  redemptionType: "COUPON",
  name: "Ten off",
  rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
};
const bulkPromotion = { ...promotion, name: "Bulk", couponType: "BULK" };
const gift = { toName: "Ann", toEmail: "ann@example.com", fromName: "Bob", fromEmail: "bob@example.com", amount: 25 };
const banner = { name: "Winter sale", content: "<p>Winter</p>", page: "home_page", location: "top" };

let store: LocalStore;
let direct: BigCommerceClient;
let proxy: LossyProxy | undefined;
let info: jest.SpyInstance;

beforeEach(async () => {
  ({ store, client: direct } = await storeAndClient({ maxRetries: 0 }));
  info = jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
});

afterEach(async () => {
  info.mockRestore();
  await proxy?.close();
  proxy = undefined;
  await store.close();
});

/** A client whose requests pass the proxy, which decides each request's fate. */
async function through(fate: (method: string, path: string) => Fate): Promise<BigCommerceClient> {
  proxy = await lossyProxy(store.url, fate);
  return new BigCommerceClient({
    storeHash: "unit",
    accessToken: TOKEN,
    apiUrl: proxy.url,
    maxRetries: 0,
    limiter: new RateLimiter(),
  });
}

/** An identical promotion made in the store directly, as someone else's app would. */
const addPromotion = () =>
  promotionRoutes(store.state, {
    method: "POST",
    path: "/v3/promotions",
    query: new URLSearchParams(),
    body: promotionToApi(checked(promotionKind, promotion)),
    storeHash: "unit",
  });

const posts = () => proxy!.seen.filter((s) => s.startsWith("POST ")).length;

function create(kind: AnyKind, client: BigCommerceClient, news: Props) {
  return createOrAdopt(kind, client, checked(kind, news), {});
}

describe("Coupon", () => {
  test("an answer lost after the POST landed: the coupon is found by its code and taken over, not created twice", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v2\/coupons$/));
    const { id, outs } = await create(couponKind, client, coupon);
    expect(store.state.data.coupons).toHaveLength(1);
    expect(id).toBe(String(store.state.data.coupons[0].id));
    expect(outs).toMatchObject({ code: "SPRING15", amount: "15.0000" });
    expect(posts()).toBe(1);
    expect(info.mock.calls.join("\n")).toMatch(
      /answer to creating the object with code "SPRING15" was lost; it had been created/,
    );
  });

  test("a POST that never arrived: the look-up finds nothing and the POST is sent once more", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v2\/coupons$/, "drop"));
    const { id } = await create(couponKind, client, coupon);
    expect(store.state.data.coupons.map((c) => String(c.id))).toEqual([id]);
    expect(posts()).toBe(2);
  });

  test("bounded: three lost POSTs that never landed give a clear error and create nothing", async () => {
    const client = await through(loseFirst(5, "POST", /^\/v2\/coupons$/, "drop"));
    await expect(create(couponKind, client, coupon)).rejects.toThrow(
      /lost on each of 3 attempts to create the Coupon with code "SPRING15"; after each, a look-up found no such object in the store, so none was created/,
    );
    expect(posts()).toBe(3);
    expect(store.state.data.coupons).toHaveLength(0);
  });

  test("a coupon of someone else's with the code is not taken for ours", async () => {
    await create(couponKind, direct, { ...coupon, name: "Theirs" });
    const client = await through(loseFirst(1, "POST", /^\/v2\/coupons$/));
    await expect(create(couponKind, client, coupon)).rejects.toThrow(
      /A Coupon with code "SPRING15" is in the store \(id \d+\) but holds other values/,
    );
    expect(store.state.data.coupons).toHaveLength(1);
    expect(store.state.data.coupons[0].name).toBe("Theirs");
  });
});

describe("GiftCertificate", () => {
  test("with a declared code: found by the code and taken over; the code is in no message", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v2\/gift_certificates$/));
    const { id } = await create(giftCertificateKind, client, { ...gift, code: "GC-SECRET-42" });
    expect(store.state.data.gift_certificates.map((g) => String(g.id))).toEqual([id]);
    expect(info.mock.calls.join("\n")).not.toContain("GC-SECRET-42");
  });

  test("without a code: found by its recipient and every declared value, and taken over; no second certificate", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v2\/gift_certificates$/));
    const { id } = await create(giftCertificateKind, client, gift);
    expect(store.state.data.gift_certificates.map((g) => String(g.id))).toEqual([id]);
    expect(posts()).toBe(1);
  });
});

describe("Promotion and Banner (names may repeat)", () => {
  test("a promotion is found by its name and declared values and taken over", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v3\/promotions$/));
    const { id, outs } = await create(promotionKind, client, promotion);
    expect(store.state.data.promotions.map((p) => String(p.id))).toEqual([id]);
    expect(outs).toMatchObject({ name: "Ten off", promotionId: Number(id) });
  });

  test("a promotion POST that never arrived is sent once more", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v3\/promotions$/, "drop"));
    await create(promotionKind, client, promotion);
    expect(store.state.data.promotions).toHaveLength(1);
    expect(posts()).toBe(2);
  });

  test("two identical promotions declared on purpose: the second's lost POST is the one the first does not hold", async () => {
    let n = 0;
    const client = await through((m, p) =>
      m === "POST" && /^\/v3\/promotions$/.test(p) && ++n === 2 ? "lose" : "pass",
    );
    const first = await create(promotionKind, client, promotion);
    const second = await create(promotionKind, client, promotion);
    expect([first.id, second.id]).toEqual(["1", "2"]);
    expect(store.state.data.promotions).toHaveLength(2);
  });

  test("an identical promotion someone else makes while the POST is on its way: it cannot tell, says so with the ids, adopts none", async () => {
    const client = await through((m, p) => {
      if (m !== "POST" || !/^\/v3\/promotions$/.test(p)) return "pass";
      addPromotion();
      return "lose";
    });
    await expect(create(promotionKind, client, promotion)).rejects.toThrow(
      /2 objects of kind Promotion with name "Ten off" and the declared values are in the store \(ids 1, 2\)/,
    );
    expect(store.state.data.promotions).toHaveLength(2);
  });

  test("a promotion of the same name with other values is not adopted: the POST is sent again", async () => {
    await create(promotionKind, direct, { ...promotion, status: "DISABLED" });
    const client = await through(loseFirst(1, "POST", /^\/v3\/promotions$/, "drop"));
    const { id } = await create(promotionKind, client, promotion);
    expect(store.state.data.promotions).toHaveLength(2);
    expect(id).toBe("2");
  });

  test("a banner is found by its name and values", async () => {
    const client = await through(loseFirst(1, "POST", /^\/v2\/banners$/));
    const { id } = await create(bannerKind, client, banner);
    expect(store.state.data.banners.map((b) => String(b.id))).toEqual([id]);
  });
});

describe("CouponCode", () => {
  test("found by its code in the promotion and taken over", async () => {
    const promotionId = Number((await create(promotionKind, direct, promotion)).id);
    const client = await through(loseFirst(1, "POST", /^\/v3\/promotions\/\d+\/codes$/));
    const { id, outs } = await create(couponCodeKind, client, { promotionId, code: "TEN", maxUses: 5 });
    expect(store.state.data.promotion_codes.map((c) => String(c.id))).toEqual([id]);
    expect(outs).toMatchObject({ code: "TEN", maxUses: 5, codeId: Number(id) });
  });

  test("a code POST that never arrived is sent once more", async () => {
    const promotionId = Number((await create(promotionKind, direct, promotion)).id);
    const client = await through(loseFirst(1, "POST", /^\/v3\/promotions\/\d+\/codes$/, "drop"));
    await create(couponCodeKind, client, { promotionId, code: "TEN" });
    expect(store.state.data.promotion_codes).toHaveLength(1);
    expect(posts()).toBe(2);
  });
});

describe("BulkCouponCodes (codegen)", () => {
  let promotionId: number;
  beforeEach(async () => {
    promotionId = Number((await create(promotionKind, direct, bulkPromotion)).id);
  });
  const codesOf = () => store.state.data.promotion_codes.filter((c) => c.promotion_id === promotionId);

  test("a lost answer: the call's new codes are in the list, taken as the batch's; no code is generated twice", async () => {
    // the second call of a 300-code batch (250 + 50) loses its answer
    let calls = 0;
    const c2 = await through((m, p) => (m === "POST" && /\/codegen$/.test(p) && ++calls === 2 ? "lose" : "pass"));
    const { outs } = await bulkCouponCodesKind.create(
      c2,
      checked(bulkCouponCodesKind, { promotionId, batchSize: 300, prefix: "B" }),
    );
    expect(codesOf()).toHaveLength(300);
    expect(new Set(outs.codes as string[])).toEqual(new Set(codesOf().map((c) => c.code)));
    expect(outs.codeIds).toHaveLength(300);
    expect(posts()).toBe(2);
  });

  test("a codegen call that never arrived is sent once more", async () => {
    const client = await through(loseFirst(1, "POST", /\/codegen$/, "drop"));
    const { outs } = await bulkCouponCodesKind.create(
      client,
      checked(bulkCouponCodesKind, { promotionId, batchSize: 20 }),
    );
    expect(codesOf()).toHaveLength(20);
    expect(outs.codes).toHaveLength(20);
    expect(posts()).toBe(2);
  });

  test("when other new codes appear it cannot be sure: it says what was and was not done", async () => {
    let calls = 0;
    const client = await through((m, p) => {
      if (m === "POST" && /\/codegen$/.test(p) && ++calls === 2) {
        addCode(store.state, promotionId, { code: "SOMEONE-ELSES", max_uses: 1, max_uses_per_customer: 1 });
        return "lose";
      }
      return "pass";
    });
    await expect(
      bulkCouponCodesKind.create(client, checked(bulkCouponCodesKind, { promotionId, batchSize: 300 })),
    ).rejects.toThrow(
      /51 new codes appeared in promotion \d+ \(ids .*\) where this call asked for 50: .*neither taken nor deleted.*\(the 250 codes this batch had generated before were deleted again\)/,
    );
    // the first call's 250 are gone again; the unexplained 51 are left for a person to judge
    expect(codesOf()).toHaveLength(51);
  });
});
