import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { itemsOf, v2Pages } from "../client/paging";
import { BANNERS } from "../client/paths";
import { oncePerRun } from "../common/claims";
import { ResourceKind } from "../common/kind";
import { v2BatchedReader } from "../common/batch";
import { v2Object } from "../common/v2-object";
import { ApiBanner, fromApi, outputsFromApi, toApi } from "./mapping";
import { bannerCrossCheck, bannerFields, BannerInputs, bannerSeconds } from "./schema";

/** Clock difference tolerated between this machine and the store when adopting a banner. */
const SKEW_SECONDS = 120;

/**
 * Ids of the banners with the declared name. Banners have no unique field: names may repeat, so
 * the shared create adopts one only when exactly one holds every declared value. After a lost
 * answer (`since` set), only banners created since the POST was sent count.
 */
async function findByName(client: BigCommerceClient, inputs: BannerInputs, since?: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const b of itemsOf(v2Pages<ApiBanner>(client, BANNERS))) {
    const created = bannerSeconds(b.date_created) ?? 0;
    if (b.name !== inputs.name) continue;
    if (since !== undefined && created < Math.floor(since / 1000) - SKEW_SECONDS) continue;
    ids.push(String(b.id));
  }
  return ids;
}

/**
 * The banners' ids by name as the store held them at this run's first banner create: the v2 API
 * filters banners by nothing but id, so every create looking for its twin shares one listing.
 */
const bannersByName = oncePerRun(async (client) => {
  const byName = new Map<string, string[]>();
  for await (const b of itemsOf(v2Pages<ApiBanner>(client, BANNERS)))
    byName.set(b.name, [...(byName.get(b.name) ?? []), String(b.id)]);
  return byName;
});

/** One banner by id, batched with the reads arriving with it (a refresh of many banners lists them). */
export const readBanner = v2BatchedReader<ApiBanner>(BANNERS);

/** The v2 banner API behind the `Banner` resource. */
export const bannerKind: ResourceKind<typeof bannerFields> = {
  name: "Banner",
  fields: bannerFields,
  crossCheck: bannerCrossCheck,
  outputs: ["bannerId", "dateCreated"],
  adoption: {
    key: (inputs) => `name "${inputs.name}"`,
    unique: false,
    findExisting: (client, inputs, since) => findByName(client, inputs, since),
    twins: {
      by: (inputs) => `name "${inputs.name}"`,
      find: async (client, inputs) => (await bannersByName(client)).get(inputs.name) ?? [],
    },
  },

  // a lost answer of the create is looked up by name and values in the shared create (common/adopt.ts)
  ...v2Object({ path: BANNERS, what: "banner", toApi, fromApi, outputsFromApi, readOne: readBanner }),

  async delete(client, id) {
    await unlessGone(client.delete(`${BANNERS}/${id}`)); // a banner already gone is fine
  },
};
