import { fromCampaign } from "../campaign/inherit";
import { defineKind } from "../common/definition";
import { Promotion } from "./index";
import { promotionKind } from "./provider";

/** The Promotion resource: its kind, class, campaign section and words (listed in provider/kinds.ts). */
export const promotionDefinition = defineKind({
  kind: promotionKind,
  Resource: Promotion,
  campaign: {
    section: "promotions",
    what: "a promotion",
    def: "promotion",
    text: "Promotions (v3), by key. Resource name: <file stem>.<key>.",
    prefixName: true,
    inherit: fromCampaign([
      ["startDate", "startDate"],
      ["endDate", "endDate"],
      ["currencyCode", "currency"],
    ]),
    outputs: ["promotionId"],
    referencedAs: { output: "promotionId" },
  },
  export: { writes: true },
  summary: {
    label: "Promotion",
    labelBy: { property: "name", form: "quoted" },
    fieldNames: {
      displayName: "display name",
      redemptionType: "redemption",
      couponType: "coupon type",
      startDate: "starts",
      endDate: "ends",
      maxUses: "use limit",
      currencyCode: "currency",
      canBeUsedWithOtherPromotions: "combinable with other promotions",
      couponOverridesOtherPromotions: "coupon overrides other promotions",
      deletionPolicy: "deletion policy",
    },
    keyFields: ["redemptionType", "status", "startDate", "endDate", "maxUses"],
    unlimitedWhenAbsent: ["maxUses"],
    expiryFields: ["endDate"],
    limitFields: ["maxUses"],
    usesOutput: "currentUses",
    ruleDiscounts: true,
  },
});
