import * as pulumi from "@pulumi/pulumi";
import { Banner, BannerArgs } from "../banner";
import { BulkCouponCodes, BulkCouponCodesArgs } from "../bulk-codes";
import { Coupon, CouponArgs } from "../coupon";
import { CouponCode, CouponCodeArgs } from "../coupon-code";
import { GiftCertificate, GiftCertificateArgs } from "../gift-certificate";
import { Promotion, PromotionArgs } from "../promotion";
import type { Campaign } from "./model";

/** What a campaign's stack outputs: the store ids of its objects, by section and key. */
export interface CampaignOutputs {
  promotions: Record<string, { promotionId: pulumi.Output<number> }>;
  couponCodes: Record<string, { codeId: pulumi.Output<number>; code: pulumi.Output<string> }>;
  bulkCodes: Record<string, { codeIds: pulumi.Output<number[]> }>;
  coupons: Record<string, { couponId: pulumi.Output<number>; code: pulumi.Output<string> }>;
  banners: Record<string, { bannerId: pulumi.Output<number> }>;
  giftCertificates: Record<string, { giftCertificateId: pulumi.Output<number> }>;
}

/** The Args without the file's `null`s ("none", which a resource reads as absent). */
function args<T>(o: object, drop: string[] = []): T {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== null && v !== undefined && !drop.includes(k)),
  ) as T;
}

/**
 * Declares the resources of a validated campaign (see `loadCampaignFile`), named
 * `<fileStem>.<key>`; codes get the `promotionId` of the promotion they name. Returns the ids.
 */
export function applyCampaign(
  campaign: Campaign,
  fileStem: string,
  opts?: pulumi.CustomResourceOptions,
): CampaignOutputs {
  const name = (key: string) => `${fileStem}.${key}`;
  const out: CampaignOutputs = {
    promotions: {},
    couponCodes: {},
    bulkCodes: {},
    coupons: {},
    banners: {},
    giftCertificates: {},
  };
  const promotions: Record<string, Promotion> = {};
  for (const [key, a] of Object.entries(campaign.promotions)) {
    const p = new Promotion(name(key), args<PromotionArgs>(a), opts);
    promotions[key] = p;
    out.promotions[key] = { promotionId: p.promotionId };
  }
  for (const [key, a] of Object.entries(campaign.couponCodes)) {
    const c = new CouponCode(
      name(key),
      {
        ...args<Omit<CouponCodeArgs, "promotionId">>(a, ["promotion"]),
        promotionId: promotions[a.promotion].promotionId,
      },
      opts,
    );
    out.couponCodes[key] = { codeId: c.codeId, code: c.code };
  }
  for (const [key, a] of Object.entries(campaign.bulkCodes)) {
    const b = new BulkCouponCodes(
      name(key),
      {
        ...args<Omit<BulkCouponCodesArgs, "promotionId">>(a, ["promotion"]),
        promotionId: promotions[a.promotion].promotionId,
      },
      opts,
    );
    out.bulkCodes[key] = { codeIds: b.codeIds };
  }
  for (const [key, a] of Object.entries(campaign.coupons)) {
    const c = new Coupon(name(key), args<CouponArgs>(a), opts);
    out.coupons[key] = { couponId: c.couponId, code: c.code };
  }
  for (const [key, a] of Object.entries(campaign.banners)) {
    const b = new Banner(name(key), args<BannerArgs>(a), opts);
    out.banners[key] = { bannerId: b.bannerId };
  }
  for (const [key, a] of Object.entries(campaign.giftCertificates)) {
    const g = new GiftCertificate(name(key), args<GiftCertificateArgs>(a), opts);
    out.giftCertificates[key] = { giftCertificateId: g.giftCertificateId };
  }
  return out;
}
