import type { BulkCouponCodesInputs } from "./schema";

/** The body of one `POST /v3/promotions/{id}/codegen` call of `batchSize` codes. */
export function toApi(inputs: BulkCouponCodesInputs, batchSize: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    batch_size: batchSize,
    max_uses: inputs.maxUses,
    max_uses_per_customer: inputs.maxUsesPerCustomer,
  };
  if (inputs.prefix !== undefined) body.prefix = inputs.prefix;
  if (inputs.suffix !== undefined) body.suffix = inputs.suffix;
  if (inputs.delimiter !== undefined) body.delimiter = inputs.delimiter;
  if (inputs.codeLength !== undefined) body.code_length = inputs.codeLength;
  if (inputs.excludeCharacters !== undefined) body.exclude_characters = inputs.excludeCharacters;
  return body;
}

/** What one codegen call answers. */
export interface ApiCodegenResult {
  created?: string;
  codes?: Array<{ code: string }>;
}
