import { DEFAULTS } from "../../policy/config";
import * as rules from "../../policy/rules";
import { daysAfterNow, NOW, subjectOf } from "./subject";

const coupon = (over: Record<string, unknown>) =>
  subjectOf("Coupon", { name: "C", code: "C1", type: "per_total_discount", amount: 10, ...over });
const promotion = (over: Record<string, unknown>) =>
  subjectOf("Promotion", {
    redemptionType: "AUTOMATIC",
    name: "P",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    ...over,
  });
const percentOff = (p: number) => ({ action: { cartValue: { discount: { percentageAmount: p } } } });
const giftCertificate = (over: Record<string, unknown>) =>
  subjectOf("GiftCertificate", {
    toName: "A",
    toEmail: "a@example.com",
    fromName: "S",
    fromEmail: "s@example.com",
    amount: 50,
    ...over,
  });
const settings = <P extends keyof typeof DEFAULTS>(p: P) => DEFAULTS[p].settings;

describe("max-discount", () => {
  const c = settings("max-discount");

  it("passes discounts at the caps", () => {
    expect(rules.maxDiscount(coupon({ type: "percentage_discount", amount: 50 }), c)).toEqual([]);
    expect(rules.maxDiscount(coupon({ amount: 100 }), c)).toEqual([]);
    expect(rules.maxDiscount(promotion({ rules: [percentOff(50)] }), c)).toEqual([]);
  });

  it("names the field, the value, the cap and the config key of a coupon above a cap", () => {
    expect(rules.maxDiscount(coupon({ type: "percentage_discount", amount: 60 }), c)).toEqual([
      "amount: 60 % off is above the cap of 50 % (max-discount.maxPercentage)",
    ]);
    expect(rules.maxDiscount(coupon({ type: "per_item_discount", amount: "100.5" }), c)).toEqual([
      "amount: 100.5 off is above the cap of 100 (max-discount.maxFixedAmount)",
    ]);
  });

  it("finds a discount in the third rule of a promotion whose items nest three matchers deep", () => {
    const deep = promotion({
      rules: [
        percentOff(10),
        { action: { cartItems: { discount: { fixedAmount: 5 }, items: { categories: [1] } } } },
        {
          action: {
            cartItems: {
              discount: { percentageAmount: 70 },
              items: { and: [{ or: [{ not: { brands: [3] } }, { categories: [4] }] }, { products: [5] }] },
            },
          },
        },
      ],
    });
    expect(rules.maxDiscount(deep, c)).toEqual([
      "rules[2].action.cartItems.discount.percentageAmount: 70 % off is above the cap of 50 % (max-discount.maxPercentage)",
    ]);
  });

  it("takes its caps from the config", () => {
    const s = coupon({ type: "percentage_discount", amount: 60 });
    expect(rules.maxDiscount(s, { maxPercentage: 70, maxFixedAmount: 100 })).toEqual([]);
    expect(rules.maxDiscount(coupon({ amount: 20 }), { maxPercentage: 70, maxFixedAmount: 15 })).toHaveLength(1);
  });
});

describe("free-shipping-and-full-discount", () => {
  const c = settings("free-shipping-and-full-discount");

  it("refuses free shipping and 100 % off on resources not listed, in coupons and promotion actions", () => {
    expect(rules.freeShippingAndFullDiscount(coupon({ type: "free_shipping", amount: 0 }), c)).toEqual([
      'type: free shipping is allowed only for the resources listed in free-shipping-and-full-discount.allowedResources, and "test.Coupon" is not one of them',
    ]);
    const ship = promotion({
      rules: [percentOff(100), { action: { shipping: { freeShipping: true, zoneIds: "*" } } }],
    });
    expect(rules.freeShippingAndFullDiscount(ship, c).map((m) => m.split(":")[0])).toEqual([
      "rules[0].action.cartValue.discount.percentageAmount",
      "rules[1].action.shipping.freeShipping",
    ]);
  });

  it("allows them on the resources the config lists, and passes a discounted shipping", () => {
    const s = coupon({ type: "free_shipping", amount: 0 });
    expect(rules.freeShippingAndFullDiscount(s, { allowedResources: ["test.Coupon"] })).toEqual([]);
    const paid = promotion({ rules: [{ action: { shipping: { freeShipping: false, zoneIds: [1] } } }] });
    expect(rules.freeShippingAndFullDiscount(paid, c)).toEqual([]);
  });
});

describe("discount-end-date", () => {
  const c = settings("discount-end-date");

  it("refuses a promotion or coupon that never ends", () => {
    expect(rules.discountEndDate(promotion({}), c, NOW)).toEqual([
      "endDate: none, the discount never ends; it must end within 90 days of its start (discount-end-date.maxDays)",
    ]);
    expect(rules.discountEndDate(coupon({}), c, NOW)).toHaveLength(1);
  });

  it("measures a promotion from its startDate and a coupon (which has none) from now", () => {
    const start = daysAfterNow(30);
    expect(rules.discountEndDate(promotion({ startDate: start, endDate: daysAfterNow(120) }), c, NOW)).toEqual([]);
    expect(rules.discountEndDate(promotion({ startDate: start, endDate: daysAfterNow(121) }), c, NOW)).toEqual([
      `endDate: ${daysAfterNow(121)} is 91 days after its startDate; a discount must end within 90 days of its start (discount-end-date.maxDays)`,
    ]);
    expect(rules.discountEndDate(coupon({ expires: daysAfterNow(90) }), c, NOW)).toEqual([]);
    expect(rules.discountEndDate(coupon({ expires: daysAfterNow(91) }), { maxDays: 91 }, NOW)).toEqual([]);
    expect(rules.discountEndDate(coupon({ expires: daysAfterNow(91) }), c, NOW)[0]).toContain("91 days after now");
  });
});

describe("use-limits", () => {
  const c = settings("use-limits");

  it("asks a coupon above the threshold for both limits, naming each", () => {
    expect(rules.useLimits(coupon({ amount: 60 }), c)).toEqual([
      "maxUses: 0 (unlimited); amount gives 60 off, above 50 (use-limits.aboveFixedAmount), which needs a total use limit of 1 or more",
      "maxUsesPerCustomer: 0 (unlimited); amount gives 60 off, above 50 (use-limits.aboveFixedAmount), which needs a per-customer use limit of 1 or more",
    ]);
    expect(rules.useLimits(coupon({ amount: 60, maxUses: 100, maxUsesPerCustomer: 1 }), c)).toEqual([]);
  });

  it("asks a promotion above the threshold for a total limit, and leaves small discounts alone", () => {
    expect(rules.useLimits(promotion({ rules: [percentOff(25)] }), c)).toEqual([
      "maxUses: none (unlimited); rules[0].action.cartValue.discount.percentageAmount gives 25 %, above 20 % (use-limits.abovePercentage), which needs a total use limit of 1 or more",
    ]);
    expect(rules.useLimits(promotion({ rules: [percentOff(25)], maxUses: 500 }), c)).toEqual([]);
    expect(rules.useLimits(promotion({ rules: [percentOff(20)] }), c)).toEqual([]);
    expect(rules.useLimits(promotion({ rules: [percentOff(25)] }), { ...c, abovePercentage: 25 })).toEqual([]);
  });
});

describe("gift-certificate-limits", () => {
  const c = settings("gift-certificate-limits");

  it("caps the amount, from the config", () => {
    expect(rules.giftCertificateLimits(giftCertificate({ amount: 501 }), c, NOW, false)).toEqual([
      "amount: 501 is above the cap of 500 (gift-certificate-limits.maxAmount)",
    ]);
    expect(rules.giftCertificateLimits(giftCertificate({ amount: 501 }), { maxAmount: 1000 }, NOW, false)).toEqual([]);
  });

  it("refuses a new certificate that has expired already, not an existing one that expired since", () => {
    const expired = giftCertificate({ expiryDate: daysAfterNow(-1) });
    expect(rules.giftCertificateLimits(expired, c, NOW, false)).toEqual([
      `expiryDate: ${daysAfterNow(-1)} has passed; a certificate must not be created or changed already expired`,
    ]);
    expect(rules.giftCertificateLimits(expired, c, NOW, true)).toEqual([]);
    expect(rules.giftCertificateLimits(giftCertificate({ expiryDate: daysAfterNow(1) }), c, NOW, false)).toEqual([]);
  });
});

describe("bulk-code-limits", () => {
  const c = settings("bulk-code-limits");
  const batch = (batchSize: number, maxUses: number) =>
    subjectOf("BulkCouponCodes", { promotionId: 1, batchSize, maxUses });

  it("needs a per-code use limit above the batch size only", () => {
    expect(rules.bulkCodeLimits(batch(101, 0), c)).toEqual([
      "maxUses: 0 (unlimited) for a batch of 101 codes; a batch of more than 100 codes (bulk-code-limits.maxCodesWithoutLimit) needs a per-code use limit of 1 or more",
    ]);
    expect(rules.bulkCodeLimits(batch(101, 1), c)).toEqual([]);
    expect(rules.bulkCodeLimits(batch(100, 0), c)).toEqual([]);
    expect(rules.bulkCodeLimits(batch(101, 0), { maxCodesWithoutLimit: 200 })).toEqual([]);
  });
});

describe("stacking", () => {
  const c = settings("stacking");

  it("refuses a combinable promotion at or above the threshold, and suggests the fix", () => {
    expect(rules.stacking(promotion({ rules: [percentOff(30)] }), c)).toEqual([
      "canBeUsedWithOtherPromotions: true (the default) while rules[0].action.cartValue.discount.percentageAmount gives 30 %; only a discount below 30 % (stacking.belowPercentage) may combine with other promotions: set canBeUsedWithOtherPromotions to false",
    ]);
  });

  it("passes a promotion that does not combine, or one below the threshold", () => {
    expect(rules.stacking(promotion({ rules: [percentOff(40)], canBeUsedWithOtherPromotions: false }), c)).toEqual([]);
    expect(rules.stacking(promotion({ rules: [percentOff(29)] }), c)).toEqual([]);
    expect(rules.stacking(promotion({ rules: [percentOff(40)] }), { ...c, belowPercentage: 41 })).toEqual([]);
  });
});

describe("used-objects-kept", () => {
  const state = (kind: string, props: Record<string, unknown>) => ({ kind, name: "x", props });

  it('refuses deletionPolicy "delete" on an object the state shows used', () => {
    expect(rules.usedObjectsKept(state("Coupon", { deletionPolicy: "delete", numUses: 3 }))).toEqual([
      'deletionPolicy: "delete" on an object used 3 times; destroying or replacing it would delete it: set deletionPolicy to "disable" (the default) or "retain"',
    ]);
    expect(rules.usedObjectsKept(state("Promotion", { deletionPolicy: "delete", currentUses: 1 }))[0]).toContain(
      "used 1 time;",
    );
  });

  it('passes "delete" on an object the state shows unused, and "disable" or "retain" on a used one', () => {
    expect(rules.usedObjectsKept(state("Coupon", { deletionPolicy: "delete", numUses: 0 }))).toEqual([]);
    expect(rules.usedObjectsKept(state("Coupon", { deletionPolicy: "retain", numUses: 3 }))).toEqual([]);
    expect(rules.usedObjectsKept(state("Coupon", { numUses: 3 }))).toEqual([]);
  });

  it('flags "delete" where the preview cannot see the uses (a new or changed object)', () => {
    expect(rules.usedObjectsKept(state("Promotion", { deletionPolicy: "delete" }))[0]).toContain(
      "whose uses this preview cannot see",
    );
  });
});
