import { z } from "zod";
import type { InputsOf } from "../common/kind";

/** Letters, digits, white space, underscores and hyphens: what the codes API accepts. */
export const CODE_PATTERN = /^[A-Za-z0-9_ -]+$/;

const count = (what: string) =>
  z
    .number({ invalid_type_error: `must be a number (${what})` })
    .int("must be a whole number")
    .min(0, "must be 0 or more (0 is unlimited)");

/** The id of a promotion (the `promotionId` output of a `Promotion`). */
export const promotionIdField = z.number().int("must be a whole number").positive("must be a positive promotion id");

export const couponCodeFields = {
  promotionId: promotionIdField,
  code: z
    .string()
    .min(1, "must not be empty")
    .max(50, "must be at most 50 characters")
    .regex(CODE_PATTERN, "only letters, numbers, white space, underscores and hyphens are allowed"),
  maxUses: count("0 is unlimited").default(0),
  maxUsesPerCustomer: count("0 is unlimited").default(0),
};

/** Inputs of a `CouponCode`, canonical. */
export type CouponCodeInputs = InputsOf<typeof couponCodeFields>;
