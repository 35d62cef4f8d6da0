export { Coupon, CouponArgs } from "./coupon";
export { BigCommerceClient, ClientOptions } from "./client/http";
export { BigCommerceApiError } from "./client/errors";
export { resolveStoreConfig, LOCAL_STORE, StoreConfig } from "./config";
