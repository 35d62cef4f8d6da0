import type { ApiPromotionCode } from "../common/promotion-codes";
import type { CouponCodeInputs } from "./schema";

/** The body of `POST /v3/promotions/{id}/codes`. */
export function toApi(inputs: CouponCodeInputs): Record<string, unknown> {
  return { code: inputs.code, max_uses: inputs.maxUses, max_uses_per_customer: inputs.maxUsesPerCustomer };
}

/** The declared properties of a stored code. */
export function fromApi(promotionId: number, c: ApiPromotionCode): CouponCodeInputs {
  return { promotionId, code: c.code, maxUses: c.max_uses ?? 0, maxUsesPerCustomer: c.max_uses_per_customer ?? 0 };
}

/** The output-only properties of a stored code. */
export function outputsFromApi(c: ApiPromotionCode): Record<string, unknown> {
  return { codeId: c.id, currentUses: c.current_uses ?? 0, created: c.created };
}
