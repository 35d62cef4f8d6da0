import * as pulumi from "@pulumi/pulumi";
import type { AdoptionInputs, ArgsMatch, Assert, DeletionPolicyInputs } from "../common/args";
import { resourceArgs } from "../common/resource";
import { promotionKind } from "./provider";
import type { CouponType, promotionFields, PromotionStatus, RedemptionType } from "./schema";

type In<T> = pulumi.Input<T>;
/** A decimal amount: a string such as `"12.95"`, or a number. */
type MoneyInput = string | number;

/** A discount: exactly one of a fixed amount in the store currency or a percentage off (at most 100). */
export type DiscountInput = { fixedAmount: In<MoneyInput> } | { percentageAmount: In<MoneyInput> };

/**
 * Which items a condition or action considers: one simple matcher, or `and`/`or`/`not` of
 * matchers, nested at most three levels deep.
 */
export type ItemMatcherInput =
  | { brands: In<In<number>[]> }
  | { categories: In<In<number>[]> }
  | { products: In<In<number>[]> }
  | { variants: In<In<number>[]> }
  | { productOption: In<{ type?: In<"string_match">; name: In<string>; values: In<In<string>[]> }> }
  | { productCustomField: In<{ name: In<string>; values: In<In<string>[]> }> }
  | { and: In<In<ItemMatcherInput>[]> }
  | { or: In<In<ItemMatcherInput>[]> }
  | { not: In<ItemMatcherInput> };

/** A condition on the cart. `minimumQuantity` only together with `items`; `items` needs a minimum. */
export interface CartConditionInput {
  items?: In<ItemMatcherInput>;
  minimumSpend?: In<MoneyInput>;
  minimumQuantity?: In<number>;
}

/** A rule's condition: one cart condition, or `and` of cart conditions. */
export type ConditionInput = { cart: In<CartConditionInput> } | { and: In<In<{ cart: In<CartConditionInput> }>[]> };

type Strategy = "LEAST_EXPENSIVE" | "LEAST_EXPENSIVE_ONLY" | "MOST_EXPENSIVE" | "MOST_EXPENSIVE_ONLY";

/** What a rule does when its condition holds: exactly one of these forms. */
export type ActionInput =
  | { cartValue: In<{ discount: In<DiscountInput>; maximumAllowedDiscountAmount?: In<MoneyInput> }> }
  | {
      cartItems: In<{
        discount: In<DiscountInput>;
        maximumAllowedDiscountAmount?: In<MoneyInput>;
        asTotal?: In<boolean>;
        items?: In<ItemMatcherInput>;
        includeItemsConsideredByCondition?: In<boolean>;
        excludeItemsOnSale?: In<boolean>;
        strategy?: In<Strategy>;
        quantity?: In<number>;
        addFreeItem?: In<boolean>;
      }>;
    }
  | { giftItem: In<{ quantity: In<number>; productId?: In<number>; variantId?: In<number> }> }
  | {
      fixedPriceSet: In<{
        quantity: In<number>;
        fixedPrice: In<MoneyInput>;
        items?: In<ItemMatcherInput>;
        strategy?: In<Strategy>;
        excludeItemsOnSale?: In<boolean>;
        includeItemsConsideredByCondition?: In<boolean>;
      }>;
    }
  | { shipping: In<{ freeShipping?: In<boolean>; zoneIds: In<"*" | In<number>[]> }> };

/** One rule of a promotion. */
export interface RuleInput {
  /** The discount the rule gives. */
  action: In<ActionInput>;
  /** False lets the rule apply repeatedly (one free X for every Y). Default true. */
  applyOnce?: In<boolean>;
  /** Stop evaluating the promotion's later rules once this one applied. Default false. */
  stop?: In<boolean>;
  /** When the rule applies; absent: always. */
  condition?: In<ConditionInput>;
}

/** A customer segment limitation: a list of segment ids, or `and`/`or`/`not` of limitations (at most three levels). */
export type SegmentsInput =
  | { id: In<In<string>[]> }
  | { and: In<In<SegmentsInput>[]> }
  | { or: In<In<SegmentsInput>[]> }
  | { not: In<SegmentsInput> };

type CountriesInput = { countries: In<In<{ iso2CountryCode: In<string> }>[]> };

/** Arguments of a {@link Promotion}. */
export interface PromotionArgs {
  /** `AUTOMATIC` (applied by the store) or `COUPON` (applied with a code). Changing it replaces the promotion. */
  redemptionType: In<RedemptionType>;
  /** Internal name, shown in the control panel. */
  name: In<string>;
  /** Name shown to shoppers. Default: the store's choice. */
  displayName?: In<string>;
  /** Ids of the channels the promotion targets. Default `[]`: every channel. */
  channels?: In<In<number>[]>;
  /**
   * Which customers are eligible: `groupIds` or `excludedGroupIds` (never both; group 0 is guests
   * and customers without a group), `minimumOrderCount`, `segments`. Default: everyone.
   */
  customer?: In<{
    groupIds?: In<In<number>[]>;
    excludedGroupIds?: In<In<number>[]>;
    minimumOrderCount?: In<number>;
    segments?: In<SegmentsInput>;
  }>;
  /** The rules, tried in order until one applies a discount. At least one. */
  rules: In<In<RuleInput>[]>;
  /** Storefront messages about the promotion. Default none. */
  notifications?: In<
    In<{ content: In<string>; type: In<"UPSELL" | "ELIGIBLE" | "APPLIED">; locations: In<In<string>[]> }>[]
  >;
  /** Weekly availability; all four fields together (times `HH:MM:SS`). Default: always. */
  schedule?: In<{
    weekFrequency: In<number>;
    weekDays: In<In<"Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday">[]>;
    dailyStartTime: In<string>;
    dailyEndTime: In<string>;
  }>;
  /** `ENABLED` or `DISABLED`. Default `ENABLED`. A move of the store to `INVALID` shows as drift. */
  status?: In<"ENABLED" | "DISABLED">;
  /** When the promotion starts (ISO 8601 or RFC 2822). Default: the store starts it when it is created. */
  startDate?: In<string>;
  /** When it ends (ISO 8601 or RFC 2822). Default: never. */
  endDate?: In<string>;
  /** Stop evaluating lower-priority promotions once this one applied. Default false. */
  stop?: In<boolean>;
  /** Whether it combines with other promotions. Default true. */
  canBeUsedWithOtherPromotions?: In<boolean>;
  /** COUPON only, and only with `canBeUsedWithOtherPromotions: false`: the coupon overrides promotions already applied. Default false. */
  couponOverridesOtherPromotions?: In<boolean>;
  /** COUPON only: `SINGLE` (default) or `BULK` codes. Changing it replaces the promotion. */
  couponType?: In<CouponType>;
  /** Most uses in all. Default: unlimited. */
  maxUses?: In<number>;
  /** ISO 4217 currency the promotion applies to, or `*` for every currency. Default: the store's choice. */
  currencyCode?: In<string>;
  /** Shipping countries the promotion targets (`countries`), or excludes (`not`). Default: everywhere. */
  shippingAddress?: In<CountriesInput | { not: In<CountriesInput> }>;
  /**
   * Takes over the existing promotion with this id when the resource is created, instead of creating
   * one; the promotion is then updated to the declared values (no request at all when it already
   * holds them). An id the store does not have is an error, and nothing is created. Read only at
   * creation: changing or removing it later neither updates nor replaces anything. Not with `adopt`.
   */
  adoptId?: pulumi.Input<number>;
  /**
   * When the resource is created, takes over the existing promotion with the same name if the store
   * has one (and updates it to the declared values, with no request when it already holds them);
   * creates one otherwise. Names may repeat: when more than one promotion has it, that is an error listing their ids (choose one with `adoptId`). `redemptionType` and `couponType` must match the store's (they cannot change). Read only at creation: changing or removing it later does nothing.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * What `pulumi destroy` (or a replacement) does to this promotion once customers have used it
   * (`currentUses` above 0); an unused one is always deleted. `"disable"` (the default) disables it and
   * leaves it in the store: customers keep their order history and the links to it, and the code
   * stops working rather than vanishing. `"retain"` leaves it untouched, `"delete"` deletes it.
   * The destroy says in its log what it did. Changing it makes no API call.
   */
  deletionPolicy?: pulumi.Input<"delete" | "disable" | "retain">;
}

/**
 * A v3 promotion: `bigcommerce:Promotion`. The store is the truth of its state: `pulumi refresh`
 * reads it back, and a change made in the control panel shows as drift. Deleting it deletes its
 * coupon codes first (the API refuses to delete a promotion that has codes).
 */
export class Promotion extends pulumi.dynamic.Resource {
  /** The promotion's id in the store. */
  declare readonly promotionId: pulumi.Output<number>;
  /** How many times customers have used it (read-only; never drift). */
  declare readonly currentUses: pulumi.Output<number>;
  /** Which client created it (`api`, `react_ui`, `legacy_ui`). */
  declare readonly createdFrom: pulumi.Output<string>;
  /**
   * The optional properties the store chose because the program left them out (`displayName`,
   * `startDate`, `currencyCode`, `couponType`, `couponOverridesOtherPromotions`, `maxUses`).
   */
  declare readonly setByStore: pulumi.Output<string[]>;
  /** `ENABLED`, `DISABLED`, or `INVALID` when the store found it invalid. */
  declare readonly status: pulumi.Output<PromotionStatus>;
  declare readonly redemptionType: pulumi.Output<RedemptionType>;
  declare readonly name: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly channels: pulumi.Output<number[]>;
  /** Start in ISO 8601 UTC (the store's choice when not declared). */
  declare readonly startDate: pulumi.Output<string>;
  declare readonly endDate: pulumi.Output<string | undefined>;
  declare readonly couponType: pulumi.Output<CouponType | undefined>;
  declare readonly currencyCode: pulumi.Output<string>;

  constructor(name: string, args: PromotionArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs(promotionKind, name, args, opts));
    // The id, not the `promotionId` output: a preview of an update knows the id but not the
    // outputs, and codes given an unknown promotionId would show as replaced.
    this.promotionId = this.id.apply((id) => Number(id));
  }
}

/** Fails to compile when PromotionArgs no longer follow the promotion's fields. */
export type PromotionArgsFollowFields = Assert<
  ArgsMatch<PromotionArgs, typeof promotionFields, AdoptionInputs & DeletionPolicyInputs>
>;
