import * as pulumi from "@pulumi/pulumi";
import type { AdoptionInputs, ArgsMatch, Assert } from "../common/args";
import { resourceArgs } from "../common/resource";
import { couponCodeKind } from "./provider";
import type { couponCodeFields } from "./schema";

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
  /**
   * Takes over the existing code of the promotion with this id when the resource is created, instead of creating
   * one; the code of the promotion is then updated to the declared values (no request at all when it already
   * holds them). An id the store does not have is an error, and nothing is created. Read only at
   * creation: changing or removing it later neither updates nor replaces anything. Not with `adopt`.
   */
  adoptId?: pulumi.Input<number>;
  /**
   * When the resource is created, takes over the existing code of the promotion with the same code in the promotion `promotionId` if the store
   * has one (and updates it to the declared values, with no request when it already holds them);
   * creates one otherwise. Its `maxUses` and `maxUsesPerCustomer` must match the store's (a code cannot be updated). Read only at creation: changing or removing it later does nothing.
   */
  adopt?: pulumi.Input<boolean>;
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
    super(...resourceArgs(couponCodeKind, name, args, opts));
  }
}

/** Fails to compile when CouponCodeArgs no longer follow the coupon code's fields. */
export type CouponCodeArgsFollowFields = Assert<ArgsMatch<CouponCodeArgs, typeof couponCodeFields, AdoptionInputs>>;
