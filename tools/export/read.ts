/**
 * Reads every marketing object of a store through its API, 250 per request: v2 coupons,
 * banners and gift certificates (page/limit), v3 promotions (page/limit) and each COUPON
 * promotion's codes (cursor pagination).
 */
import { unlessGone } from "../../provider/client/errors";
import type { BigCommerceClient } from "../../provider/client/http";
import type { ApiBanner } from "../../provider/banner/mapping";
import type { ApiCoupon } from "../../provider/coupon/mapping";
import type { ApiGiftCertificate } from "../../provider/gift-certificate/mapping";
import type { ApiPromotion } from "../../provider/promotion/mapping";
import { ApiPromotionCode, listCodes } from "../../provider/common/promotion-codes";

export const PAGE_SIZE = 250;

/** Everything the export writes, as the API returned it (each list in ascending id order). */
export interface StoreSnapshot {
  coupons: ApiCoupon[];
  banners: ApiBanner[];
  giftCertificates: ApiGiftCertificate[];
  promotions: ApiPromotion[];
  /** The codes of each COUPON promotion, by promotion id. */
  codes: Map<number, ApiPromotionCode[]>;
}

/** Every object of a v2 list (`page` from 1, `limit` 250; a page past the end is empty). */
export async function listAllV2<T extends { id: number }>(client: BigCommerceClient, path: string): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await client.list<T>(path, { page, limit: PAGE_SIZE });
    all.push(...batch);
    if (batch.length < PAGE_SIZE) break;
  }
  return dedupe(all);
}

interface V3Page<T> {
  data?: T[];
  meta?: { pagination?: { total_pages?: number; current_page?: number } };
}

/** Every promotion (`page`/`limit` 250, following `meta.pagination`). */
export async function listAllPromotions(client: BigCommerceClient): Promise<ApiPromotion[]> {
  const all: ApiPromotion[] = [];
  for (let page = 1; ; page++) {
    const body = await client.get<V3Page<ApiPromotion>>("/v3/promotions", {
      page,
      limit: PAGE_SIZE,
      sort: "id",
      direction: "asc",
    });
    const data = body?.data ?? [];
    all.push(...data);
    const totalPages = body?.meta?.pagination?.total_pages;
    if (data.length === 0 || (totalPages !== undefined ? page >= totalPages : data.length < PAGE_SIZE)) break;
  }
  return dedupe(all);
}

/** Objects in ascending id order, each once (a list that moved while it was paged may repeat one). */
function dedupe<T extends { id: number }>(items: T[]): T[] {
  const byId = new Map<number, T>();
  for (const x of items) byId.set(x.id, x);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Reads the store. Sequential on purpose: the quota is shared with every other app of the store. */
export async function readStore(client: BigCommerceClient): Promise<StoreSnapshot> {
  const coupons = await listAllV2<ApiCoupon>(client, "/v2/coupons");
  const banners = await listAllV2<ApiBanner>(client, "/v2/banners");
  const giftCertificates = await listAllV2<ApiGiftCertificate>(client, "/v2/gift_certificates");
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
