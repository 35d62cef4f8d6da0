/**
 * The model of a campaign file: its `campaign:` section, its six sections of objects, and how
 * campaign-wide values are inherited. Each object is validated by its resource kind's own zod
 * fields and cross-field rules (`checkInputs`, the very function the provider's `check` runs),
 * so a campaign file accepts exactly what a program declaring the resource would.
 */
import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import type { CampaignSpec, KindDefinition } from "../common/definition";
import { Fields, metaFields } from "../common/kind";
import { parseDate } from "../common/values";
import { Definition, KINDS } from "../kinds";

/** Keys of objects: lower case letters, digits and hyphens, starting with a letter or digit. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const KEY_RULE = "keys must match ^[a-z0-9][a-z0-9-]*$ (lower case letters, digits and hyphens)";

const date = z
  .string({ invalid_type_error: "must be a date (text such as 2026-12-01T00:00:00Z)" })
  .refine((v) => parseDate(v) !== undefined, {
    message: "must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form",
  });

/** The settings of the `campaign:` section, one schema each. */
const campaignSettingsShape = {
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
};

/** The names of the campaign settings. */
export const CAMPAIGN_SETTINGS = Object.keys(campaignSettingsShape);

/** One campaign setting's schema, or undefined for a name that is none. */
export function settingSchema(name: string): z.ZodTypeAny | undefined {
  return Object.prototype.hasOwnProperty.call(campaignSettingsShape, name)
    ? campaignSettingsShape[name as keyof typeof campaignSettingsShape]
    : undefined;
}

/** The `campaign:` section. */
export const campaignSectionSchema = z
  .object(campaignSettingsShape)
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

export type { Inherited } from "./inherit";

/** A section of a campaign file: the campaign part of a resource's definition, with the resource. */
export interface SectionSpec extends CampaignSpec {
  /** The resource class name (`Promotion`, ...). */
  resource: string;
  kind: KindDefinition["kind"];
}

/**
 * The sections of a campaign file, in the order their resources are declared (the registry's,
 * provider/kinds.ts). Inheritance: an object that sets a property itself (even to `null`, which
 * means "none") keeps it.
 */
export const SECTIONS: Record<string, SectionSpec> = Object.fromEntries(
  KINDS.map((d) => [d.campaign.section, { ...d.campaign, resource: d.kind.name, kind: d.kind }]),
);

export const SECTION_NAMES = Object.keys(SECTIONS);
/** The section whose keys the `promotion:` of code objects name. */
export const PROMOTIONS_SECTION = SECTION_NAMES.find((n) => SECTIONS[n].referencedAs) as string;
export const TOP_LEVEL_KEYS = ["campaign", ...SECTION_NAMES];

/** The property of code objects that names their promotion by key. */
export const promotionRefSchema = z
  .string({ invalid_type_error: "must be the key of a promotion of this file" })
  .min(1, "must be the key of a promotion of this file")
  .describe("Key of the promotion (in `promotions:` of this file) the codes belong to.");

/** The properties an object of a section may declare, with the zod schema of each. */
export function objectFields(spec: SectionSpec): Fields {
  // the resource's own fields and the machinery's (adopt, adoptId, deletionPolicy)
  const fields: Record<string, z.ZodTypeAny> = { ...spec.kind.fields, ...metaFields(spec.kind) };
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

/** The Args of a definition's resource class. */
type ArgsOf<D extends Definition> = ConstructorParameters<D["Resource"]>[1];

/** What a campaign file declares for one object of the definition's section. */
type Declared<D extends Definition> = D["campaign"] extends { promotionRef: true }
  ? ByPromotionKey<ArgsOf<D>>
  : ArgsOf<D>;

/**
 * A validated campaign file. Objects hold the resource Args as the file declares them (plain
 * values; `null` where the file says "none"), with the campaign's values inherited and the
 * name prefix applied, by section and key. `applyCampaign` declares them.
 */
export type Campaign = {
  /** The file it was read from (as given). */
  file: string;
  campaign: CampaignSettings;
} & { [D in Definition as D["campaign"]["section"]]: Record<string, Declared<D>> };

/** What a campaign's stack outputs for one object of the definition's section. */
type OutputsOf<D extends Definition> = {
  -readonly [K in D["campaign"]["outputs"][number] & keyof InstanceType<D["Resource"]>]: InstanceType<D["Resource"]>[K];
};

/** What a campaign's stack outputs: the store ids of its objects, by section and key. */
export type CampaignOutputs = {
  [D in Definition as D["campaign"]["section"]]: Record<string, OutputsOf<D>>;
};

/** The campaign's outputs of one object, by their names (each an Output of the resource). */
export type ObjectOutputs = Record<string, pulumi.Output<unknown>>;
