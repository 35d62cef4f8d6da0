import { answered, unlessGone } from "../client/errors";
import { ResourceKind } from "../common/kind";
import { promotionCodeLookup } from "../common/key-lookup";
import { isUnknown } from "../common/values";
import { PROMOTIONS } from "../client/paths";
import { ApiPromotionCode, codesOfPromotion, listCodes } from "../common/promotion-codes";
import { promotionKind } from "../promotion/provider";
import { fromApi, outputsFromApi, toApi } from "./mapping";
import { couponCodeFields } from "./schema";

export const COUPON_CODE_OUTPUTS = ["codeId", "currentUses", "created"];

/**
 * One coupon code of a v3 COUPON promotion (`/v3/promotions/{id}/codes`). The API has no update
 * of a code: every input change replaces it, and `diffInputs` deletes the old code first (a
 * code is unique in the store, so a replacement that keeps its text could not be created first).
 */
export const couponCodeKind: ResourceKind<typeof couponCodeFields> = {
  name: "CouponCode",
  fields: couponCodeFields,
  replaceOn: ["promotionId", "code", "maxUses", "maxUsesPerCustomer"],
  // Codes are unique in the store: the old code must go first only when the text stays the same
  // (or is not known yet); a new text is created first, so the campaign is never without a code.
  deleteFirst: (olds, news) => isUnknown(news.code) || olds.code === news.code,
  outputs: COUPON_CODE_OUTPUTS,
  unique: {
    code: {
      space: "promotion code",
      lookUp: promotionCodeLookup(promotionKind.name),
    },
  },
  adoption: {
    key: (inputs) => `code "${inputs.code}" in promotion ${inputs.promotionId}`,
    unique: true,
    findExisting: async (client, inputs) => {
      const codes = (await unlessGone(listCodes(client, String(inputs.promotionId)))) ?? [];
      return codes.filter((c) => c.code === inputs.code).map((c) => String(c.id));
    },
    readProps: (inputs) => ({ promotionId: inputs.promotionId }),
  },

  async create(client, inputs) {
    // a lost answer is looked up by code in the promotion's code list in the shared create (common/adopt.ts)
    const path = `${PROMOTIONS}/${inputs.promotionId}/codes`;
    const body = await client.post<{ data?: ApiPromotionCode }>(path, toApi(inputs));
    const c = answered(body?.data, "POST", path, "code");
    return { id: String(c.id), outs: { ...fromApi(inputs.promotionId, c), ...outputsFromApi(c) } };
  },

  async read(client, id, props) {
    const promotionId = Number(props.promotionId);
    // the refresh of many codes of one promotion lists its codes once
    const codes = await unlessGone(codesOfPromotion(client, String(promotionId)));
    if (!codes) return undefined; // the promotion is gone
    const c = codes.find((x) => String(x.id) === id);
    if (!c) return undefined;
    const inputs = fromApi(promotionId, c);
    return { inputs, outs: { ...inputs, ...outputsFromApi(c) } };
  },

  update() {
    // replaceOn lists every input: the engine never asks for an update.
    return Promise.reject(new Error("a CouponCode cannot be updated in place; every change replaces it"));
  },

  async delete(client, id, props) {
    await unlessGone(client.delete(`${PROMOTIONS}/${String(props.promotionId)}/codes/${id}`)); // 204 also when it is gone
  },
};
