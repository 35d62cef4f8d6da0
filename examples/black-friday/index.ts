/**
 * Black Friday: a coupon promotion (25 % off the cart, at most 100 off) with two codes, a
 * banner on the home page for the weekend, and a free-shipping coupon. `pulumi up` applies it;
 * run it again and nothing changes.
 */
import { Banner, Coupon, CouponCode, Promotion } from "pulumi-bigcommerce";

const START = "2027-11-26T00:00:00Z";
const END = "2027-11-29T23:59:59Z";

function blackFriday() {
  const promotion = new Promotion("bf-sitewide", {
    redemptionType: "COUPON",
    name: "Black Friday: 25% off",
    displayName: "Black Friday 25% off",
    startDate: START,
    endDate: END,
    rules: [{ action: { cartValue: { discount: { percentageAmount: 25 }, maximumAllowedDiscountAmount: 100 } } }],
  });

  // Codes of the promotion: one for everyone, one for the newsletter (one use per customer).
  const everyone = new CouponCode("bf-code", { promotionId: promotion.promotionId, code: "BLACKFRIDAY25" });
  const newsletter = new CouponCode("bf-newsletter-code", {
    promotionId: promotion.promotionId,
    code: "BF25-NEWS",
    maxUsesPerCustomer: 1,
  });

  const banner = new Banner("bf-banner", {
    name: "Black Friday banner",
    content: "<p><strong>Black Friday:</strong> 25% off everything with code BLACKFRIDAY25</p>",
    page: "home_page",
    location: "top",
    dateType: "custom",
    dateFrom: START,
    dateTo: END,
  });

  const shipping = new Coupon("bf-free-shipping", {
    name: "Black Friday free shipping over 75",
    code: "BFSHIP",
    type: "free_shipping",
    amount: 0,
    minPurchase: 75,
    expires: END,
  });

  return {
    promotionId: promotion.promotionId,
    codes: [everyone.code, newsletter.code],
    bannerId: banner.bannerId,
    freeShippingCouponId: shipping.couponId,
  };
}

// The module is the program function: Pulumi's Node.js host runs an exported function of a
// CommonJS entry point (a `default` export would only be read as a stack output).
export = blackFriday;
