import * as pulumi from "@pulumi/pulumi";
import { BigCommerceApiError, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { ResourceKind } from "../common/kind";
import { deepEqual } from "../common/values";
import { ApiCouponCode, ApiPromotion, fromApi, outputsFromApi, toApi } from "./mapping";
import { promotionCrossCheck, promotionFields, PromotionInputs } from "./schema";

type Props = Record<string, unknown>;

const PROMOTIONS = "/v3/promotions";
/** The API deletes at most this many codes per request. */
export const CODE_DELETE_BATCH = 250;
const CODE_PAGE_SIZE = 250;
/** Rounds of list-then-delete before giving up (codes created while we delete). */
const CODE_DELETE_ROUNDS = 5;

/** Output properties that are not inputs. */
export const PROMOTION_OUTPUTS = ["promotionId", "currentUses", "createdFrom", "leftToStore"];

/** Optional properties whose value the store chooses when the program leaves them out. */
const STORE_CHOSEN = ["displayName", "startDate", "currencyCode", "couponType", "couponOverridesOtherPromotions", "maxUses"] as const;

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
  return (olds: Props, news: Props): boolean => news[key] === undefined || deepEqual(canonicalOld(key, olds[key]), news[key]);
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
    throw new Error(`promotion ${id} still has ${left.length} coupon codes after ${CODE_DELETE_ROUNDS} rounds of deleting them; is something creating codes for it?`);
  }
  return deleted;
}

/** The v3 promotions API behind the `Promotion` resource. */
export const promotionKind: ResourceKind<PromotionInputs> = {
  name: "Promotion",
  fields: promotionFields,
  crossCheck: promotionCrossCheck,
  replaceOn: ["redemptionType", "couponType"],
  outputs: PROMOTION_OUTPUTS,
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
    let body: { data?: ApiPromotion } | undefined;
    try {
      body = await client.post<{ data?: ApiPromotion }>(PROMOTIONS, toApi(inputs));
    } catch (e) {
      if (e instanceof BigCommerceApiError && e.ambiguous) {
        // No unique key to look the promotion up by (names may repeat): say so, do not guess.
        e.message +=
          `. The store may have created the promotion "${inputs.name}" all the same: look for it in the store ` +
          "(and delete or import it) before running `pulumi up` again";
      }
      throw e;
    }
    const p = unwrap(body, `POST ${PROMOTIONS}`);
    return { id: String(p.id), outs: { ...fromApi(p), ...outputsFromApi(p), leftToStore: leftToStore(inputs) } };
  },

  async read(client, id, props) {
    const body = await unlessGone(client.get<{ data?: ApiPromotion }>(`${PROMOTIONS}/${id}`));
    if (!body?.data) return undefined;
    // What the store chose for properties the program left out is not part of the declaration:
    // kept out of the inputs, the preview after a refresh does not list them.
    const left = Array.isArray(props.leftToStore) ? (props.leftToStore as string[]) : [];
    const store = fromApi(body.data);
    const inputs: Record<string, unknown> = { ...store };
    for (const key of left) delete inputs[key];
    return { inputs: inputs as PromotionInputs, outs: { ...store, ...outputsFromApi(body.data), leftToStore: left } };
  },

  async update(client, id, olds, news) {
    const p = unwrap(await client.put<{ data?: ApiPromotion }>(`${PROMOTIONS}/${id}`, toApi(news, olds)), `PUT ${PROMOTIONS}/${id}`);
    return { ...fromApi(p), ...outputsFromApi(p), leftToStore: leftToStore(news) };
  },

  async delete(client, id, props) {
    const deleted = props.redemptionType === "AUTOMATIC" ? 0 : await unlessGone(deleteAllCodes(client, id));
    if (deleted === undefined) return; // the promotion is gone
    if (deleted > 0) {
      pulumi.log.info(`deleted ${deleted} coupon code${deleted === 1 ? "" : "s"} of promotion ${id} so that the promotion itself can be deleted`);
    }
    await unlessGone(client.delete(`${PROMOTIONS}/${id}`)); // 204 also when it is already gone
  },
};
