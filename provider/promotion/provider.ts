import * as pulumi from "@pulumi/pulumi";
import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { itemsOf, v3Pages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";
import { batchedReader } from "../common/batch";
import { DEFAULT_DELETION_POLICY, DeletionPolicy, ResourceKind } from "../common/kind";
import { deepEqual } from "../common/values";
import { deleteAllCodes } from "../common/promotion-codes";
import { ApiPromotion, fromApi, outputsFromApi, toApi } from "./mapping";
import { promotionCrossCheck, promotionFields, PromotionInputs } from "./schema";

type Props = Record<string, unknown>;

/** Output properties that are not inputs. */
export const PROMOTION_OUTPUTS = ["promotionId", "currentUses", "createdFrom", "leftToStore"];

/** Optional properties whose value the store chooses when the program leaves them out. */
const STORE_CHOSEN = [
  "displayName",
  "startDate",
  "currencyCode",
  "couponType",
  "couponOverridesOtherPromotions",
  "maxUses",
] as const;

/** The store-chosen properties a program left out, kept in state so that `read` leaves them out too. */
function leftToStore(inputs: Partial<PromotionInputs>): string[] {
  return STORE_CHOSEN.filter((k) => inputs[k] === undefined);
}

/** The canonical form of a stored value of one property (state written earlier may not be). */
function canonicalOld(key: keyof typeof promotionFields, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  const r = promotionFields[key].safeParse(v);
  return r.success ? r.data : v;
}

/**
 * Diff of an optional property the store fills in when the program leaves it out (a start date
 * of now, a display name, the currency): left out, the store's value is never a change.
 */
function storeChoiceWhenOmitted(key: keyof typeof promotionFields) {
  return (olds: Props, news: Props): boolean =>
    news[key] === undefined || deepEqual(canonicalOld(key, olds[key]), news[key]);
}

/** Diff of an optional property whose left-out value is a known store default. */
function defaultWhenOmitted(key: keyof typeof promotionFields, storeDefault: (p: Props) => unknown) {
  return (olds: Props, news: Props): boolean =>
    deepEqual(canonicalOld(key, olds[key]) ?? storeDefault(olds), news[key] ?? storeDefault(news));
}

function unwrap(body: { data?: ApiPromotion } | undefined, what: string): ApiPromotion {
  if (!body?.data) throw new Error(`BigCommerce API ${what} returned no promotion`);
  return body.data;
}

/** Ids of the promotions with exactly this name (names may repeat). */
async function findByName(client: BigCommerceClient, name: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const p of itemsOf(v3Pages<ApiPromotion>(client, PROMOTIONS, { query: { name } })))
    if (p.name === name) ids.push(String(p.id));
  return ids;
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
  const pages = v3Pages<ApiPromotion>(client, PROMOTIONS, { query: { sort: "id", direction: "asc" } });
  for await (const { items, number, totalPages = number } of pages) {
    for (const p of items) if (wanted.has(p.id)) found.set(p.id, p);
    if (items[items.length - 1].id >= max) break;
    // the remaining wanted ids are cheaper one by one than the remaining pages: leave them out
    if (totalPages - number > ids.length - found.size) break;
  }
  return found;
}

/** One promotion by id, batched with the reads arriving with it (a refresh of many lists them). */
export const readPromotion = batchedReader<ApiPromotion>({
  one: async (client, id) => (await unlessGone(client.get<{ data?: ApiPromotion }>(`${PROMOTIONS}/${id}`)))?.data,
  many: listPromotionsByIds,
});

/** The v3 promotions API behind the `Promotion` resource. */
export const promotionKind: ResourceKind<PromotionInputs> = {
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
    readProps: (inputs) => ({ leftToStore: leftToStore(inputs) }),
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
    const p = unwrap(body, `POST ${PROMOTIONS}`);
    return { id: String(p.id), outs: { ...fromApi(p), ...outputsFromApi(p), leftToStore: leftToStore(inputs) } };
  },

  async read(client, id, props) {
    const promotion = await readPromotion(client, id);
    if (!promotion) return undefined;
    const body = { data: promotion };
    // What the store chose for properties the program left out is not part of the declaration:
    // kept out of the inputs, the preview after a refresh does not list them.
    const left = Array.isArray(props.leftToStore) ? (props.leftToStore as string[]) : [];
    const store = fromApi(body.data);
    const inputs: Record<string, unknown> = { ...store };
    for (const key of left) delete inputs[key];
    return { inputs: inputs as PromotionInputs, outs: { ...store, ...outputsFromApi(body.data), leftToStore: left } };
  },

  async update(client, id, olds, news) {
    const p = unwrap(
      await client.put<{ data?: ApiPromotion }>(`${PROMOTIONS}/${id}`, toApi(news, olds)),
      `PUT ${PROMOTIONS}/${id}`,
    );
    return { ...fromApi(p), ...outputsFromApi(p), leftToStore: leftToStore(news) };
  },

  async delete(client, id, props) {
    const promotion = await readPromotion.beforeDelete(client, id); // batched: a destroy of many lists them
    if (!promotion) return; // already gone
    const current = { data: promotion };
    const uses = current.data.current_uses ?? 0;
    const policy = (props.deletionPolicy as DeletionPolicy | undefined) ?? DEFAULT_DELETION_POLICY;
    const what = `promotion "${current.data.name}" (id ${id}) has been used ${uses} time${uses === 1 ? "" : "s"}`;
    if (uses > 0 && policy === "retain") {
      pulumi.log.warn(`${what}: left in the store as it is, not deleted (deletionPolicy "retain")`);
      return;
    }
    if (uses > 0 && policy === "disable") {
      if (current.data.status !== "DISABLED")
        await unlessGone(client.put(`${PROMOTIONS}/${id}`, { status: "DISABLED" }));
      pulumi.log.warn(
        `${what}: disabled, not deleted (deletionPolicy "disable"); orders keep it, and it no longer applies`,
      );
      return;
    }
    if (uses > 0) pulumi.log.info(`${what}: deleting it (deletionPolicy "delete")`);
    const deleted = props.redemptionType === "AUTOMATIC" ? 0 : await unlessGone(deleteAllCodes(client, id));
    if (deleted === undefined) return; // the promotion is gone
    if (deleted > 0) {
      pulumi.log.info(
        `deleted ${deleted} coupon code${deleted === 1 ? "" : "s"} of promotion ${id} so that the promotion itself can be deleted`,
      );
    }
    await unlessGone(client.delete(`${PROMOTIONS}/${id}`)); // 204 also when it is already gone
  },
};
