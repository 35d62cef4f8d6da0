import { defineKind } from "../common/definition";
import { CouponCode } from "./index";
import { couponCodeKind } from "./provider";

/** The CouponCode resource: its kind, class, campaign section and words (listed in provider/kinds.ts). */
export const couponCodeDefinition = defineKind({
  kind: couponCodeKind,
  Resource: CouponCode,
  campaign: {
    section: "couponCodes",
    what: "a coupon code",
    def: "couponCode",
    text: "Coupon codes of this file's COUPON promotions, by key; `promotion` names the promotion's key.",
    promotionRef: true,
    outputs: ["codeId", "code"],
  },
  export: { writes: true },
  summary: {
    label: "Coupon code",
    labelBy: { property: "code", form: "plain" },
    fieldNames: { maxUses: "use limit", maxUsesPerCustomer: "uses per customer", promotionId: "promotion" },
    keyFields: ["maxUses", "maxUsesPerCustomer"],
    limitFields: ["maxUses", "maxUsesPerCustomer"],
    usesOutput: "currentUses",
  },
});
