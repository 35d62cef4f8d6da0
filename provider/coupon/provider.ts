import { answered, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { batchedReader, listV2ByIds } from "../common/batch";
import { deleteByPolicy } from "../common/deletion-policy";
import { ResourceKind } from "../common/kind";
import { ApiCoupon, fromApi, outputsFromApi, toApi } from "./mapping";
import { couponCrossCheck, couponFields } from "./schema";

const COUPONS = "/v2/coupons";

async function findByCode(client: BigCommerceClient, code: string): Promise<ApiCoupon[]> {
  const found = await client.list<ApiCoupon>(COUPONS, { code });
  return found.filter((c) => c.code === code);
}

/** One coupon by id, batched with the reads arriving with it (a refresh of many coupons lists them). */
export const readCoupon = batchedReader<ApiCoupon>({
  one: (client, id) => unlessGone(client.get<ApiCoupon>(`${COUPONS}/${id}`)),
  many: (client, ids) => listV2ByIds<ApiCoupon>(client, COUPONS, ids),
});

/** The v2 coupon API behind the `Coupon` resource. */
export const couponKind: ResourceKind<typeof couponFields> = {
  name: "Coupon",
  fields: couponFields,
  crossCheck: couponCrossCheck,
  outputs: ["couponId", "numUses", "dateCreated"],
  deletionPolicy: true,
  adoption: {
    key: (inputs) => `code "${inputs.code}"`,
    unique: true,
    findExisting: async (client, inputs) => (await findByCode(client, inputs.code)).map((c) => String(c.id)),
  },

  async create(client, inputs) {
    // a lost answer is looked up by code in the shared create (common/adopt.ts)
    const created = answered(await client.post<ApiCoupon>(COUPONS, toApi(inputs)), "POST", COUPONS, "coupon");
    return { id: String(created.id), outs: { ...fromApi(created), ...outputsFromApi(created) } };
  },

  async read(client, id) {
    const c = await readCoupon(client, id);
    if (!c) return undefined;
    return { inputs: fromApi(c), outs: outputsFromApi(c) };
  },

  async update(client, id, _olds, news) {
    const c = answered(
      await client.put<ApiCoupon>(`${COUPONS}/${id}`, toApi(news)),
      "PUT",
      `${COUPONS}/${id}`,
      "coupon",
    );
    return { ...fromApi(c), ...outputsFromApi(c) };
  },

  async delete(client, id, props) {
    // batched (before-delete windows): a destroy of many coupons reads their uses with list calls
    const c = await readCoupon.beforeDelete(client, id);
    if (!c) return; // a coupon already gone is fine
    const uses = c.num_uses ?? 0;
    await deleteByPolicy(props, {
      label: `coupon ${c.code} (id ${id})`,
      uses,
      // every field as the store holds it, but disabled (a PUT without applies_to would clear it)
      disable: async () => {
        if (c.enabled)
          await unlessGone(
            client.put(`${COUPONS}/${id}`, { enabled: false, ...(c.applies_to ? { applies_to: c.applies_to } : {}) }),
          );
      },
      disabledMeans: "customers' orders keep it, and the code no longer works",
      delete: async () => {
        await unlessGone(client.delete(`${COUPONS}/${id}`)); // gone meanwhile is fine
      },
      deletedLog: {
        when: "after",
        text: `coupon ${c.code} (id ${id}) had been used ${uses} times: deleted (deletionPolicy "delete")`,
      },
    });
  },
};
