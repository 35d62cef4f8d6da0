import { z } from "zod";
import { Failure, failure, InputsOf } from "../common/kind";
import { money4, normalizeDate } from "../common/values";

/** Coupon types that can be written (`promotion` coupons belong to v3 promotions and are read-only). */
export const COUPON_TYPES = [
  "per_item_discount",
  "per_total_discount",
  "shipping_discount",
  "free_shipping",
  "percentage_discount",
] as const;
export type CouponType = (typeof COUPON_TYPES)[number];

export const CODE_PATTERN = /^[A-Za-z0-9_ -]+$/;

const money = (what: string) =>
  z
    .union([z.string(), z.number()])
    .refine((v) => money4(v) !== undefined, {
      message: `${what} must be a non-negative decimal with at most 4 decimal places`,
    })
    .transform((v) => money4(v) as string);

/**
 * One zod schema per input. Each validates the rule the API documents and canonicalises the
 * value to what the store will return, so that the diff compares like with like.
 */
export const couponFields = {
  name: z.string().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  code: z
    .string()
    .min(1, "must not be empty")
    .max(50, "must be at most 50 characters")
    .regex(CODE_PATTERN, "may contain only letters, digits, spaces, underscores and hyphens"),
  type: z.enum(COUPON_TYPES),
  amount: money("the amount"),
  minPurchase: money("the minimum purchase").default("0.0000"),
  expires: z
    .union([z.string(), z.date()])
    .refine((v) => v === "" || normalizeDate(v) !== undefined, {
      message: "must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form",
    })
    .transform((v) => (v === "" ? "" : (normalizeDate(v) as string)))
    .default(""),
  enabled: z.boolean().default(true),
  appliesTo: z
    .object({
      entity: z.enum(["products", "categories"]),
      ids: z
        .array(z.number().int("ids must be whole numbers").nonnegative("ids must not be negative"))
        .min(1, "must list at least one id"),
    })
    .strict()
    .transform((a) => ({ entity: a.entity, ids: [...new Set(a.ids)].sort((x, y) => x - y) }))
    .default({ entity: "categories", ids: [0] }),
  maxUses: z.number().int("must be a whole number").nonnegative("must not be negative").default(0),
  maxUsesPerCustomer: z.number().int("must be a whole number").nonnegative("must not be negative").default(0),
  restrictedTo: z
    .object({ countries: z.string().optional() })
    .strict()
    .transform((r) => (r.countries ? { countries: r.countries } : {}))
    .default({}),
  shippingMethods: z.array(z.string().min(1, "must not be empty")).default([]),
};

/** Canonical coupon inputs, as check returns them and state holds them. */
export type CouponInputs = InputsOf<typeof couponFields>;

/** Rules across properties. */
export function couponCrossCheck(inputs: Partial<CouponInputs>, known: (k: keyof CouponInputs) => boolean): Failure[] {
  const failures: Failure[] = [];
  if (known("type") && known("amount") && inputs.type === "percentage_discount" && Number(inputs.amount) > 100) {
    failures.push(failure("amount", `amount: a percentage_discount must be at most 100 (got ${inputs.amount})`));
  }
  return failures;
}
