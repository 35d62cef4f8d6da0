import * as pulumi from "@pulumi/pulumi";
import { answered, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { batchedReader, coalesced, LIST_PAGE_SIZE } from "../common/batch";
import { deleteByPolicy } from "../common/deletion-policy";
import { canonicalOld, ResourceKind } from "../common/kind";
import { SET_BY_STORE, storeFills } from "../common/set-by-store";
import { deepEqual } from "../common/values";
import { ApiCouponCode, ApiPromotion, fromApi, outputsFromApi, toApi } from "./mapping";
import { promotionCrossCheck, promotionFields } from "./schema";

type Props = Record<string, unknown>;

const PROMOTIONS = "/v3/promotions";
/** The API deletes at most this many codes per request. */
export const CODE_DELETE_BATCH = 250;
const CODE_PAGE_SIZE = 250;
/** Rounds of list-then-delete before giving up (codes created while we delete). */
const CODE_DELETE_ROUNDS = 5;

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

interface CodesPage {
  data?: ApiCouponCode[];
  meta?: { cursor_pagination?: { end_cursor?: string; links?: { next?: string } } };
}

/** Every code of a promotion, following the cursor pagination of `GET /v3/promotions/{id}/codes`. */
export async function listCodes(client: BigCommerceClient, id: string): Promise<ApiCouponCode[]> {
  const codes: ApiCouponCode[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await client.get<CodesPage>(`${PROMOTIONS}/${id}/codes`, { limit: CODE_PAGE_SIZE, after });
    codes.push(...(page?.data ?? []));
    const cursor = page?.meta?.cursor_pagination;
    const next = cursor?.links?.next ? cursor.end_cursor : undefined;
    if (!next || !page?.data?.length || seen.has(next)) return codes;
    seen.add(next);
    after = next;
  }
}

/**
 * The code list of a promotion for reads: the concurrent reads of one refresh (every CouponCode
 * and BulkCouponCodes of the promotion) share one listing.
 */
export const codesOfPromotion = coalesced<ApiCouponCode[]>((client, id) => listCodes(client, id));

/**
 * Deletes every code of a promotion (the API refuses to delete a promotion that has codes), in
 * batches of at most 250 ids. Returns how many codes it deleted.
 */
export async function deleteAllCodes(client: BigCommerceClient, id: string): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < CODE_DELETE_ROUNDS; round++) {
    const codes = await listCodes(client, id);
    if (codes.length === 0) return deleted;
    for (let i = 0; i < codes.length; i += CODE_DELETE_BATCH) {
      const batch = codes.slice(i, i + CODE_DELETE_BATCH).map((c) => c.id);
      await client.delete(`${PROMOTIONS}/${id}/codes`, { "id:in": batch });
      deleted += batch.length;
    }
  }
  const left = await listCodes(client, id);
  if (left.length > 0) {
    throw new Error(
      `promotion ${id} still has ${left.length} coupon codes after ${CODE_DELETE_ROUNDS} rounds of deleting them; is something creating codes for it?`,
    );
  }
  return deleted;
}

/** Ids of the promotions with exactly this name (names may repeat). */
async function findByName(client: BigCommerceClient, name: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const body = await client.get<PromotionsPage>(PROMOTIONS, { name, page, limit: LIST_PAGE_SIZE });
    for (const p of body?.data ?? []) if (p.name === name) ids.push(String(p.id));
    const pagination = body?.meta?.pagination;
    if (!pagination || !body?.data?.length || page >= (pagination.total_pages ?? page)) return ids;
  }
}

interface PromotionsPage {
  data?: ApiPromotion[];
  meta?: { pagination?: { total?: number; total_pages?: number } };
}

/**
 * Many promotions by id with list calls. The v3 list filters by one id at most, so this pages
 * through all promotions sorted by id (250 a page) up to the highest wanted id; when that would
 * take more pages than there are wanted ids, the rest are read one by one instead.
 */
async function listPromotionsByIds(client: BigCommerceClient, ids: number[]): Promise<Map<number, ApiPromotion>> {
  const wanted = new Set(ids);
  const max = Math.max(...ids);
  const found = new Map<number, ApiPromotion>();
  for (let page = 1; ; page++) {
    const body = await client.get<PromotionsPage>(PROMOTIONS, {
      sort: "id",
      direction: "asc",
      page,
      limit: LIST_PAGE_SIZE,
    });
    const data = body?.data ?? [];
    for (const p of data) if (wanted.has(p.id)) found.set(p.id, p);
    const totalPages = body?.meta?.pagination?.total_pages ?? page;
    if (data.length < LIST_PAGE_SIZE || page >= totalPages || data[data.length - 1].id >= max) return found;
    // the remaining wanted ids are cheaper one by one than the remaining pages: leave them out
    if (totalPages - page > ids.length - found.size) return found;
  }
}

/** One promotion by id, batched with the reads arriving with it (a refresh of many lists them). */
export const readPromotion = batchedReader<ApiPromotion>({
  one: async (client, id) => (await unlessGone(client.get<{ data?: ApiPromotion }>(`${PROMOTIONS}/${id}`)))?.data,
  many: listPromotionsByIds,
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
    const promotion = await readPromotion.beforeDelete(client, id); // batched: a destroy of many lists them
    if (!promotion) return; // already gone
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
      delete: async () => {
        const deleted = props.redemptionType === "AUTOMATIC" ? 0 : await unlessGone(deleteAllCodes(client, id));
        if (deleted === undefined) return; // the promotion is gone
        if (deleted > 0) {
          void pulumi.log.info(
            `deleted ${deleted} coupon code${deleted === 1 ? "" : "s"} of promotion ${id} so that the promotion itself can be deleted`,
          );
        }
        await unlessGone(client.delete(`${PROMOTIONS}/${id}`)); // 204 also when it is already gone
      },
    });
  },
};
