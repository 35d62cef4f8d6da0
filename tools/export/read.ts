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
import type { Section } from "./build";

export { MAX_PAGE_SIZE as PAGE_SIZE } from "../../provider/client/paging";

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

/**
 * How the export lists the objects of each section it writes, in the order it reads them. The
 * sections are the registry's (`Section`: the definitions whose objects the export writes), so a
 * new exported kind fails to compile here until it says how its objects are listed; its
 * collection and API type are per-kind data the definitions do not hold. Coupon codes are not a
 * list of their own: they are read per COUPON promotion (`readStore`).
 */
const LISTS = {
  coupons: (client: BigCommerceClient) => listAllV2<ApiCoupon>(client, COUPONS),
  banners: (client: BigCommerceClient) => listAllV2<ApiBanner>(client, BANNERS),
  giftCertificates: (client: BigCommerceClient) => listAllV2<ApiGiftCertificate>(client, GIFT_CERTIFICATES),
  promotions: listAllPromotions,
} satisfies Record<Exclude<Section, "couponCodes">, (client: BigCommerceClient) => Promise<Array<{ id: number }>>>;

type Listed = { [S in keyof typeof LISTS]: Awaited<ReturnType<(typeof LISTS)[S]>> };

/** Everything the export writes, as the API returned it (each list in ascending id order). */
export interface StoreSnapshot extends Listed {
  /** The codes of each COUPON promotion, by promotion id. */
  codes: Map<number, ApiPromotionCode[]>;
}

/** Reads the store. Sequential on purpose: the quota is shared with every other app of the store. */
export async function readStore(client: BigCommerceClient): Promise<StoreSnapshot> {
  const lists: Partial<Record<keyof Listed, unknown>> = {};
  for (const [section, list] of Object.entries(LISTS)) lists[section as keyof Listed] = await list(client);
  const listed = lists as Listed; // every key of LISTS, each its own list's answer
  const codes = new Map<number, ApiPromotionCode[]>();
  const gone = new Set<number>();
  for (const p of listed.promotions) {
    if (p.redemption_type !== "COUPON") continue;
    const list = await unlessGone(listCodes(client, p.id));
    if (list) codes.set(p.id, dedupe(list));
    else gone.add(p.id); // deleted while the export ran (404): left out
  }
  return { ...listed, promotions: listed.promotions.filter((p) => !gone.has(p.id)), codes };
}
