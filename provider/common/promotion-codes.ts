/**
 * The coupon codes of v3 promotions (`/v3/promotions/{id}/codes`), shared by the Promotion,
 * CouponCode and BulkCouponCodes resources and the tools: listing (cursor pagination), the
 * listing shared by the reads of one refresh, and deleting in batches.
 */
import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { collect, Page, v3CursorPages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";
import { shared } from "./batch";

/** A coupon code of a promotion, as `GET /v3/promotions/{id}/codes` lists it. */
export interface ApiPromotionCode {
  id: number;
  code: string;
  current_uses?: number;
  max_uses?: number;
  max_uses_per_customer?: number;
  created?: string;
}

/**
 * The most codes one bulk delete sends: 50, the developer portal's bound, where the spec says
 * 250 (a real store may refuse a batch of 250, and the promotion's delete would then fail).
 */
export const CODE_DELETE_BATCH = 50;
/** The most codes one codegen call generates. */
export const CODEGEN_BATCH = 250;
/** Rounds of list-then-delete before giving up (codes created while we delete). */
const CODE_DELETE_ROUNDS = 5;

/** The code collection of a promotion. */
export function codesPath(promotionId: string | number): string {
  return `${PROMOTIONS}/${promotionId}/codes`;
}

/** Where a promotion's codes are generated (BULK promotions). */
export function codegenPath(promotionId: string | number): string {
  return `${PROMOTIONS}/${promotionId}/codegen`;
}

/** The pages of a promotion's code list. */
export function codePages(
  client: BigCommerceClient,
  promotionId: string | number,
): AsyncGenerator<Page<ApiPromotionCode>> {
  return v3CursorPages<ApiPromotionCode>(client, codesPath(promotionId));
}

/** Every code of a promotion. */
export function listCodes(client: BigCommerceClient, promotionId: string | number): Promise<ApiPromotionCode[]> {
  return collect(codePages(client, promotionId));
}

/**
 * The code list of a promotion for reads: the reads of one refresh (every CouponCode and
 * BulkCouponCodes of the promotion) share one listing (see `shared`: while it is in flight and
 * for `READ_MAX_AGE_MS` after, unless this process wrote the promotion's codes since).
 */
export const codesOfPromotion = shared<ApiPromotionCode[]>(listCodes, (id) => `${PROMOTIONS}/${id}`);

/** Deletes the given codes, at most `CODE_DELETE_BATCH` per request; a gone promotion throws (404). */
async function deleteInBatches(client: BigCommerceClient, promotionId: string | number, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CODE_DELETE_BATCH) {
    await client.delete(codesPath(promotionId), { "id:in": ids.slice(i, i + CODE_DELETE_BATCH) });
  }
}

/** Deletes the given codes of a promotion; a gone promotion is fine (its codes went with it). */
export async function deleteCodes(
  client: BigCommerceClient,
  promotionId: string | number,
  ids: number[],
): Promise<void> {
  await unlessGone(deleteInBatches(client, promotionId, ids));
}

/**
 * Deletes every code of a promotion (the API refuses to delete a promotion that has codes).
 * Returns how many codes it deleted; a gone promotion throws (404).
 */
export async function deleteAllCodes(client: BigCommerceClient, promotionId: string | number): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < CODE_DELETE_ROUNDS; round++) {
    const codes = await listCodes(client, promotionId);
    if (codes.length === 0) return deleted;
    await deleteInBatches(
      client,
      promotionId,
      codes.map((c) => c.id),
    );
    deleted += codes.length;
  }
  const left = await listCodes(client, promotionId);
  if (left.length > 0) {
    throw new Error(
      `promotion ${promotionId} still has ${left.length} coupon codes after ${CODE_DELETE_ROUNDS} rounds of deleting them; is something creating codes for it?`,
    );
  }
  return deleted;
}
