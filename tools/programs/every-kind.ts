import { Banner, BulkCouponCodes, Coupon, CouponCode, GiftCertificate, Promotion } from "../../provider";

/**
 * One resource of every kind, with fixed values: the program of the state fixtures
 * (tools/state-fixtures.ts writes its state; the fixture test runs it again with the current
 * code). Its resources and values must stay as they are: a fixture written by an earlier
 * version holds them.
 */
export interface EveryKindArgs {
  /** The coupon's amount (default 5): the field the fixture test changes. */
  couponAmount?: number;
}

export default function everyKind(args: EveryKindArgs = {}): Record<string, unknown> {
  const coupon = new Coupon("coupon", {
    name: "Fixture coupon",
    code: "FIXTURE-C1",
    type: "per_total_discount",
    amount: args.couponAmount ?? 5,
    minPurchase: 25,
    expires: "2027-12-31",
    maxUsesPerCustomer: 1,
    deletionPolicy: "delete",
  });
  const banner = new Banner("banner", {
    name: "Fixture banner",
    content: "<p>Fixture <b>sale</b></p>",
    page: "home_page",
    location: "top",
    dateType: "custom",
    dateFrom: "2027-11-27T00:00:00Z",
    dateTo: "2027-12-01T23:59:59Z",
  });
  const gift = new GiftCertificate("gift", {
    toName: "Fixture customer",
    toEmail: "customer@example.com",
    fromName: "The shop",
    fromEmail: "shop@example.com",
    amount: 50,
    code: "FIXTUREG1",
    message: "Thank you",
  });
  const promotion = new Promotion("promotion", {
    redemptionType: "COUPON",
    couponType: "BULK",
    name: "Fixture promotion",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    startDate: "2027-11-27T00:00:00Z",
    endDate: "2027-12-01T23:59:59Z",
  });
  const code = new CouponCode("code", {
    promotionId: promotion.promotionId,
    code: "FIXTURE-P1",
    maxUses: 100,
    maxUsesPerCustomer: 1,
  });
  const batch = new BulkCouponCodes("batch", {
    promotionId: promotion.promotionId,
    batchSize: 3,
    prefix: "FIX",
    delimiter: "-",
    codeLength: 8,
  });
  return {
    couponId: coupon.couponId,
    bannerId: banner.bannerId,
    giftCertificateId: gift.giftCertificateId,
    promotionId: promotion.promotionId,
    codeId: code.codeId,
    batchCodeIds: batch.codeIds,
  };
}
