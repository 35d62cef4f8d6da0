/**
 * A spring campaign: a percentage coupon for the season and a free-shipping coupon above
 * a minimum order. `pulumi up` applies it; run it again and nothing changes.
 *
 * The module itself is the program (`export =`): for a CommonJS `main`, Pulumi's Node.js host
 * calls the module when it is a function; a default export would only be read as outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { Coupon } from "pulumi-bigcommerce";

function springCampaign() {
  const config = new pulumi.Config("campaign");
  const discount = config.getNumber("discount") ?? 15;

  const spring = new Coupon("spring-sale", {
    name: "Spring sale",
    code: "SPRING15",
    type: "percentage_discount",
    amount: discount,
    expires: "2027-06-30",
    maxUsesPerCustomer: 1,
  });

  const freeShipping = new Coupon("spring-free-shipping", {
    name: "Spring free shipping over 50",
    code: "SPRINGSHIP",
    type: "free_shipping",
    amount: 0,
    minPurchase: 50,
    expires: "2027-06-30",
  });

  return {
    springCouponId: spring.couponId,
    springAmount: spring.amount,
    freeShippingCouponId: freeShipping.couponId,
  };
}

export = springCampaign;
