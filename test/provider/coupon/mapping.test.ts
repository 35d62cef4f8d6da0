import { ApiCoupon, fromApi, outputsFromApi, toApi } from "../../../provider/coupon/mapping";
import type { CouponInputs } from "../../../provider/coupon/schema";

const full: CouponInputs = {
  name: "Spring 15",
  code: "SPRING15",
  type: "percentage_discount",
  amount: "15.0000",
  minPurchase: "25.0000",
  expires: "Thu, 31 Dec 2026 23:59:00 +0000",
  enabled: false,
  appliesTo: { entity: "products", ids: [4, 10] },
  maxUses: 100,
  maxUsesPerCustomer: 1,
  restrictedTo: { countries: "AU" },
  shippingMethods: ["shipping_flatrate"],
};

/** The coupon the API would answer after storing a request body. */
function stored(body: Record<string, unknown>, extra: Partial<ApiCoupon> = {}): ApiCoupon {
  return { id: 12, num_uses: 3, date_created: "Mon, 05 Jan 2026 07:08:09 +0000", ...body, ...extra } as ApiCoupon;
}

describe("coupon mapping", () => {
  it("writes every field in the API's names", () => {
    expect(toApi(full)).toEqual({
      name: "Spring 15",
      code: "SPRING15",
      type: "percentage_discount",
      amount: "15.0000",
      min_purchase: "25.0000",
      expires: "Thu, 31 Dec 2026 23:59:00 +0000",
      enabled: false,
      applies_to: { entity: "products", ids: [4, 10] },
      max_uses: 100,
      max_uses_per_customer: 1,
      restricted_to: { countries: "AU" },
      shipping_methods: ["shipping_flatrate"],
    });
  });

  it("round-trips: what toApi writes, fromApi reads back as the same inputs", () => {
    expect(fromApi(stored(toApi(full)))).toEqual(full);
  });

  it("round-trips the defaults", () => {
    const defaults: CouponInputs = {
      ...full,
      type: "per_total_discount",
      minPurchase: "0.0000",
      expires: "",
      enabled: true,
      appliesTo: { entity: "categories", ids: [0] },
      maxUses: 0,
      maxUsesPerCustomer: 0,
      restrictedTo: {},
      shippingMethods: [],
    };
    expect(fromApi(stored(toApi(defaults)))).toEqual(defaults);
  });

  it("always sends applies_to, since a PUT without it clears it", () => {
    const body = toApi({ ...full, appliesTo: { entity: "categories", ids: [0] } });
    expect(body).toHaveProperty("applies_to", { entity: "categories", ids: [0] });
    expect(Object.keys(toApi(full))).toContain("applies_to");
  });

  it("reads shipping_methods: null as []", () => {
    expect(fromApi(stored(toApi(full), { shipping_methods: null })).shippingMethods).toEqual([]);
  });

  it("reads restricted_to: [] (the API's empty object) and null as {}", () => {
    expect(fromApi(stored(toApi(full), { restricted_to: [] })).restrictedTo).toEqual({});
    expect(fromApi(stored(toApi(full), { restricted_to: null })).restrictedTo).toEqual({});
    expect(fromApi(stored(toApi(full), { restricted_to: { countries: "" } })).restrictedTo).toEqual({});
  });

  it('reads expires: "" as no expiry', () => {
    expect(fromApi(stored(toApi(full), { expires: "" })).expires).toBe("");
  });

  it("normalises the API's amounts and dates to the canonical forms", () => {
    const c = fromApi(stored(toApi(full), { amount: "15", min_purchase: "25.5", expires: "2026-12-31T23:59:00Z" }));
    expect(c.amount).toBe("15.0000");
    expect(c.minPurchase).toBe("25.5000");
    expect(c.expires).toBe("Thu, 31 Dec 2026 23:59:00 +0000");
  });

  it("sorts and de-duplicates applies_to ids", () => {
    expect(fromApi(stored(toApi(full), { applies_to: { entity: "products", ids: [10, 4, 10] } })).appliesTo).toEqual({
      entity: "products",
      ids: [4, 10],
    });
  });

  it("keeps applies_to: null as null, so a store-side clear shows as drift", () => {
    expect(fromApi(stored(toApi(full), { applies_to: null })).appliesTo).toBeNull();
  });

  it("reads the output-only values", () => {
    expect(outputsFromApi(stored(toApi(full)))).toEqual({
      couponId: 12,
      numUses: 3,
      dateCreated: "Mon, 05 Jan 2026 07:08:09 +0000",
    });
  });
});
