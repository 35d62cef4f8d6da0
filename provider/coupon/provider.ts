import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { COUPONS } from "../client/paths";
import { deleteJudged, v2BatchedReader } from "../common/batch";
import { collectionCount, v2ListingCost, v2Lookups } from "../common/key-lookup";
import { v2Object } from "../common/v2-object";
import { deleteByPolicy } from "../common/deletion-policy";
import { ResourceKind } from "../common/kind";
import { ApiCoupon, fromApi, outputsFromApi, toApi } from "./mapping";
import { couponCrossCheck, couponFields } from "./schema";

async function findByCode(client: BigCommerceClient, code: string): Promise<ApiCoupon[]> {
  const found = await client.list<ApiCoupon>(COUPONS, { code });
  return found.filter((c) => c.code === code);
}

/** One coupon by id, batched with the reads arriving with it (a refresh of many coupons lists them). */
export const readCoupon = v2BatchedReader<ApiCoupon>(COUPONS);

/** Coupons by code and by name for the checks of new coupons: the run's count of coupons says what listing them costs. */
const couponsBy = v2Lookups<ApiCoupon>(COUPONS, async (client) =>
  v2ListingCost(await collectionCount(client, COUPONS)),
);

/** The v2 coupon API behind the `Coupon` resource. */
export const couponKind: ResourceKind<typeof couponFields> = {
  name: "Coupon",
  fields: couponFields,
  crossCheck: couponCrossCheck,
  outputs: ["couponId", "numUses", "dateCreated"],
  deletionPolicy: true,
  unique: {
    code: { space: "coupon code", lookUp: couponsBy("code") },
    name: { space: "coupon name", lookUp: couponsBy("name") },
  },
  adoption: {
    key: (inputs) => `code "${inputs.code}"`,
    unique: true,
    findExisting: async (client, inputs) => (await findByCode(client, inputs.code)).map((c) => String(c.id)),
    // the store refuses a second coupon of the same code or of the same name
    clashes: async (client, inputs) => {
      const named = (await client.list<ApiCoupon>(COUPONS, { name: inputs.name })).filter(
        (c) => c.name === inputs.name,
      );
      const ids = [...(await findByCode(client, inputs.code)), ...named].map((c) => String(c.id));
      return [...new Set(ids)];
    },
  },

  // a lost answer of the create is looked up by code in the shared create (common/adopt.ts)
  ...v2Object({ path: COUPONS, what: "coupon", toApi, fromApi, outputsFromApi, readOne: readCoupon }),

  async delete(client, id, props) {
    // judged on uses read at most JUDGE_MAX_AGE_MS before the DELETE is sent (common/batch.ts); a
    // destroy of many coupons reads them with a few list calls
    await deleteJudged(readCoupon, client, id, async (c, sendIf) => {
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
          await unlessGone(client.delete(`${COUPONS}/${id}`, undefined, sendIf)); // gone meanwhile is fine
        },
        deletedLog: {
          when: "after",
          text: `coupon ${c.code} (id ${id}) had been used ${uses} times: deleted (deletionPolicy "delete")`,
        },
      });
    });
  },
};
