import { BigCommerceApiError, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { ResourceKind } from "../common/kind";
import { deepEqual } from "../common/values";
import { ApiBanner, fromApi, outputsFromApi, toApi } from "./mapping";
import { bannerCrossCheck, bannerFields, BannerInputs, bannerSeconds } from "./schema";

const BANNERS = "/v2/banners";
const PAGE_SIZE = 250;
/** Clock difference tolerated between this machine and the store when adopting a banner. */
const SKEW_SECONDS = 120;

/**
 * After a POST whose answer was lost: the banner it created, if it can be told apart. Banners
 * have no unique field, so adopt only a banner that holds exactly the declared values and was
 * created since the POST was sent, and only when there is exactly one such banner.
 */
async function findCreated(client: BigCommerceClient, inputs: BannerInputs, sentAt: number): Promise<ApiBanner | undefined> {
  const matches: ApiBanner[] = [];
  for (let page = 1; ; page++) {
    const batch = await client.list<ApiBanner>(BANNERS, { page, limit: PAGE_SIZE });
    for (const b of batch) {
      const created = bannerSeconds(b.date_created) ?? 0;
      if (created >= sentAt - SKEW_SECONDS && deepEqual(fromApi(b), inputs)) matches.push(b);
    }
    if (batch.length < PAGE_SIZE) break;
  }
  return matches.length === 1 ? matches[0] : undefined;
}

/** The v2 banner API behind the `Banner` resource. */
export const bannerKind: ResourceKind<BannerInputs> = {
  name: "Banner",
  fields: bannerFields,
  crossCheck: bannerCrossCheck,
  outputs: ["bannerId", "dateCreated"],

  async create(client, inputs) {
    const sentAt = Math.floor(Date.now() / 1000);
    let created: ApiBanner | undefined;
    try {
      created = await client.post<ApiBanner>(BANNERS, toApi(inputs));
    } catch (e) {
      if (!(e instanceof BigCommerceApiError) || !e.ambiguous) throw e;
      created = await findCreated(client, inputs, sentAt);
      if (!created) throw e;
    }
    if (!created) throw new Error(`BigCommerce API POST ${BANNERS} returned no banner`);
    return { id: String(created.id), outs: { ...fromApi(created), ...outputsFromApi(created) } };
  },

  async read(client, id) {
    const b = await unlessGone(client.get<ApiBanner>(`${BANNERS}/${id}`));
    if (!b) return undefined;
    return { inputs: fromApi(b), outs: outputsFromApi(b) };
  },

  async update(client, id, _olds, news) {
    const b = await client.put<ApiBanner>(`${BANNERS}/${id}`, toApi(news));
    if (!b) throw new Error(`BigCommerce API PUT ${BANNERS}/${id} returned no banner`);
    return { ...fromApi(b), ...outputsFromApi(b) };
  },

  async delete(client, id) {
    await unlessGone(client.delete(`${BANNERS}/${id}`)); // a banner already gone is fine
  },
};
