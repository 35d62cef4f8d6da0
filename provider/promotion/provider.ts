import * as pulumi from "@pulumi/pulumi";
import { answered, BigCommerceApiError, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { collect, v3Pages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";
import { batchedReader, deleteJudged } from "../common/batch";
import { deleteByPolicy } from "../common/deletion-policy";
import { canonicalOld, ResourceKind } from "../common/kind";
import { collectionLookups, v3Steps } from "../common/key-lookup";
import { deleteAllCodes } from "../common/promotion-codes";
import { SET_BY_STORE, storeFills } from "../common/set-by-store";
import { deepEqual } from "../common/values";
import { ApiPromotion, fromApi, outputsFromApi, toApi } from "./mapping";
import { promotionCrossCheck, promotionFields } from "./schema";

type Props = Record<string, unknown>;

/** Output properties that are not inputs. */
export const PROMOTION_OUTPUTS = ["promotionId", "currentUses", "createdFrom", SET_BY_STORE];

/** Optional properties whose value the store chooses when the program leaves them out. */
const STORE_CHOSEN = storeFills([
  "displayName",
  "startDate",
  "currencyCode",
  "couponType",
  "couponOverridesOtherPromotions",
  "maxUses",
] as const);

type Field = keyof typeof promotionFields;

/**
 * Diff of an optional property the store fills in when the program leaves it out (a start date
 * of now, a display name, the currency): left out, the store's value is never a change.
 */
function storeChoiceWhenOmitted(key: Field) {
  return (olds: Props, news: Props): boolean =>
    news[key] === undefined || deepEqual(canonicalOld(promotionFields[key], olds[key]), news[key]);
}

/** Diff of an optional property whose left-out value is a known store default. */
function defaultWhenOmitted(key: Field, storeDefault: (p: Props) => unknown) {
  return (olds: Props, news: Props): boolean =>
    deepEqual(canonicalOld(promotionFields[key], olds[key]) ?? storeDefault(olds), news[key] ?? storeDefault(news));
}

/** The promotions the store lists for a name filter (names may repeat). */
function promotionsNamed(client: BigCommerceClient, name: string): Promise<ApiPromotion[]> {
  return collect(v3Pages<ApiPromotion>(client, PROMOTIONS, { query: { name } }));
}

/** Ids of the promotions with exactly this name. */
async function findByName(client: BigCommerceClient, name: string): Promise<string[]> {
  return (await promotionsNamed(client, name)).filter((p) => p.name === name).map((p) => String(p.id));
}

/**
 * The promotions' ids by name for the twin look-up of a create (the v3 list filters by one name
 * at a time): a filtered request each, each after the first paying for one more page of the
 * listing that then answers the rest of the run (see `key-lookup.ts`). Objects this run creates
 * are claimed by their resources, and a lost answer is looked up afresh (`findByName`).
 */
const promotionsByName = collectionLookups<ApiPromotion>({
  steps: (client) => v3Steps<ApiPromotion>(client, PROMOTIONS),
}).lookUp(promotionsNamed, (p) => p.name);

/**
 * Many promotions by id with list calls. The v3 list filters by one id at most, so this pages
 * through the promotions from the newest down (sorted by id, 250 a page: a stack's promotions are
 * usually the newest) to the lowest wanted id; when that would take more pages than there are
 * wanted ids left, the rest are read one by one instead. Returns every promotion listed.
 */
async function listPromotionsByIds(client: BigCommerceClient, ids: number[]): Promise<Map<number, ApiPromotion>> {
  const wanted = new Set(ids);
  const min = Math.min(...ids);
  const found = new Map<number, ApiPromotion>();
  let left = wanted.size;
  const pages = v3Pages<ApiPromotion>(client, PROMOTIONS, { query: { sort: "id", direction: "desc" } });
  for await (const { items, number, totalPages = number } of pages) {
    for (const p of items) {
      if (wanted.has(p.id)) left--;
      found.set(p.id, p);
    }
    if (items[items.length - 1].id <= min) break;
    // the remaining wanted ids are cheaper one by one than the remaining pages: leave them out
    if (totalPages - number > left) break;
  }
  return found;
}

/** One promotion by id, batched with the reads arriving with it (a refresh of many lists them). */
export const readPromotion = batchedReader<ApiPromotion>({
  one: async (client, id) => (await unlessGone(client.get<{ data?: ApiPromotion }>(`${PROMOTIONS}/${id}`)))?.data,
  many: listPromotionsByIds,
  path: (id) => `${PROMOTIONS}/${id}`,
});

/** The v3 promotions API behind the `Promotion` resource. */
export const promotionKind: ResourceKind<typeof promotionFields> = {
  name: "Promotion",
  fields: promotionFields,
  crossCheck: promotionCrossCheck,
  replaceOn: ["redemptionType", "couponType"],
  outputs: PROMOTION_OUTPUTS,
  deletionPolicy: true,
  adoption: {
    key: (inputs) => `name "${inputs.name}"`,
    unique: false,
    findExisting: (client, inputs) => findByName(client, inputs.name),
    twins: { by: (inputs) => `name "${inputs.name}"`, find: (client, inputs) => promotionsByName(client, inputs.name) },
    readProps: (inputs) => ({ [SET_BY_STORE]: STORE_CHOSEN.omitted(inputs) }),
  },
  unchanged: {
    // Left out, the store sets these itself: its choice is not drift.
    displayName: storeChoiceWhenOmitted("displayName"),
    startDate: storeChoiceWhenOmitted("startDate"),
    currencyCode: storeChoiceWhenOmitted("currencyCode"),
    // Documented defaults of the store, which depend on other properties or read back as 0.
    couponType: defaultWhenOmitted("couponType", (p) => (p.redemptionType === "COUPON" ? "SINGLE" : undefined)),
    couponOverridesOtherPromotions: defaultWhenOmitted("couponOverridesOtherPromotions", (p) =>
      p.redemptionType === "COUPON" ? false : undefined,
    ),
    maxUses: defaultWhenOmitted("maxUses", () => 0),
    // `status` has no hook: a store-side move to INVALID differs from the declared status, and shows as drift.
  },

  async create(client, inputs) {
    // a lost answer is looked up by name and values in the shared create (common/adopt.ts)
    const body = await client.post<{ data?: ApiPromotion }>(PROMOTIONS, toApi(inputs));
    const p = answered(body?.data, "POST", PROMOTIONS, "promotion");
    return {
      id: String(p.id),
      outs: { ...fromApi(p), ...outputsFromApi(p), [SET_BY_STORE]: STORE_CHOSEN.omitted(inputs) },
    };
  },

  async read(client, id, props) {
    const promotion = await readPromotion(client, id);
    if (!promotion) return undefined;
    // What the store chose for properties the program left out is not part of the declaration:
    // kept out of the inputs, the preview after a refresh does not list them.
    const store = fromApi(promotion);
    return {
      inputs: STORE_CHOSEN.declared(store, props),
      outs: { ...store, ...outputsFromApi(promotion), [SET_BY_STORE]: STORE_CHOSEN.recorded(props) },
    };
  },

  async update(client, id, olds, news) {
    const path = `${PROMOTIONS}/${id}`;
    const p = answered(
      (await client.put<{ data?: ApiPromotion }>(path, toApi(news, olds)))?.data,
      "PUT",
      path,
      "promotion",
    );
    return { ...fromApi(p), ...outputsFromApi(p), [SET_BY_STORE]: STORE_CHOSEN.omitted(news) };
  },

  async delete(client, id, props) {
    // judged on uses read at most JUDGE_MAX_AGE_MS before the DELETE is sent (common/batch.ts)
    await deleteJudged(readPromotion, client, id, async (promotion, sendIf) => {
      const label = `promotion "${promotion.name}" (id ${id})`;
      const uses = promotion.current_uses ?? 0;
      await deleteByPolicy(props, {
        label,
        uses,
        disable: async () => {
          if (promotion.status !== "DISABLED")
            await unlessGone(client.put(`${PROMOTIONS}/${id}`, { status: "DISABLED" }));
        },
        disabledMeans: "orders keep it, and it no longer applies",
        deletedLog: {
          when: "before",
          text: `${label} has been used ${uses} time${uses === 1 ? "" : "s"}: deleting it (deletionPolicy "delete")`,
        },
        delete: () => deletePromotion(client, id, props, sendIf),
      });
    });
  },
};

/**
 * Deletes a promotion. The store refuses to delete one that still has codes; a stack's codes are
 * its own resources, deleted before it, so the DELETE goes first, and only when it is refused
 * (a COUPON promotion) are its codes listed and deleted, and the DELETE sent again.
 */
async function deletePromotion(client: BigCommerceClient, id: string, props: Props, sendIf: () => boolean) {
  const path = `${PROMOTIONS}/${id}`;
  try {
    await client.delete(path, undefined, sendIf); // 204 also when it is already gone
    return;
  } catch (e) {
    const refused = e instanceof BigCommerceApiError && e.status >= 400 && e.status < 500 && e.status !== 429;
    if (!refused || props.redemptionType === "AUTOMATIC") throw e;
  }
  const deleted = await unlessGone(deleteAllCodes(client, id));
  if (deleted === undefined) return; // the promotion is gone
  if (deleted > 0) {
    void pulumi.log.info(
      `deleted ${deleted} coupon code${deleted === 1 ? "" : "s"} of promotion ${id} so that the promotion itself can be deleted`,
    );
  }
  await unlessGone(client.delete(path, undefined, sendIf));
}
