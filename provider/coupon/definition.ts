import { fromCampaign } from "../campaign/inherit";
import { defineKind } from "../common/definition";
import { Coupon } from "./index";
import { couponKind } from "./provider";

/** The Coupon resource: its kind, class, campaign section and words (listed in provider/kinds.ts). */
export const couponDefinition = defineKind({
  kind: couponKind,
  Resource: Coupon,
  campaign: {
    section: "coupons",
    what: "a coupon",
    def: "coupon",
    text: "Legacy (v2) coupons, by key.",
    prefixName: true,
    inherit: fromCampaign([["expires", "endDate"]]),
    outputs: ["couponId", "code"],
  },
  export: { writes: true },
  summary: {
    label: "Coupon",
    labelBy: { property: "code", form: "plain" },
    fieldNames: {
      minPurchase: "minimum purchase",
      appliesTo: "applies to",
      maxUses: "use limit",
      maxUsesPerCustomer: "uses per customer",
      "restrictedTo.countries": "countries",
      restrictedTo: "countries",
      shippingMethods: "shipping methods",
      deletionPolicy: "deletion policy",
    },
    keyFields: ["type", "amount", "minPurchase", "expires", "maxUses", "maxUsesPerCustomer", "enabled"],
    expiryFields: ["expires"],
    limitFields: ["maxUses", "maxUsesPerCustomer"],
    usesOutput: "numUses",
    amountByType: { percent: "percentage_discount", free: "free_shipping" },
  },
});
