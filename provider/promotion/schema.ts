import { z } from "zod";
import { Failure, failure, InputsOf } from "../common/kind";
import { decimalParts, parseDate } from "../common/values";

/**
 * The v3 promotion model in camelCase. Every schema validates what the promotions API documents
 * and canonicalises the value to the form the store returns (documented defaults filled in,
 * money as decimal strings, id lists sorted), so that the diff compares like with like.
 */

export const REDEMPTION_TYPES = ["AUTOMATIC", "COUPON"] as const;
export type RedemptionType = (typeof REDEMPTION_TYPES)[number];
/** Statuses a program may declare; the store may also move an enabled promotion to `INVALID`. */
export const PROMOTION_STATUSES = ["ENABLED", "DISABLED"] as const;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number] | "INVALID";
export const COUPON_TYPES = ["SINGLE", "BULK"] as const;
export type CouponType = (typeof COUPON_TYPES)[number];
export const STRATEGIES = ["LEAST_EXPENSIVE", "LEAST_EXPENSIVE_ONLY", "MOST_EXPENSIVE", "MOST_EXPENSIVE_ONLY"] as const;
export const NOTIFICATION_TYPES = ["UPSELL", "ELIGIBLE", "APPLIED"] as const;
export const WEEK_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** How deep `and`/`or`/`not` may nest in item matchers and customer segments. */
export const MAX_NESTING = 3;

// ---------------------------------------------------------------------------------------------
// Types: the schemas' own (`z.output`, `z.input`), except the one recursion zod cannot infer

/** Exactly one of the keys of `T`, with its value: `{ brands: number[] } | { categories: number[] } | ...`. */
type OneOf<T> = { [K in keyof T]: { [P in K]: T[K] } }[keyof T];
type Variants = Record<string, z.ZodTypeAny>;
/** What a `oneKeyOf` schema of these variants gives, and what it takes. */
type OneKeyOutput<V extends Variants> = OneOf<{ [K in keyof V]: z.output<V[K]> }>;
type OneKeyInput<V extends Variants> = OneOf<{ [K in keyof V]: z.input<V[K]> }>;

/**
 * A leaf, or `and`/`or`/`not` of such (item matchers, customer segments). Written by hand: zod
 * needs the type of a recursive schema declared.
 */
export type Combination<Leaf> =
  Leaf | { and: Combination<Leaf>[] } | { or: Combination<Leaf>[] } | { not: Combination<Leaf> };

// ---------------------------------------------------------------------------------------------
// Building blocks

/**
 * A money value as the v3 API takes it: a decimal string. Numbers are accepted and written as
 * decimals; trailing zeros of the fraction are dropped ("5.50" and 5.5 both become "5.5"), so the
 * store's spelling and the user's compare equal.
 */
export function decimal(v: unknown): string | undefined {
  const d = decimalParts(v);
  if (!d) return undefined;
  const f = d.frac.replace(/0+$/, "");
  return f ? `${d.whole}.${f}` : d.whole;
}

const money = z
  .union([z.string(), z.number()])
  .refine((v) => decimal(v) !== undefined, {
    message: 'must be a non-negative decimal (a string such as "12.95", or a number)',
  })
  .transform((v) => decimal(v) as string);

const percentage = money.refine((v) => Number(v) <= 100, { message: "a percentage must be at most 100" });

/** Optional money that the API returns as null when unset. */
const maximumAllowed = money
  .refine((v) => Number(v) >= 1 && Number(v) <= 10_000_000, { message: "must be between 1 and 10000000" })
  .nullish()
  .transform((v) => v ?? undefined);

const id = z.number().int("must be a whole number").nonnegative("must not be negative");
const positiveInt = z.number().int("must be a whole number").min(1, "must be at least 1");
/** A list of ids, as a set: sorted, without repeats. */
const ids = (min = 0) =>
  z
    .array(id)
    .min(min, `must list at least ${min} id${min === 1 ? "" : "s"}`)
    .transform((a) => [...new Set(a)].sort((x, y) => x - y));

/**
 * A value that is one of several single-key objects (`{ brands: [...] }`, `{ and: [...] }`): it
 * must hold exactly one of the keys, whose value the key's schema checks. Failures carry the full
 * path of the failing field, which a zod union would collapse into one "Invalid input".
 */
function oneKeyOf<V extends Variants>(
  what: string,
  variants: () => V,
  blocked: Record<string, string> = {},
): z.ZodType<OneKeyOutput<V>, z.ZodTypeDef, OneKeyInput<V>> {
  // `custom` without a check takes any value and only types it; the transform is the judge
  return z.custom<OneKeyInput<V>>().transform((declared, ctx): OneKeyOutput<V> => {
    const value: unknown = declared;
    const schemas = variants();
    const names = Object.keys(schemas);
    const list = [...names, ...Object.keys(blocked)].map((n) => `\`${n}\``).join(", ");
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be ${what}: an object with exactly one of ${list}` });
      return z.NEVER;
    }
    const present = Object.keys(value).filter(
      (k) => (value as Record<string, unknown>)[k] !== undefined && (value as Record<string, unknown>)[k] !== null,
    );
    const unknownKeys = present.filter((k) => !names.includes(k) && !(k in blocked));
    for (const k of unknownKeys) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [k],
        message: `is not a property of ${what} (expected one of ${list})`,
      });
    }
    const known = present.filter((k) => names.includes(k) || k in blocked);
    if (known.length !== 1) {
      if (unknownKeys.length === 0 || known.length > 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `${what} must have exactly one of ${list} (got ${known.length ? known.map((k) => `\`${k}\``).join(", ") : "none"})`,
        });
      }
      return z.NEVER;
    }
    const key = known[0];
    if (key in blocked) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: blocked[key] });
      return z.NEVER;
    }
    const parsed = schemas[key].safeParse((value as Record<string, unknown>)[key]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...(issue as z.IssueData), path: [key, ...issue.path] });
      return z.NEVER;
    }
    // one key of V with the output of its schema: what OneKeyOutput<V> spells out
    const data: unknown = parsed.data;
    return { [key]: data } as OneKeyOutput<V>;
  });
}

const TOO_DEEP = `and/or/not may nest at most ${MAX_NESTING} levels deep`;

export const discountSchema = oneKeyOf("a discount", () => ({
  fixedAmount: money,
  percentageAmount: percentage,
}));

const simpleMatchers = () => ({
  brands: ids(1),
  categories: ids(1),
  products: ids(1),
  variants: ids(1),
  productOption: z
    .object({
      type: z.literal("string_match").default("string_match"),
      name: z.string().min(1, "must not be empty"),
      values: z.array(z.string()).min(1, "must list at least one value"),
    })
    .strict(),
  productCustomField: z
    .object({
      name: z.string().min(1, "must not be empty"),
      values: z.array(z.string()).min(1, "must list at least one value"),
    })
    .strict(),
});

type SimpleMatchers = ReturnType<typeof simpleMatchers>;
/** Which items a condition or action considers, canonical. */
export type ItemMatcher = Combination<OneKeyOutput<SimpleMatchers>>;
type ItemMatcherSchema = z.ZodType<ItemMatcher, z.ZodTypeDef, Combination<OneKeyInput<SimpleMatchers>>>;

/** An item matcher at nesting level `level` (1 at the top); combinators below level 3 are refused. */
function itemMatcherAt(level: number): ItemMatcherSchema {
  if (level > MAX_NESTING) {
    return oneKeyOf("a simple item matcher", simpleMatchers, {
      and: TOO_DEEP,
      or: TOO_DEEP,
      not: TOO_DEEP,
    });
  }
  return oneKeyOf("an item matcher", () => ({
    ...simpleMatchers(),
    and: z.array(itemMatcherAt(level + 1)).min(1, "must list at least one matcher"),
    or: z.array(itemMatcherAt(level + 1)).min(1, "must list at least one matcher"),
    not: itemMatcherAt(level + 1),
  }));
}
export const itemMatcherSchema = itemMatcherAt(1);

const cartConditionBody = z
  .object({
    items: itemMatcherSchema.optional(),
    minimumSpend: money.nullish().transform((v) => v ?? undefined),
    minimumQuantity: positiveInt.nullish().transform((v) => v ?? undefined),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.minimumQuantity !== undefined && c.items === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["minimumQuantity"],
        message: "only has effect together with `items`: declare items or remove it",
      });
    }
    if (c.items !== undefined && c.minimumQuantity === undefined && c.minimumSpend === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["items"],
        message: "needs `minimumQuantity` or `minimumSpend` next to it",
      });
    }
  });
const cartCondition = z.object({ cart: cartConditionBody }).strict();

export const conditionSchema = oneKeyOf("a condition", () => ({
  cart: cartConditionBody,
  and: z.array(cartCondition).min(1, "must list at least one condition"),
}));

const strategy = z
  .enum(STRATEGIES)
  .nullish()
  .transform((v) => v ?? undefined);

export const actionSchema = oneKeyOf("an action", () => ({
  cartValue: z.object({ discount: discountSchema, maximumAllowedDiscountAmount: maximumAllowed }).strict(),
  cartItems: z
    .object({
      discount: discountSchema,
      maximumAllowedDiscountAmount: maximumAllowed,
      asTotal: z.boolean().default(false),
      items: itemMatcherSchema.optional(),
      includeItemsConsideredByCondition: z.boolean().default(false),
      excludeItemsOnSale: z.boolean().default(false),
      strategy,
      quantity: positiveInt.nullish().transform((v) => v ?? undefined),
      addFreeItem: z.boolean().default(false),
    })
    .strict(),
  giftItem: z
    .object({ quantity: positiveInt, productId: id.optional(), variantId: id.optional() })
    .strict()
    .superRefine((g, ctx) => {
      if (g.productId === undefined && g.variantId === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "needs `productId` or `variantId`" });
      }
    }),
  fixedPriceSet: z
    .object({
      quantity: positiveInt,
      fixedPrice: money,
      items: itemMatcherSchema.optional(),
      strategy,
      excludeItemsOnSale: z.boolean().default(false),
      includeItemsConsideredByCondition: z.boolean().default(true),
    })
    .strict(),
  shipping: z
    .object({
      freeShipping: z.boolean().default(false),
      zoneIds: z.union([z.literal("*"), ids(1)], {
        errorMap: () => ({ message: 'must be "*" (every zone) or a list of zone ids' }),
      }),
    })
    .strict(),
}));

export const ruleSchema = z
  .object({
    action: actionSchema,
    applyOnce: z.boolean().default(true),
    stop: z.boolean().default(false),
    condition: conditionSchema.nullish().transform((v) => v ?? undefined),
  })
  .strict();

/** A customer segment limitation, canonical: segment ids, or `and`/`or`/`not` of limitations. */
export type CustomerSegments = Combination<{ id: string[] }>;

function segmentsAt(level: number): z.ZodType<CustomerSegments> {
  const idList = z
    .array(z.string().min(1, "must not be empty").max(36, "must be at most 36 characters"))
    .min(1, "must list at least one segment id");
  if (level > MAX_NESTING) {
    return oneKeyOf("a segment id list", () => ({ id: idList }), {
      and: TOO_DEEP,
      or: TOO_DEEP,
      not: TOO_DEEP,
    });
  }
  return oneKeyOf("a customer segment limitation", () => ({
    id: idList,
    and: z.array(segmentsAt(level + 1)).min(2, "must list at least two limitations"),
    or: z.array(segmentsAt(level + 1)).min(2, "must list at least two limitations"),
    not: segmentsAt(level + 1),
  }));
}

const countryMatcher = z
  .object({
    countries: z
      .array(
        z
          .object({
            iso2CountryCode: z.string().regex(/^[A-Za-z]{2}$/, "must be a two-letter ISO 3166-1 country code"),
          })
          .strict()
          .transform((c) => ({ iso2CountryCode: c.iso2CountryCode.toUpperCase() })),
      )
      .min(1, "must list at least one country"),
  })
  .strict();

const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

const isoDate = z
  .union([z.string(), z.date()])
  .refine((v) => parseDate(v) !== undefined, {
    message: "must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form",
  })
  .transform((v) => (parseDate(v) as Date).toISOString());

/** One zod schema per input. */
export const promotionFields = {
  redemptionType: z.enum(REDEMPTION_TYPES),
  name: z.string().min(1, "must not be empty").max(255, "must be at most 255 characters"),
  displayName: z.string().max(255, "must be at most 255 characters").optional(),
  channels: ids().default([]),
  customer: z
    .object({
      groupIds: ids().default([]),
      excludedGroupIds: ids().default([]),
      minimumOrderCount: id.default(0),
      segments: segmentsAt(1)
        .nullish()
        .transform((v) => v ?? undefined),
    })
    .strict()
    .superRefine((c, ctx) => {
      if (c.groupIds.length > 0 && c.excludedGroupIds.length > 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["excludedGroupIds"],
          message: "cannot be declared together with `groupIds`: choose one",
        });
      }
    })
    .default({}),
  rules: z.array(ruleSchema).min(1, "must list at least one rule"),
  notifications: z
    .array(
      z
        .object({
          content: z.string().min(1, "must not be empty"),
          type: z.enum(NOTIFICATION_TYPES),
          locations: z.array(z.string().min(1, "must not be empty")).min(1, "must list at least one location"),
        })
        .strict(),
    )
    .default([]),
  schedule: z
    .object({
      weekFrequency: positiveInt,
      weekDays: z
        .array(z.enum(WEEK_DAYS))
        .min(1, "must list at least one day")
        .transform((d) => WEEK_DAYS.filter((w) => d.includes(w))),
      dailyStartTime: z.string().regex(TIME, "must be a time of day HH:MM:SS"),
      dailyEndTime: z.string().regex(TIME, "must be a time of day HH:MM:SS"),
    })
    .strict()
    .nullish()
    .transform((v) => v ?? undefined),
  status: z.enum(PROMOTION_STATUSES).default("ENABLED"),
  startDate: isoDate.optional(),
  endDate: isoDate.nullish().transform((v) => v ?? undefined),
  stop: z.boolean().default(false),
  canBeUsedWithOtherPromotions: z.boolean().default(true),
  couponOverridesOtherPromotions: z.boolean().optional(),
  couponType: z.enum(COUPON_TYPES).optional(),
  maxUses: id.optional(),
  currencyCode: z
    .string()
    .regex(/^([A-Za-z]{3}|\*)$/, "must be a three-letter ISO 4217 code or * (all currencies)")
    .transform((c) => c.toUpperCase())
    .optional(),
  shippingAddress: oneKeyOf("an address matcher", () => ({
    countries: countryMatcher.shape.countries,
    not: countryMatcher,
  }))
    .nullish()
    .transform((v) => v ?? undefined),
};

/** Canonical promotion inputs, as check returns them and state holds them. */
export type PromotionInputs = InputsOf<typeof promotionFields>;

/** Rules across properties; each failure names the property it is about. */
export function promotionCrossCheck(
  inputs: Partial<PromotionInputs>,
  known: (k: keyof PromotionInputs) => boolean,
): Failure[] {
  const failures: Failure[] = [];
  const fail = (property: string, reason: string) => failures.push(failure(property, `${property}: ${reason}`));
  if (known("redemptionType") && inputs.redemptionType !== "COUPON") {
    if (known("couponType") && inputs.couponType !== undefined)
      fail("couponType", "only a COUPON promotion has a coupon type");
    if (known("couponOverridesOtherPromotions") && inputs.couponOverridesOtherPromotions !== undefined) {
      fail("couponOverridesOtherPromotions", "only a COUPON promotion can override other promotions");
    }
  }
  if (
    known("couponOverridesOtherPromotions") &&
    inputs.couponOverridesOtherPromotions !== undefined &&
    known("canBeUsedWithOtherPromotions") &&
    inputs.canBeUsedWithOtherPromotions === true
  ) {
    fail(
      "couponOverridesOtherPromotions",
      "cannot be set while `canBeUsedWithOtherPromotions` is true (its default): set canBeUsedWithOtherPromotions to false, or remove this",
    );
  }
  if (
    known("startDate") &&
    known("endDate") &&
    inputs.startDate &&
    inputs.endDate &&
    inputs.endDate <= inputs.startDate
  ) {
    fail("endDate", `must be after startDate (${inputs.startDate})`);
  }
  return failures;
}
