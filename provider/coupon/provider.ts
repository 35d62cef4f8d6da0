import { BigCommerceApiError, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { ResourceKind } from "../common/kind";
import { ApiCoupon, fromApi, outputsFromApi, toApi } from "./mapping";
import { couponCrossCheck, couponFields, CouponInputs } from "./schema";

const COUPONS = "/v2/coupons";

async function findByCode(client: BigCommerceClient, code: string): Promise<ApiCoupon | undefined> {
  const found = await client.list<ApiCoupon>(COUPONS, { code });
  return found.find((c) => c.code === code);
}

/** The v2 coupon API behind the `Coupon` resource. */
export const couponKind: ResourceKind<CouponInputs> = {
  name: "Coupon",
  fields: couponFields,
  crossCheck: couponCrossCheck,
  outputs: ["couponId", "numUses", "dateCreated"],

  async create(client, inputs) {
    let created: ApiCoupon | undefined;
    try {
      created = await client.post<ApiCoupon>(COUPONS, toApi(inputs));
    } catch (e) {
      // The POST's answer was lost: the coupon may exist. Its code is unique in the store, so
      // look it up; adopt it when it carries our name, and bring it to the declared values.
      if (!(e instanceof BigCommerceApiError) || !e.ambiguous) throw e;
      const existing = await findByCode(client, inputs.code);
      if (!existing || existing.name !== inputs.name) throw e;
      created = await client.put<ApiCoupon>(`${COUPONS}/${existing.id}`, toApi(inputs));
    }
    if (!created) throw new Error(`BigCommerce API POST ${COUPONS} returned no coupon`);
    return { id: String(created.id), outs: { ...fromApi(created), ...outputsFromApi(created) } };
  },

  async read(client, id) {
    const c = await unlessGone(client.get<ApiCoupon>(`${COUPONS}/${id}`));
    if (!c) return undefined;
    return { inputs: fromApi(c), outs: outputsFromApi(c) };
  },

  async update(client, id, _olds, news) {
    const c = await client.put<ApiCoupon>(`${COUPONS}/${id}`, toApi(news));
    if (!c) throw new Error(`BigCommerce API PUT ${COUPONS}/${id} returned no coupon`);
    return { ...fromApi(c), ...outputsFromApi(c) };
  },

  async delete(client, id) {
    await unlessGone(client.delete(`${COUPONS}/${id}`)); // a coupon already gone is fine
  },
};
