import { z } from "zod";
import { Failure, failure, InputsOf } from "../common/kind";
import { promotionIdField } from "../coupon-code/schema";

const affix = z
  .string()
  .max(20, "must be at most 20 characters")
  .regex(/^[A-Z0-9_-]*$/, "only capital letters, numbers, underscores and hyphens are allowed")
  .optional();

const uses = z
  .number()
  .int("must be a whole number")
  .min(0, "must be 0 or more (0 is unlimited)")
  .max(100_000, "must be at most 100000");

export const bulkCouponCodesFields = {
  promotionId: promotionIdField,
  batchSize: z.number().int("must be a whole number").positive("must be a positive number of codes"),
  prefix: affix,
  suffix: affix,
  delimiter: z.enum(["_", "-"]).optional(),
  codeLength: z
    .number()
    .int("must be a whole number")
    .min(6, "must be at least 6")
    .max(16, "must be at most 16")
    .optional(),
  // canonical: sorted, without repeats
  excludeCharacters: z
    .array(z.string().regex(/^[A-Z0-9]$/, "must be one capital letter or digit"))
    .transform((a) => [...new Set(a)].sort())
    .optional(),
  maxUses: uses.default(1),
  maxUsesPerCustomer: uses.default(1),
};

/** Inputs of a `BulkCouponCodes` batch, canonical. */
export type BulkCouponCodesInputs = InputsOf<typeof bulkCouponCodesFields>;

/** Generated codes must fit in 50 characters, prefix and suffix (with their delimiter) included. */
export function bulkCouponCodesCrossCheck(
  inputs: Partial<BulkCouponCodesInputs>,
  known: (k: keyof BulkCouponCodesInputs) => boolean,
): Failure[] {
  const affixes = ["prefix", "suffix", "delimiter", "codeLength"] as const;
  if (!affixes.every((k) => known(k) || inputs[k] === undefined)) return [];
  const d = inputs.delimiter?.length ?? 0;
  const total =
    (inputs.codeLength ?? 16) +
    (inputs.prefix ? inputs.prefix.length + d : 0) +
    (inputs.suffix ? inputs.suffix.length + d : 0);
  if (total > 50)
    return [
      failure(
        "codeLength",
        `codeLength: makes codes of ${total} characters with the prefix and suffix; at most 50 are allowed`,
      ),
    ];
  return [];
}
