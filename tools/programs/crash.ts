import { Banner, BulkCouponCodes, Coupon, CouponCode, GiftCertificate, Promotion } from "../../provider";

/**
 * A small campaign of every kind, keyed and keyless, for the crash tests: coupons (code and name
 * unique), gift certificates with a code and without one, banners (two of them identical on
 * purpose), coupon promotions (names not unique) with a code each, and a BULK promotion with a
 * batch of generated codes.
 */
export interface CrashArgs {
  /** How many of each keyed and keyless object (the twin banners and the batch come once). */
  n: number;
}

/** What the program declares, per store collection: the identifying values (name or code). */
export interface CrashPlan {
  coupons: string[];
  banners: string[];
  giftCertificates: string[];
  promotions: string[];
  /** The single codes (CouponCode); the batch's generated codes are counted apart. */
  codes: string[];
  batchSize: number;
}

export const BATCH_SIZE = 6;

/** The declared objects of `crash({ n })`. */
export function crashPlan(n: number): CrashPlan {
  const is = [...Array(n).keys()];
  return {
    coupons: is.map((i) => `crash coupon ${i}`),
    banners: [...is.map((i) => `crash banner ${i}`), "crash twin banner", "crash twin banner"],
    // certificates by recipient: those without a code are told apart by nothing else
    giftCertificates: [...is.map((i) => `coded${i}@example.com`), ...is.map((i) => `uncoded${i}@example.com`)],
    promotions: [...is.map((i) => `crash promotion ${i}`), "crash bulk"],
    codes: is.map((i) => `CRASHP${i}`),
    batchSize: BATCH_SIZE,
  };
}

export default function crash(args: CrashArgs): Record<string, unknown> {
  for (let i = 0; i < args.n; i++) {
    new Coupon(`coupon-${i}`, {
      name: `crash coupon ${i}`,
      code: `CRASH-C${i}`,
      type: "per_total_discount",
      amount: 5 + i,
      expires: "2027-12-31",
    });
    new Banner(`banner-${i}`, {
      name: `crash banner ${i}`,
      content: `<p>Crash banner ${i}</p>`,
      page: "home_page",
      location: "top",
    });
    new GiftCertificate(`gift-coded-${i}`, {
      toName: `Coded ${i}`,
      toEmail: `coded${i}@example.com`,
      fromName: "The shop",
      fromEmail: "shop@example.com",
      amount: 25,
      code: `CRASHG${i}`,
    });
    new GiftCertificate(`gift-uncoded-${i}`, {
      toName: `Uncoded ${i}`,
      toEmail: `uncoded${i}@example.com`,
      fromName: "The shop",
      fromEmail: "shop@example.com",
      amount: 50,
    });
    const promotion = new Promotion(`promotion-${i}`, {
      redemptionType: "COUPON",
      name: `crash promotion ${i}`,
      rules: [{ action: { cartValue: { discount: { percentageAmount: 5 + i } } } }],
      startDate: "2027-11-27T00:00:00Z",
    });
    new CouponCode(`code-${i}`, { promotionId: promotion.promotionId, code: `CRASHP${i}`, maxUses: 10 });
  }
  // two identical banners declared on purpose: two objects in the store
  for (const name of ["twin-a", "twin-b"]) {
    new Banner(name, { name: "crash twin banner", content: "<p>Twins</p>", page: "search_page", location: "bottom" });
  }
  const bulk = new Promotion("bulk", {
    redemptionType: "COUPON",
    couponType: "BULK",
    name: "crash bulk",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 3 } } } }],
    startDate: "2027-11-27T00:00:00Z",
  });
  new BulkCouponCodes("batch", { promotionId: bulk.promotionId, batchSize: BATCH_SIZE, prefix: "CB" });
  return { n: args.n };
}
