/**
 * Reads every marketing object of a store through its API, 250 per request: v2 coupons,
 * banners and gift certificates (page/limit), v3 promotions (page/limit) and each COUPON
 * promotion's codes (cursor pagination).
 */
import { unlessGone } from "../../provider/client/errors";
import type { BigCommerceClient } from "../../provider/client/http";
import { collect, v2Pages, v3Pages } from "../../provider/client/paging";
import { BANNERS, COUPONS, GIFT_CERTIFICATES, PROMOTIONS } from "../../provider/client/paths";
import type { ApiBanner } from "../../provider/banner/mapping";
import type { ApiCoupon } from "../../provider/coupon/mapping";
import type { ApiGiftCertificate } from "../../provider/gift-certificate/mapping";
import type { ApiPromotion } from "../../provider/promotion/mapping";
import { ApiPromotionCode, listCodes } from "../../provider/common/promotion-codes";

export { MAX_PAGE_SIZE as PAGE_SIZE } from "../../provider/client/paging";

/** Everything the export writes, as the API returned it (each list in ascending id order). */
export interface StoreSnapshot {
  coupons: ApiCoupon[];
  banners: ApiBanner[];
  giftCertificates: ApiGiftCertificate[];
  promotions: ApiPromotion[];
  /** The codes of each COUPON promotion, by promotion id. */
  codes: Map<number, ApiPromotionCode[]>;
}

/** Every object of a v2 list. */
export async function listAllV2<T extends { id: number }>(client: BigCommerceClient, path: string): Promise<T[]> {
  return dedupe(await collect(v2Pages<T>(client, path)));
}

/** Every promotion, sorted by id. */
export async function listAllPromotions(client: BigCommerceClient): Promise<ApiPromotion[]> {
  const pages = v3Pages<ApiPromotion>(client, PROMOTIONS, { query: { sort: "id", direction: "asc" } });
  return dedupe(await collect(pages));
}

/** Objects in ascending id order, each once (a list that moved while it was paged may repeat one). */
function dedupe<T extends { id: number }>(items: T[]): T[] {
  const byId = new Map<number, T>();
  for (const x of items) byId.set(x.id, x);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Reads the store. Sequential on purpose: the quota is shared with every other app of the store. */
export async function readStore(client: BigCommerceClient): Promise<StoreSnapshot> {
  const coupons = await listAllV2<ApiCoupon>(client, COUPONS);
  const banners = await listAllV2<ApiBanner>(client, BANNERS);
  const giftCertificates = await listAllV2<ApiGiftCertificate>(client, GIFT_CERTIFICATES);
  const promotions = await listAllPromotions(client);
  const codes = new Map<number, ApiPromotionCode[]>();
  const gone = new Set<number>();
  for (const p of promotions) {
    if (p.redemption_type !== "COUPON") continue;
    const list = await unlessGone(listCodes(client, p.id));
    if (list) codes.set(p.id, dedupe(list));
    else gone.add(p.id); // deleted while the export ran (404): left out
  }
  return { coupons, banners, giftCertificates, promotions: promotions.filter((p) => !gone.has(p.id)), codes };
}
