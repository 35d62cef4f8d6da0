import * as pulumi from "@pulumi/pulumi";
import type { ArgsMatch, Assert } from "../common/args";
import { resourceArgs } from "../common/resource";
import { bulkCouponCodesKind } from "./provider";
import type { bulkCouponCodesFields } from "./schema";

/**
 * Arguments of a {@link BulkCouponCodes} batch. Every change replaces the whole batch. A batch
 * cannot be adopted (there is no `adopt` or `adoptId`: nothing in the store marks which codes
 * were generated together); existing codes can be taken over one by one as `CouponCode`
 * resources with `adopt` or `adoptId`.
 */
export interface BulkCouponCodesArgs {
  /** Id of the COUPON promotion of coupon type BULK the codes belong to. */
  promotionId: pulumi.Input<number>;
  /** How many codes to generate, any positive number (generated 250 per API call). */
  batchSize: pulumi.Input<number>;
  /** Start of every code: at most 20 capital letters, numbers, underscores or hyphens. Default none. */
  prefix?: pulumi.Input<string>;
  /** End of every code, like `prefix`. Default none. */
  suffix?: pulumi.Input<string>;
  /** `_` or `-` between the prefix, the random part and the suffix. Default none. */
  delimiter?: pulumi.Input<"_" | "-">;
  /** Length of the random part, 6 to 16. Default: the store's (16). */
  codeLength?: pulumi.Input<number>;
  /** Capital letters and digits the random part never uses (`["0", "O"]`). Default none. */
  excludeCharacters?: pulumi.Input<pulumi.Input<string>[]>;
  /** Most uses of each code; 0 is unlimited. Default 1. */
  maxUses?: pulumi.Input<number>;
  /** Most uses of each code per customer; 0 is unlimited. Default 1. */
  maxUsesPerCustomer?: pulumi.Input<number>;
}

/**
 * A batch of generated coupon codes of a BULK promotion: `bigcommerce:BulkCouponCodes`. The
 * codes are bearer secrets: the `codes` output is kept encrypted in state. Refresh keeps the
 * codes the store still has and reports the batch gone when none remain; deleting the batch
 * deletes exactly its codes.
 */
export class BulkCouponCodes extends pulumi.dynamic.Resource {
  /** The generated codes (secret), in the order of `codeIds`. */
  declare readonly codes: pulumi.Output<string[]>;
  /** The ids of the generated codes in the store. */
  declare readonly codeIds: pulumi.Output<number[]>;
  /** When the store generated them (ISO 8601). */
  declare readonly created: pulumi.Output<string>;
  declare readonly promotionId: pulumi.Output<number>;
  declare readonly batchSize: pulumi.Output<number>;

  constructor(name: string, args: BulkCouponCodesArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs(bulkCouponCodesKind, name, args, opts));
  }
}

/** Fails to compile when BulkCouponCodesArgs no longer follow the batch's fields. */
export type BulkCouponCodesArgsFollowFields = Assert<ArgsMatch<BulkCouponCodesArgs, typeof bulkCouponCodesFields>>;
