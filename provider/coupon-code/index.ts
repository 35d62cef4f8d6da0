import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../dynamic";

/** Arguments of a {@link CouponCode}. Every change replaces the code (the API cannot update one). */
export interface CouponCodeArgs {
  /** Id of the COUPON promotion the code belongs to (the `promotionId` output of a `Promotion`). */
  promotionId: pulumi.Input<number>;
  /** The code shoppers enter: at most 50 letters, numbers, spaces, underscores or hyphens; unique in the store (any case). */
  code: pulumi.Input<string>;
  /** Most uses of the code in all. Default 0: unlimited. */
  maxUses?: pulumi.Input<number>;
  /** Most uses of the code per customer. Default 0: unlimited. */
  maxUsesPerCustomer?: pulumi.Input<number>;
}

/**
 * A coupon code of a v3 COUPON promotion: `bigcommerce:CouponCode`. Any change replaces it,
 * deleting the old code first. Refresh reports it gone when the store no longer has it.
 */
export class CouponCode extends pulumi.dynamic.Resource {
  /** The code's id in the store. */
  declare readonly codeId: pulumi.Output<number>;
  /** How many times customers have used it (read-only; never drift). */
  declare readonly currentUses: pulumi.Output<number>;
  /** When the store created it (ISO 8601). */
  declare readonly created: pulumi.Output<string>;
  declare readonly promotionId: pulumi.Output<number>;
  declare readonly code: pulumi.Output<string>;
  declare readonly maxUses: pulumi.Output<number>;
  declare readonly maxUsesPerCustomer: pulumi.Output<number>;

  constructor(name: string, args: CouponCodeArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dynamicProvider("CouponCode"),
      name,
      { codeId: undefined, currentUses: undefined, created: undefined, maxUses: undefined, maxUsesPerCustomer: undefined, ...args },
      opts,
      "bigcommerce",
      "CouponCode",
    );
  }
}
