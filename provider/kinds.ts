/**
 * The one list of resources. Each resource folder defines itself (`<folder>/definition.ts`);
 * runtime dispatch, campaign sections, the JSON Schema, the export and the preview summary all
 * take the list from here. The order is the order of the campaign file's sections, in which
 * a campaign declares its resources (promotions first: codes refer to them).
 */
import { bannerDefinition } from "./banner/definition";
import { bulkCouponCodesDefinition } from "./bulk-codes/definition";
import type { KindDefinition } from "./common/definition";
import { couponCodeDefinition } from "./coupon-code/definition";
import { couponDefinition } from "./coupon/definition";
import { giftCertificateDefinition } from "./gift-certificate/definition";
import { promotionDefinition } from "./promotion/definition";

export const KINDS = [
  promotionDefinition,
  couponCodeDefinition,
  bulkCouponCodesDefinition,
  couponDefinition,
  bannerDefinition,
  giftCertificateDefinition,
] as const;

/** One definition of the list, with its literal types. */
export type Definition = (typeof KINDS)[number];

const BY_NAME = new Map<string, KindDefinition>(KINDS.map((d) => [d.kind.name, d]));

/** The definition of the kind `name` (`Coupon`), or undefined for a name the package does not have. */
export function definitionOf(name: string): KindDefinition | undefined {
  return BY_NAME.get(name);
}
