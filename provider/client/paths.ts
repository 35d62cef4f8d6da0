/** The API collections below `/stores/{hash}` that more than one module calls. */
export const COUPONS = "/v2/coupons";
export const BANNERS = "/v2/banners";
export const GIFT_CERTIFICATES = "/v2/gift_certificates";
export const PROMOTIONS = "/v3/promotions";
