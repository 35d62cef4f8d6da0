import { BigCommerceApiError, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { ResourceKind } from "../common/kind";
import { CODE_DELETE_BATCH, listCodes } from "../promotion/provider";
import { ApiCodegenResult, toApi } from "./mapping";
import { bulkCouponCodesCrossCheck, bulkCouponCodesFields, BulkCouponCodesInputs } from "./schema";

const PROMOTIONS = "/v3/promotions";
/** The most codes one codegen call generates. */
export const CODEGEN_BATCH = 250;

export const BULK_CODES_OUTPUTS = ["codes", "codeIds", "created"];

/** Deletes the given codes of a promotion, at most 250 per request; a gone promotion is fine. */
async function deleteCodes(client: BigCommerceClient, promotionId: number, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CODE_DELETE_BATCH) {
    const sent = await unlessGone(
      client.delete(`${PROMOTIONS}/${promotionId}/codes`, { "id:in": ids.slice(i, i + CODE_DELETE_BATCH) }).then(() => true),
    );
    if (!sent) return; // the promotion is gone, and its codes with it
  }
}

/** The ids of the given code texts, from the promotion's code list. */
async function idsOf(client: BigCommerceClient, promotionId: number, codes: string[]): Promise<Map<string, number>> {
  const wanted = new Set(codes);
  const ids = new Map<string, number>();
  for (const c of await listCodes(client, String(promotionId))) if (wanted.has(c.code)) ids.set(c.code, c.id);
  return ids;
}

/**
 * A batch of generated codes of a BULK coupon promotion (`POST /v3/promotions/{id}/codegen`),
 * split into calls of at most 250 codes. The batch is one object for Pulumi: any input change
 * replaces it, deleting it deletes exactly its codes. Its `codes` are a secret output.
 */
export const bulkCouponCodesKind: ResourceKind<BulkCouponCodesInputs> = {
  name: "BulkCouponCodes",
  fields: bulkCouponCodesFields,
  crossCheck: bulkCouponCodesCrossCheck,
  replaceOn: Object.keys(bulkCouponCodesFields) as Array<keyof BulkCouponCodesInputs>,
  outputs: BULK_CODES_OUTPUTS,
  secretOutputs: ["codes"],

  async create(client, inputs) {
    const codes: string[] = [];
    let created: string | undefined;
    try {
      for (let left = inputs.batchSize; left > 0; left -= CODEGEN_BATCH) {
        const body = await client.post<{ data?: ApiCodegenResult }>(
          `${PROMOTIONS}/${inputs.promotionId}/codegen`,
          toApi(inputs, Math.min(left, CODEGEN_BATCH)),
        );
        const got = body?.data?.codes ?? [];
        if (got.length === 0) throw new Error(`BigCommerce API POST ${PROMOTIONS}/${inputs.promotionId}/codegen returned no codes`);
        created ??= body?.data?.created;
        codes.push(...got.map((c) => c.code));
      }
    } catch (e) {
      // Do not leave part of a batch behind: delete the codes generated so far.
      if (codes.length > 0) {
        const ids = await idsOf(client, inputs.promotionId, codes).catch(() => new Map<string, number>());
        await deleteCodes(client, inputs.promotionId, [...ids.values()]).catch(() => undefined);
      }
      if (e instanceof BigCommerceApiError && e.ambiguous) {
        e.message += `. The store may have generated codes for promotion ${inputs.promotionId} all the same: look for them (and delete them) before running \`pulumi up\` again`;
      }
      throw e;
    }
    const ids = await idsOf(client, inputs.promotionId, codes);
    const codeIds = codes.map((c) => {
      const id = ids.get(c);
      if (id === undefined) throw new Error(`generated code number ${codes.indexOf(c) + 1} is not in the code list of promotion ${inputs.promotionId}`);
      return id;
    });
    return { id: `${inputs.promotionId}:${codeIds[0]}`, outs: { codes, codeIds, created } };
  },

  async read(client, _id, props) {
    const promotionId = Number(props.promotionId);
    const stored = await unlessGone(listCodes(client, String(promotionId)));
    if (!stored) return undefined; // the promotion is gone
    const byId = new Map(stored.map((c) => [c.id, c.code]));
    const ids = (Array.isArray(props.codeIds) ? (props.codeIds as number[]) : []).filter((i) => byId.has(i));
    if (ids.length === 0) return undefined;
    const inputs: Record<string, unknown> = {};
    for (const k of Object.keys(bulkCouponCodesFields)) if (props[k] !== undefined) inputs[k] = props[k];
    return {
      inputs: inputs as BulkCouponCodesInputs,
      outs: { codes: ids.map((i) => byId.get(i)), codeIds: ids, created: props.created },
    };
  },

  async update() {
    throw new Error("a BulkCouponCodes batch cannot be updated in place; every change replaces it");
  },

  async delete(client, _id, props) {
    const ids = Array.isArray(props.codeIds) ? (props.codeIds as number[]) : [];
    await deleteCodes(client, Number(props.promotionId), ids);
  },
};
