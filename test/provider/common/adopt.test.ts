/**
 * Adoption (`adoptId`, `adopt`) of every adoptable kind against the local store: taking over an
 * object makes no write when it already holds the declared values, updates it when it does not,
 * and refuses an unknown id or an ambiguous name before changing anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { bannerKind } from "../../../provider/banner/provider";
import { BigCommerceClient } from "../../../provider/client/http";
import { createOrAdopt } from "../../../provider/common/adopt";
import { checkInputs, diffInputs, AnyKind, splitMeta } from "../../../provider/common/kind";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { handler } from "../../../provider/runtime";
import { LocalStore } from "../../../store/server";
import { checked, SAMPLE, storeAndClient, TOKEN } from "../local-store";
import { storeStats } from "./lossy-proxy";

type Props = Record<string, unknown>;

const coupon = { ...SAMPLE.coupon, maxUses: 100 };
const { banner, promotion, gift } = SAMPLE;

let store: LocalStore;
let client: BigCommerceClient;
let info: jest.SpyInstance;

beforeEach(async () => {
  ({ store, client } = await storeAndClient({ maxRetries: 0 }));
  info = jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
});

afterEach(async () => {
  info.mockRestore();
  await store.close();
});

/** Creates the declared object plainly and returns its id. */
async function existing(kind: AnyKind, news: Props): Promise<string> {
  return (await kind.create(client, checked(kind, news))).id;
}

/** Runs an adoption and returns its result with the writes the store saw meanwhile. */
async function adopt(kind: AnyKind, news: Props) {
  const { api, meta } = splitMeta(checked(kind, news));
  const before = await storeStats(store.url);
  const result = await createOrAdopt(kind, client, api, meta);
  const after = await storeStats(store.url);
  const writes = ["POST", "PUT", "DELETE"].reduce(
    (n, m) => n + ((after.byMethod[m] ?? 0) - (before.byMethod[m] ?? 0)),
    0,
  );
  return { ...result, writes, logged: info.mock.calls.map((c) => String(c[0])).join("\n") };
}

describe("adoptId", () => {
  test("an identical coupon is taken over with no write, and the log names its id", async () => {
    const id = await existing(couponKind, coupon);
    const r = await adopt(couponKind, { ...coupon, adoptId: Number(id) });
    expect(r.id).toBe(id);
    expect(r.writes).toBe(0);
    expect(store.state.data.coupons).toHaveLength(1);
    expect(r.outs).toMatchObject({ couponId: Number(id), code: "SPRING15", amount: "15.0000" });
    expect(r.logged).toMatch(
      new RegExp(`adopted the existing Coupon with id ${id} \\(adoptId ${id}\\).*already holds the declared values`),
    );
  });

  test("a differing coupon is updated to the declared values with one PUT", async () => {
    const id = await existing(couponKind, { ...coupon, amount: 5, enabled: false });
    const r = await adopt(couponKind, { ...coupon, adoptId: Number(id) });
    expect(r.writes).toBe(1);
    expect(store.state.data.coupons[0]).toMatchObject({ amount: "15.0000", enabled: true });
    expect(r.logged).toMatch(/updating amount, enabled to the declared values/);
  });

  test("an id the store does not have is an error naming adoptId, and nothing is created", async () => {
    await expect(adopt(couponKind, { ...coupon, adoptId: 999 })).rejects.toThrow(
      /^adoptId: there is no Coupon with id 999 in the store; nothing was created/,
    );
    expect(store.state.data.coupons).toHaveLength(0);
  });

  test("a banner, a promotion and a coupon code are taken over with no write when identical", async () => {
    const b = await existing(bannerKind, banner);
    expect(await adopt(bannerKind, { ...banner, adoptId: Number(b) })).toMatchObject({ id: b, writes: 0 });
    const p = await existing(promotionKind, promotion);
    expect(await adopt(promotionKind, { ...promotion, adoptId: Number(p) })).toMatchObject({ id: p, writes: 0 });
    const c = await existing(couponCodeKind, { promotionId: Number(p), code: "TEN" });
    expect(await adopt(couponCodeKind, { promotionId: Number(p), code: "TEN", adoptId: Number(c) })).toMatchObject({
      id: c,
      writes: 0,
    });
    expect(store.state.data.promotion_codes).toHaveLength(1);
  });

  test("a promotion whose redemption type differs cannot be adopted: it says why and changes nothing", async () => {
    const p = await existing(promotionKind, { ...promotion, redemptionType: "AUTOMATIC" });
    await expect(adopt(promotionKind, { ...promotion, adoptId: Number(p) })).rejects.toThrow(
      /cannot adopt Promotion \d+ \(adoptId \d+\): its redemptionType, couponType differ from the declared values .*nothing was changed/,
    );
  });

  test("a coupon code whose limits differ cannot be adopted (codes cannot be updated)", async () => {
    const p = await existing(promotionKind, promotion);
    const c = await existing(couponCodeKind, { promotionId: Number(p), code: "TEN", maxUses: 3 });
    await expect(adopt(couponCodeKind, { promotionId: Number(p), code: "TEN", adoptId: Number(c) })).rejects.toThrow(
      /its maxUses differs/,
    );
  });

  test("a gift certificate without a declared code takes the store's code, kept as a secret output", async () => {
    const id = await existing(giftCertificateKind, gift);
    const storeCode = store.state.data.gift_certificates[0].code as string;
    const r = await adopt(giftCertificateKind, { ...gift, adoptId: Number(id) });
    expect(r.writes).toBe(0);
    expect(r.outs.code).toBe(storeCode);
    expect(giftCertificateKind.secretOutputs).toContain("code");
    expect(r.logged).not.toContain(storeCode);
    // the code the store chose is no drift afterwards
    expect(diffInputs(giftCertificateKind, r.outs, checked(giftCertificateKind, gift)).changes).toBe(false);
  });

  test("a gift certificate customers spent from keeps its balance when adopted", async () => {
    const id = await existing(giftCertificateKind, gift);
    store.state.data.gift_certificates[0].balance = "10.0000";
    const r = await adopt(giftCertificateKind, { ...gift, adoptId: Number(id) });
    expect(r.writes).toBe(0);
    expect(store.state.data.gift_certificates[0].balance).toBe("10.0000");
    expect(r.outs).toMatchObject({ balance: "10.0000" });
  });
});

describe("adopt: true", () => {
  test("takes over the coupon with the same code; creates one when there is none", async () => {
    const id = await existing(couponKind, coupon);
    const r = await adopt(couponKind, { ...coupon, adopt: true });
    expect(r).toMatchObject({ id, writes: 0 });
    const other = await adopt(couponKind, { ...coupon, name: "Summer", code: "SUMMER", adopt: true });
    expect(other.id).not.toBe(id);
    expect(store.state.data.coupons).toHaveLength(2);
    expect(other.logged).toMatch(/no object with code "SUMMER" in the store to adopt; creating one/);
  });

  test("takes over the gift certificate with the declared code, without the code in any log", async () => {
    const id = await existing(giftCertificateKind, { ...gift, code: "GIFT-SECRET-1" });
    const r = await adopt(giftCertificateKind, { ...gift, code: "GIFT-SECRET-1", adopt: true });
    expect(r).toMatchObject({ id, writes: 0 });
    expect(r.logged).not.toContain("GIFT-SECRET-1");
  });

  test("takes over the code of the promotion with the same text", async () => {
    const p = Number(await existing(promotionKind, promotion));
    const c = await existing(couponCodeKind, { promotionId: p, code: "TEN" });
    expect(await adopt(couponCodeKind, { promotionId: p, code: "TEN", adopt: true })).toMatchObject({
      id: c,
      writes: 0,
    });
  });

  test("a banner or promotion name held by two objects is an error listing their ids; nothing is created", async () => {
    const b1 = await existing(bannerKind, banner);
    const b2 = await existing(bannerKind, { ...banner, content: "<p>other</p>" });
    await expect(adopt(bannerKind, { ...banner, adopt: true })).rejects.toThrow(
      `adopt: 2 objects of kind Banner have name "Winter sale" (ids ${b1}, ${b2}); nothing was created or changed. Set adoptId`,
    );
    const p1 = await existing(promotionKind, promotion);
    const p2 = await existing(promotionKind, promotion);
    await expect(adopt(promotionKind, { ...promotion, adopt: true })).rejects.toThrow(`(ids ${p1}, ${p2})`);
    expect(store.state.data.banners).toHaveLength(2);
    expect(store.state.data.promotions).toHaveLength(2);
  });

  test("a promotion with a unique name is adopted and brought to the declared values", async () => {
    const p = await existing(promotionKind, { ...promotion, status: "DISABLED" });
    const r = await adopt(promotionKind, { ...promotion, adopt: true });
    expect(r).toMatchObject({ id: p, writes: 1 });
    expect(store.state.data.promotions[0].status).toBe("ENABLED");
  });
});

describe("check of the adoption inputs", () => {
  const reasons = (kind: AnyKind, news: Props) => checkInputs(kind, news).failures.map((f) => f.reason);

  test("adoptId must be a positive whole number", () => {
    expect(reasons(couponKind, { ...coupon, adoptId: 0 })).toEqual([
      "adoptId: must be a positive id of an existing Coupon in the store",
    ]);
    expect(reasons(couponKind, { ...coupon, adoptId: 1.5 })).toEqual(["adoptId: must be integer (got float)"]);
    expect(reasons(bannerKind, { ...banner, adoptId: "7" })).toEqual(["adoptId: must be number (got string)"]);
    expect(reasons(promotionKind, { ...promotion, adopt: "yes" })).toEqual(["adopt: must be boolean (got string)"]);
  });

  test("adopt and adoptId together are refused; a gift certificate needs a code to adopt by", () => {
    expect(reasons(couponKind, { ...coupon, adopt: true, adoptId: 3 })).toEqual([
      "adopt: give either adopt (look the object up by its key) or adoptId (take over that id), not both",
    ]);
    expect(reasons(giftCertificateKind, { ...gift, adopt: true })).toEqual([
      "adopt: a GiftCertificate is looked up by its code, and none is declared; declare code or take the object over with adoptId",
    ]);
    expect(reasons(giftCertificateKind, { ...gift, adoptId: 4 })).toEqual([]);
  });

  test("a BulkCouponCodes batch cannot be adopted", async () => {
    const { bulkCouponCodesKind } = await import("../../../provider/bulk-codes/provider");
    expect(reasons(bulkCouponCodesKind, { promotionId: 1, batchSize: 2, adopt: true })).toEqual([
      "adopt: is not a property of BulkCouponCodes (a BulkCouponCodes cannot be adopted)",
    ]);
  });

  test("deletionPolicy is one of delete, disable, retain, on coupons and promotions only", () => {
    expect(reasons(couponKind, { ...coupon, deletionPolicy: "keep" })).toEqual([
      'deletionPolicy: must be one of "delete", "disable", "retain" (got "keep")',
    ]);
    expect(reasons(promotionKind, { ...promotion, deletionPolicy: "retain" })).toEqual([]);
    expect(reasons(bannerKind, { ...banner, deletionPolicy: "retain" })).toEqual([
      "deletionPolicy: is not a property of Banner",
    ]);
  });
});

describe("the runtime handler", () => {
  const env = { ...process.env };
  beforeEach(() => {
    process.env.BIGCOMMERCE_STORE_HASH = "unit";
    process.env.BIGCOMMERCE_ACCESS_TOKEN = TOKEN;
    process.env.BIGCOMMERCE_API_URL = store.url;
  });
  afterEach(() => {
    process.env = { ...env };
  });

  test("diff ignores adopt and adoptId; a new deletionPolicy is a change without replacement", async () => {
    const h = handler("Coupon");
    const olds = { ...checked(couponKind, coupon), couponId: 1, numUses: 0, adoptId: 4 };
    const removed = await h.diff("1", olds, checked(couponKind, coupon));
    expect(removed.changes).toBe(false);
    const flipped = await h.diff("1", { ...olds, adopt: false }, checked(couponKind, { ...coupon, adopt: true }));
    expect(flipped.changes).toBe(false);
    expect((await h.diff("1", olds, checked(couponKind, { ...coupon, adoptId: 9 }))).changes).toBe(false);
    // an omitted policy is "disable"
    expect((await h.diff("1", olds, checked(couponKind, { ...coupon, deletionPolicy: "disable" }))).changes).toBe(
      false,
    );
    expect(await h.diff("1", olds, checked(couponKind, { ...coupon, deletionPolicy: "retain" }))).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  test("create through the handler keeps adopt/adoptId/deletionPolicy in state but never sends them", async () => {
    const id = await existing(couponKind, coupon);
    const h = handler("Coupon");
    const { inputs } = await h.check({}, { ...coupon, adoptId: Number(id), deletionPolicy: "retain" });
    const created = await h.create(inputs);
    expect(created.id).toBe(id);
    expect(created.outs).toMatchObject({ adoptId: Number(id), deletionPolicy: "retain", code: "SPRING15" });
    // read carries them over from the old state
    const read = await h.read(id, created.outs);
    expect(read.inputs).toMatchObject({ adoptId: Number(id), deletionPolicy: "retain" });
    expect(read.props).toMatchObject({ adoptId: Number(id), deletionPolicy: "retain" });
    // a change of deletionPolicy alone is an update with no request to the store
    const before = await storeStats(store.url);
    const updated = await h.update(
      id,
      created.outs,
      (await h.check(created.outs, { ...coupon, deletionPolicy: "delete" })).inputs,
    );
    const after = await storeStats(store.url);
    expect(after.total - before.total).toBe(0);
    expect(updated.outs).toMatchObject({ deletionPolicy: "delete", couponId: Number(id) });
    expect(updated.outs).not.toHaveProperty("adoptId");
  });

  test("a promotion's meta inputs never reach the store", async () => {
    const h = handler("Promotion");
    const { inputs } = await h.check({}, { ...promotion, adopt: true, deletionPolicy: "delete" });
    const created = await h.create(inputs);
    expect(store.state.data.promotions[0]).not.toHaveProperty("deletion_policy");
    expect(store.state.data.promotions[0]).not.toHaveProperty("adopt");
    expect(created.outs).toMatchObject({ adopt: true, deletionPolicy: "delete" });
  });
});
