import * as pulumi from "@pulumi/pulumi";
import type { AdoptionInputs, ArgsMatch, Assert } from "../common/args";
import { resourceArgs } from "../common/resource";
import { bannerKind } from "./provider";
import type { BannerDateType, bannerFields, BannerLocation, BannerPage } from "./schema";

/**
 * Arguments of a {@link Banner}. Dates may be ISO 8601 (`2026-12-01`, `2026-12-01T09:00:00Z`),
 * RFC 2822, or unix timestamps in seconds; the store's strings ("1"/"0", "1764547200") are the
 * provider's business, not yours.
 */
export interface BannerArgs {
  /** Name shown in the control panel (not on the storefront). Must not be empty. */
  name: pulumi.Input<string>;
  /** What the banner shows: HTML, stored and returned as written. Must not be empty. */
  content: pulumi.Input<string>;
  /** Page that shows the banner: `home_page`, `category_page`, `brand_page` or `search_page`. */
  page: pulumi.Input<BannerPage>;
  /** Where on the page: `top` or `bottom`. */
  location: pulumi.Input<BannerLocation>;
  /**
   * `always` (the default): shown whenever it is visible, and `dateFrom`/`dateTo` must be
   * absent. `custom`: shown from `dateFrom` to `dateTo`, both required.
   */
  dateType?: pulumi.Input<BannerDateType>;
  /** With `dateType: "custom"`, when the banner starts to show (ISO 8601, RFC 2822 or unix seconds). */
  dateFrom?: pulumi.Input<string | number>;
  /** With `dateType: "custom"`, when the banner stops showing; must be after `dateFrom`. */
  dateTo?: pulumi.Input<string | number>;
  /** Whether the storefront shows the banner at all. Default true. */
  visible?: pulumi.Input<boolean>;
  /**
   * The category (for `category_page`) or brand (for `brand_page`) whose page shows the
   * banner: required on those pages, refused on the others.
   */
  itemId?: pulumi.Input<number>;
  /**
   * Takes over the existing banner with this id when the resource is created, instead of creating
   * one; the banner is then updated to the declared values (no request at all when it already
   * holds them). An id the store does not have is an error, and nothing is created. Read only at
   * creation: changing or removing it later neither updates nor replaces anything. Not with `adopt`.
   */
  adoptId?: pulumi.Input<number>;
  /**
   * When the resource is created, takes over the existing banner with the same name if the store
   * has one (and updates it to the declared values, with no request when it already holds them);
   * creates one otherwise. Names may repeat: when more than one banner has it, that is an error listing their ids (choose one with `adoptId`). Read only at creation: changing or removing it later does nothing.
   */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A storefront banner (v2): `bigcommerce:Banner`. The store is the truth of its state: `pulumi
 * refresh` reads it back, and a change made in the control panel shows as drift.
 */
export class Banner extends pulumi.dynamic.Resource {
  /** The banner's id in the store. */
  declare readonly bannerId: pulumi.Output<number>;
  /** When the store created it (ISO 8601 UTC). */
  declare readonly dateCreated: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly content: pulumi.Output<string>;
  declare readonly page: pulumi.Output<BannerPage>;
  declare readonly location: pulumi.Output<BannerLocation>;
  declare readonly dateType: pulumi.Output<BannerDateType>;
  /** Start in ISO 8601 UTC (`2026-12-01T00:00:00Z`), or "" for none. */
  declare readonly dateFrom: pulumi.Output<string>;
  /** End in ISO 8601 UTC, or "" for none. */
  declare readonly dateTo: pulumi.Output<string>;
  declare readonly visible: pulumi.Output<boolean>;
  /** The category or brand id, or 0 for none. */
  declare readonly itemId: pulumi.Output<number>;

  constructor(name: string, args: BannerArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs(bannerKind, name, args, opts));
  }
}

/** Fails to compile when BannerArgs no longer follow the banner's fields. */
export type BannerArgsFollowFields = Assert<ArgsMatch<BannerArgs, typeof bannerFields, AdoptionInputs>>;
