import {
  BulkCouponCodes,
  BulkCouponCodesArgs,
  CouponCode,
  CouponCodeArgs,
  Promotion,
  PromotionArgs,
} from "../../provider";

/**
 * A coupon promotion with coupon codes given by name and, optionally, a batch of generated codes,
 * for the end-to-end tests. The codes reference the promotion's `promotionId` output.
 */
export default function couponCampaign(args: {
  promotion: PromotionArgs;
  codes: Record<string, Omit<CouponCodeArgs, "promotionId">>;
  bulk?: Omit<BulkCouponCodesArgs, "promotionId">;
}): Record<string, unknown> {
  const promotion = new Promotion("campaign", args.promotion);
  const out: Record<string, unknown> = { promotionId: promotion.promotionId };
  for (const [name, codeArgs] of Object.entries(args.codes)) {
    const c = new CouponCode(name, { ...codeArgs, promotionId: promotion.promotionId });
    out[name] = { codeId: c.codeId, code: c.code };
  }
  if (args.bulk) {
    const batch = new BulkCouponCodes("batch", { ...args.bulk, promotionId: promotion.promotionId });
    out.batchCodeIds = batch.codeIds;
  }
  return out;
}
