/**
 * The model of a campaign file: its `campaign:` section, its six sections of objects, and how
 * campaign-wide values are inherited. Each object is validated by its resource kind's own zod
 * fields and cross-field rules (`checkInputs`, the very function the provider's `check` runs),
 * so a campaign file accepts exactly what a program declaring the resource would.
 */
import { z } from "zod";
import { metaFields, ResourceKind } from "../common/kind";
import { parseDate } from "../common/values";
import { bannerKind } from "../banner/provider";
import { bulkCouponCodesKind } from "../bulk-codes/provider";
import { couponCodeKind } from "../coupon-code/provider";
import { couponKind } from "../coupon/provider";
import { giftCertificateKind } from "../gift-certificate/provider";
import { promotionKind } from "../promotion/provider";
import type { BannerArgs } from "../banner";
import type { BulkCouponCodesArgs } from "../bulk-codes";
import type { CouponArgs } from "../coupon";
import type { CouponCodeArgs } from "../coupon-code";
import type { GiftCertificateArgs } from "../gift-certificate";
import type { PromotionArgs } from "../promotion";

/** Keys of objects: lower case letters, digits and hyphens, starting with a letter or digit. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const KEY_RULE = "keys must match ^[a-z0-9][a-z0-9-]*$ (lower case letters, digits and hyphens)";

const date = z
  .string({ invalid_type_error: "must be a date (text such as 2026-12-01T00:00:00Z)" })
  .refine((v) => parseDate(v) !== undefined, {
    message: "must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form",
  });

/** The `campaign:` section. */
export const campaignSectionSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .describe("Name of the campaign (for people; not sent to the store)."),
    description: z.string().optional().describe("Free text about the campaign (not sent to the store)."),
    namePrefix: z
      .string()
      .optional()
      .describe(
        'Text put in front of the name of every promotion, coupon and banner of the file (for example "Holiday: ").',
      ),
    startDate: date
      .optional()
      .describe(
        "Start of the campaign (ISO 8601 or RFC 2822). Inherited as the startDate of promotions, and with endDate as the dates of banners, that set none.",
      ),
    endDate: date
      .optional()
      .describe(
        "End of the campaign (ISO 8601 or RFC 2822). Inherited as the endDate of promotions, the expires of coupons, the expiryDate of gift certificates and, with startDate, the dates of banners, that set none.",
      ),
    currency: z
      .string({ invalid_type_error: "must be text (an ISO 4217 currency code such as USD)" })
      .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 currency code such as USD")
      .optional()
      .describe(
        "ISO 4217 currency code inherited as the currencyCode of promotions and gift certificates that set none.",
      ),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.startDate && c.endDate && (parseDate(c.endDate) as Date) <= (parseDate(c.startDate) as Date)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["endDate"],
        message: `must be after startDate (${c.startDate})`,
      });
    }
  });

export type CampaignSettings = z.infer<typeof campaignSectionSchema>;

/** A value inherited from the campaign section: the object property and where it came from. */
export interface Inherited {
  property: string;
  from: string;
  value: unknown;
}

export interface SectionSpec {
  /** The resource class name (`Promotion`, ...). */
  resource: string;
  kind: ResourceKind<any>;
  /** What one object of the section is, for messages ("a promotion"). */
  what: string;
  /** The singular key of its JSON Schema definition. */
  def: string;
  /** Whether its objects name their promotion by key (`promotion:`) instead of a `promotionId`. */
  promotionRef?: boolean;
  /** Whether `namePrefix` is put in front of its `name`. */
  prefixName?: boolean;
  /** The campaign-wide values this object takes, given the properties it declares itself. */
  inherit?(own: Record<string, unknown>, c: CampaignSettings): Inherited[];
}

const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function fromCampaign(pairs: Array<[property: string, setting: keyof CampaignSettings]>) {
  return (own: Record<string, unknown>, c: CampaignSettings): Inherited[] =>
    pairs
      .filter(([p, s]) => !has(own, p) && c[s] !== undefined)
      .map(([p, s]) => ({ property: p, from: `campaign.${s}`, value: c[s] }));
}

/**
 * The sections of a campaign file, in the order their resources are declared. Inheritance:
 * an object that sets a property itself (even to `null`, which means "none") keeps it.
 * Banners take the campaign's dates only when it has both: a banner that sets neither
 * `dateType` nor a date becomes `dateType: custom` from `startDate` to `endDate`; a banner
 * with `dateType: custom` takes the dates it does not set; `dateType: always` takes none.
 */
export const SECTIONS: Record<string, SectionSpec> = {
  promotions: {
    resource: "Promotion",
    kind: promotionKind,
    what: "a promotion",
    def: "promotion",
    prefixName: true,
    inherit: fromCampaign([
      ["startDate", "startDate"],
      ["endDate", "endDate"],
      ["currencyCode", "currency"],
    ]),
  },
  couponCodes: {
    resource: "CouponCode",
    kind: couponCodeKind,
    what: "a coupon code",
    def: "couponCode",
    promotionRef: true,
  },
  bulkCodes: {
    resource: "BulkCouponCodes",
    kind: bulkCouponCodesKind,
    what: "a batch of coupon codes",
    def: "bulkCodes",
    promotionRef: true,
  },
  coupons: {
    resource: "Coupon",
    kind: couponKind,
    what: "a coupon",
    def: "coupon",
    prefixName: true,
    inherit: fromCampaign([["expires", "endDate"]]),
  },
  banners: {
    resource: "Banner",
    kind: bannerKind,
    what: "a banner",
    def: "banner",
    prefixName: true,
    inherit(own, c) {
      if (c.startDate === undefined || c.endDate === undefined) return [];
      const out: Inherited[] = [];
      const declaresDates = has(own, "dateFrom") || has(own, "dateTo");
      if (!has(own, "dateType") && !declaresDates)
        out.push({ property: "dateType", from: "campaign.startDate", value: "custom" });
      else if (own.dateType !== "custom") return [];
      if (!has(own, "dateFrom")) out.push({ property: "dateFrom", from: "campaign.startDate", value: c.startDate });
      if (!has(own, "dateTo")) out.push({ property: "dateTo", from: "campaign.endDate", value: c.endDate });
      return out;
    },
  },
  giftCertificates: {
    resource: "GiftCertificate",
    kind: giftCertificateKind,
    what: "a gift certificate",
    def: "giftCertificate",
    inherit: fromCampaign([
      ["expiryDate", "endDate"],
      ["currencyCode", "currency"],
    ]),
  },
};

export const SECTION_NAMES = Object.keys(SECTIONS);
export const TOP_LEVEL_KEYS = ["campaign", ...SECTION_NAMES];

/** The property of code objects that names their promotion by key. */
export const promotionRefSchema = z
  .string({ invalid_type_error: "must be the key of a promotion of this file" })
  .min(1, "must be the key of a promotion of this file")
  .describe("Key of the promotion (in `promotions:` of this file) the codes belong to.");

/** The properties an object of a section may declare, with the zod schema of each. */
export function objectFields(spec: SectionSpec): Record<string, z.ZodTypeAny> {
  // the resource's own fields and the machinery's (adopt, adoptId, deletionPolicy)
  const fields: Record<string, z.ZodTypeAny> = {
    ...(spec.kind.fields as Record<string, z.ZodTypeAny>),
    ...metaFields(spec.kind),
  };
  if (spec.promotionRef) {
    delete fields.promotionId;
    return { promotion: promotionRefSchema, ...fields };
  }
  return fields;
}

/** Code objects name their promotion by key instead of giving its id. */
export type ByPromotionKey<T> = Omit<T, "promotionId"> & {
  /** Key of the promotion (in `promotions:` of the same file). */
  promotion: string;
};

/**
 * A validated campaign file. Objects hold the resource Args as the file declares them (plain
 * values; `null` where the file says "none"), with the campaign's values inherited and the
 * name prefix applied. `applyCampaign` declares them.
 */
export interface Campaign {
  /** The file it was read from (as given). */
  file: string;
  campaign: CampaignSettings;
  promotions: Record<string, PromotionArgs>;
  couponCodes: Record<string, ByPromotionKey<CouponCodeArgs>>;
  bulkCodes: Record<string, ByPromotionKey<BulkCouponCodesArgs>>;
  coupons: Record<string, CouponArgs>;
  banners: Record<string, BannerArgs>;
  giftCertificates: Record<string, GiftCertificateArgs>;
}
