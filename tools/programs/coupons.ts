import { Coupon, CouponArgs } from "../../provider";

/** A program of coupons given by name: what the end-to-end tests and the benchmark apply. */
export default function coupons(args: { coupons: Record<string, CouponArgs> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, couponArgs] of Object.entries(args.coupons)) {
    const c = new Coupon(name, couponArgs);
    out[name] = { id: c.couponId, amount: c.amount, numUses: c.numUses };
  }
  return out;
}
