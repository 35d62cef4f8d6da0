import { Promotion, PromotionArgs } from "../../provider";

/** A program of promotions given by name, for the end-to-end tests. */
export default function promotions(args: { promotions: Record<string, PromotionArgs> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, promotionArgs] of Object.entries(args.promotions)) {
    const p = new Promotion(name, promotionArgs);
    out[name] = { id: p.promotionId, status: p.status };
  }
  return out;
}
