import { BulkCouponCodes, CouponCode, Promotion } from "../../provider";

/** The benchmark's many-codes scenario: one BULK coupon promotion, `codes` CouponCode resources and a batch of `batch` generated codes. */
export interface ManyCodesArgs {
  /** How many CouponCode resources. */
  codes: number;
  /** The size of the BulkCouponCodes batch (0: none). */
  batch: number;
}

export default function manyCodes(args: ManyCodesArgs): Record<string, unknown> {
  const promotion = new Promotion("many-codes", {
    redemptionType: "COUPON",
    couponType: "BULK",
    name: "many codes",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  });
  for (let i = 0; i < args.codes; i++) {
    new CouponCode(`code-${String(i).padStart(4, "0")}`, {
      promotionId: promotion.promotionId,
      code: `MANY${String(i).padStart(4, "0")}`,
      maxUses: 1,
    });
  }
  if (args.batch > 0)
    new BulkCouponCodes("batch", { promotionId: promotion.promotionId, batchSize: args.batch, prefix: "BULK" });
  return { promotionId: promotion.promotionId };
}
