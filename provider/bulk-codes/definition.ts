import { defineKind } from "../common/definition";
import { BulkCouponCodes } from "./index";
import { bulkCouponCodesKind } from "./provider";

/** The BulkCouponCodes resource: its kind, class, campaign section and words (listed in provider/kinds.ts). */
export const bulkCouponCodesDefinition = defineKind({
  kind: bulkCouponCodesKind,
  Resource: BulkCouponCodes,
  campaign: {
    section: "bulkCodes",
    what: "a batch of coupon codes",
    def: "bulkCodes",
    text: "Batches of generated coupon codes of this file's COUPON promotions, by key; `promotion` names the promotion's key.",
    promotionRef: true,
    outputs: ["codeIds"],
  },
  // a batch is not exported (nothing in the store marks which codes were generated together);
  // its codes are the stack's, so an export leaves them out of `couponCodes`
  export: { writes: false, manages: { section: "couponCodes", idsOutput: "codeIds" } },
  summary: {
    label: "Generated codes",
    fieldNames: {
      batchSize: "batch size",
      codeLength: "code length",
      maxUses: "use limit",
      maxUsesPerCustomer: "uses per customer",
      promotionId: "promotion",
    },
    keyFields: ["batchSize", "prefix", "maxUses"],
    limitFields: ["maxUses", "maxUsesPerCustomer"],
  },
});
