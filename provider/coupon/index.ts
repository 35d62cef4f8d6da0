import * as pulumi from "@pulumi/pulumi";
import type { AdoptionInputs, ArgsMatch, Assert, DeletionPolicyInputs } from "../common/args";
import { resourceArgs } from "../common/resource";
import { couponKind } from "./provider";
import type { couponFields, CouponType } from "./schema";

/** Arguments of a {@link Coupon}. Amounts may be numbers or decimal strings; dates ISO 8601 or RFC 2822. */
export interface CouponArgs {
  /** Name shown in the control panel; unique in the store, at most 100 characters. */
  name: pulumi.Input<string>;
  /** Code customers enter; unique in the store, at most 50 letters, digits, spaces, underscores or hyphens. */
  code: pulumi.Input<string>;
  /** Kind of discount: `per_item_discount`, `per_total_discount`, `shipping_discount`, `free_shipping` or `percentage_discount`. */
  type: pulumi.Input<CouponType>;
  /** Discount: an amount in the store currency, or a percentage (at most 100) for `percentage_discount`. */
  amount: pulumi.Input<string | number>;
  /** Minimum order value before the coupon applies. Default 0. */
  minPurchase?: pulumi.Input<string | number>;
  /** Expiry date (`2026-12-31`, `2026-12-31T23:59:00Z` or RFC 2822). Default: never. */
  expires?: pulumi.Input<string>;
  /** Whether customers can use the coupon. Default true. */
  enabled?: pulumi.Input<boolean>;
  /** Products or categories the coupon applies to. Default: all categories (`{ entity: "categories", ids: [0] }`). */
  appliesTo?: pulumi.Input<{
    entity: pulumi.Input<"products" | "categories">;
    ids: pulumi.Input<pulumi.Input<number>[]>;
  }>;
  /** Maximum uses in all; 0 means unlimited. Default 0. */
  maxUses?: pulumi.Input<number>;
  /** Maximum uses per customer; 0 means unlimited. Default 0. */
  maxUsesPerCustomer?: pulumi.Input<number>;
  /** Restricts the coupon to customers of some countries (`{ countries: "AU" }`). */
  restrictedTo?: pulumi.Input<{ countries?: pulumi.Input<string> }>;
  /** Shipping methods the coupon applies to (names of methods enabled on the store). */
  shippingMethods?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Takes over the existing coupon with this id when the resource is created, instead of creating
   * one; the coupon is then updated to the declared values (no request at all when it already
   * holds them). An id the store does not have is an error, and nothing is created. Read only at
   * creation: changing or removing it later neither updates nor replaces anything. Not with `adopt`.
   */
  adoptId?: pulumi.Input<number>;
  /**
   * When the resource is created, takes over the existing coupon with the same code if the store
   * has one (and updates it to the declared values, with no request when it already holds them);
   * creates one otherwise. Read only at creation: changing or removing it later does nothing.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * What `pulumi destroy` (or a replacement) does to this coupon once customers have used it
   * (`numUses` above 0); an unused one is always deleted. `"disable"` (the default) disables it and
   * leaves it in the store: customers keep their order history and the links to it, and the code
   * stops working rather than vanishing. `"retain"` leaves it untouched, `"delete"` deletes it.
   * The destroy says in its log what it did. Changing it makes no API call.
   */
  deletionPolicy?: pulumi.Input<"delete" | "disable" | "retain">;
}

/**
 * A legacy (v2) coupon: `bigcommerce:Coupon`. The store is the truth of its state: `pulumi
 * refresh` reads it back, and a change made in the control panel shows as drift.
 */
export class Coupon extends pulumi.dynamic.Resource {
  /** The coupon's id in the store. */
  declare readonly couponId: pulumi.Output<number>;
  /** How many times customers have used it (read-only; never drift). */
  declare readonly numUses: pulumi.Output<number>;
  /** When the store created it (RFC 2822). */
  declare readonly dateCreated: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly code: pulumi.Output<string>;
  declare readonly type: pulumi.Output<CouponType>;
  /** The discount as the store holds it (four decimals). */
  declare readonly amount: pulumi.Output<string>;
  declare readonly minPurchase: pulumi.Output<string>;
  /** Expiry in RFC 2822 GMT, or "" for none. */
  declare readonly expires: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly maxUses: pulumi.Output<number>;
  declare readonly maxUsesPerCustomer: pulumi.Output<number>;

  constructor(name: string, args: CouponArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs(couponKind, name, args, opts));
  }
}

/** Fails to compile when CouponArgs no longer follow the coupon's fields. */
export type CouponArgsFollowFields = Assert<
  ArgsMatch<CouponArgs, typeof couponFields, AdoptionInputs & DeletionPolicyInputs>
>;
