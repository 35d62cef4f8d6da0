export { Coupon, CouponArgs } from "./coupon";
export { Banner, BannerArgs } from "./banner";
export { GiftCertificate, GiftCertificateArgs } from "./gift-certificate";
export { Promotion, PromotionArgs } from "./promotion";
export { CouponCode, CouponCodeArgs } from "./coupon-code";
export { BulkCouponCodes, BulkCouponCodesArgs } from "./bulk-codes";
export { BigCommerceClient, ClientOptions } from "./client/http";
export { BigCommerceApiError } from "./client/errors";
export { resolveStoreConfig, LOCAL_STORE, StoreConfig } from "./config";
export type { DeletionPolicy } from "./common/kind";
export {
  applyCampaign,
  Campaign,
  CampaignError,
  CampaignOutputs,
  CampaignProblem,
  loadCampaignDir,
  loadCampaignFile,
  loadCampaignFiles,
  parseCampaign,
} from "./campaign";
