import * as pulumi from "@pulumi/pulumi";
import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { COUPONS } from "../client/paths";
import { batchedReader, listV2ByIds } from "../common/batch";
import { DEFAULT_DELETION_POLICY, DeletionPolicy, ResourceKind } from "../common/kind";
import { ApiCoupon, fromApi, outputsFromApi, toApi } from "./mapping";
import { couponCrossCheck, couponFields, CouponInputs } from "./schema";

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
export const couponKind: ResourceKind<CouponInputs> = {
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
    const created = await client.post<ApiCoupon>(COUPONS, toApi(inputs));
    if (!created) throw new Error(`BigCommerce API POST ${COUPONS} returned no coupon`);
    return { id: String(created.id), outs: { ...fromApi(created), ...outputsFromApi(created) } };
  },

  async read(client, id) {
    const c = await readCoupon(client, id);
    if (!c) return undefined;
    return { inputs: fromApi(c), outs: outputsFromApi(c) };
  },

  async update(client, id, _olds, news) {
    const c = await client.put<ApiCoupon>(`${COUPONS}/${id}`, toApi(news));
    if (!c) throw new Error(`BigCommerce API PUT ${COUPONS}/${id} returned no coupon`);
    return { ...fromApi(c), ...outputsFromApi(c) };
  },

  async delete(client, id, props) {
    // batched (before-delete windows): a destroy of many coupons reads their uses with list calls
    const c = await readCoupon.beforeDelete(client, id);
    if (!c) return; // a coupon already gone is fine
    const policy = (props.deletionPolicy as DeletionPolicy | undefined) ?? DEFAULT_DELETION_POLICY;
    if ((c.num_uses ?? 0) > 0 && policy !== "delete") {
      const what = `coupon ${c.code} (id ${id}) has been used ${c.num_uses} time${c.num_uses === 1 ? "" : "s"}`;
      if (policy === "retain") {
        pulumi.log.warn(`${what}: left in the store as it is, not deleted (deletionPolicy "retain")`);
        return;
      }
      // every field as the store holds it, but disabled (a PUT without applies_to would clear it)
      if (c.enabled)
        await unlessGone(
          client.put(`${COUPONS}/${id}`, { enabled: false, ...(c.applies_to ? { applies_to: c.applies_to } : {}) }),
        );
      pulumi.log.warn(
        `${what}: disabled, not deleted (deletionPolicy "disable"); customers' orders keep it, and the code no longer works`,
      );
      return;
    }
    await unlessGone(client.delete(`${COUPONS}/${id}`)); // gone meanwhile is fine
    if ((c.num_uses ?? 0) > 0)
      pulumi.log.info(
        `coupon ${c.code} (id ${id}) had been used ${c.num_uses} times: deleted (deletionPolicy "delete")`,
      );
  },
};
