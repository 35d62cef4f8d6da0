import { checkInputs } from "../../../provider/common/kind";
import {
  ApiPromotion,
  camelKey,
  fromApi,
  outputsFromApi,
  snakeKey,
  toApi,
  toCamel,
  toSnake,
} from "../../../provider/promotion/mapping";
import { promotionKind } from "../../../provider/promotion/provider";
import { PromotionInputs } from "../../../provider/promotion/schema";

type Props = Record<string, unknown>;

function checked(news: Props): PromotionInputs {
  const { inputs, failures } = checkInputs(promotionKind, news);
  expect(failures).toEqual([]);
  return inputs as PromotionInputs;
}

/** A promotion that uses every part of the model, matchers nested three levels deep. */
const rich = checked({
  redemptionType: "COUPON",
  name: "Rich",
  displayName: "Rich deal",
  couponType: "SINGLE",
  canBeUsedWithOtherPromotions: false,
  couponOverridesOtherPromotions: true,
  channels: [1, 2],
  customer: {
    groupIds: [0, 4],
    minimumOrderCount: 2,
    segments: { and: [{ id: ["s1"] }, { not: { or: [{ id: ["s2"] }, { id: ["s3"] }] } }] },
  },
  notifications: [{ content: "You got it", type: "APPLIED", locations: ["CART_PAGE", "CHECKOUT_PAGE"] }],
  schedule: { weekFrequency: 2, weekDays: ["Monday", "Sunday"], dailyStartTime: "01:20:00", dailyEndTime: "23:59:00" },
  startDate: "2026-01-01T00:00:00Z",
  endDate: "2026-12-31T23:59:59Z",
  maxUses: 10,
  currencyCode: "EUR",
  shippingAddress: { countries: [{ iso2CountryCode: "US" }, { iso2CountryCode: "CA" }] },
  rules: [
    {
      action: {
        cartItems: {
          discount: { percentageAmount: "25" },
          maximumAllowedDiscountAmount: "50",
          asTotal: true,
          strategy: "LEAST_EXPENSIVE",
          quantity: 2,
          items: {
            or: [
              { and: [{ brands: [1] }, { not: { productOption: { name: "Color", values: ["Red", "Blue"] } } }] },
              { productCustomField: { name: "ISBN-10", values: ["0439538491"] } },
            ],
          },
        },
      },
      condition: {
        and: [{ cart: { items: { variants: [8, 9] }, minimumQuantity: 2 } }, { cart: { minimumSpend: "100.5" } }],
      },
      stop: true,
    },
    {
      action: {
        fixedPriceSet: {
          quantity: 3,
          fixedPrice: "9.99",
          items: { categories: [12] },
          strategy: "MOST_EXPENSIVE_ONLY",
        },
      },
    },
    { action: { giftItem: { quantity: 1, variantId: 41 } }, condition: { cart: { minimumSpend: 50 } } },
    { action: { shipping: { zoneIds: [2, 1] } } },
  ],
});

describe("Promotion mapping", () => {
  it("renames keys both ways, digits included", () => {
    expect(snakeKey("iso2CountryCode")).toBe("iso2_country_code");
    expect(camelKey("iso2_country_code")).toBe("iso2CountryCode");
    expect(snakeKey("includeItemsConsideredByCondition")).toBe("include_items_considered_by_condition");
    expect(camelKey("maximum_allowed_discount_amount")).toBe("maximumAllowedDiscountAmount");
  });

  it("writes the whole model in snake_case, nested rules and matchers included", () => {
    const body = toApi(rich);
    expect(body.channels).toEqual([{ id: 1 }, { id: 2 }]);
    expect(body.redemption_type).toBe("COUPON");
    expect(body.can_be_used_with_other_promotions).toBe(false);
    expect(body.coupon_overrides_other_promotions).toBe(true);
    expect(body.shipping_address).toEqual({ countries: [{ iso2_country_code: "US" }, { iso2_country_code: "CA" }] });
    const rule = (body.rules as Props[])[0];
    expect(rule.apply_once).toBe(true);
    expect(rule.condition).toEqual({
      and: [{ cart: { items: { variants: [8, 9] }, minimum_quantity: 2 } }, { cart: { minimum_spend: "100.5" } }],
    });
    const items = ((rule.action as Props).cart_items as Props).items;
    expect(items).toEqual({
      or: [
        {
          and: [
            { brands: [1] },
            { not: { product_option: { type: "string_match", name: "Color", values: ["Red", "Blue"] } } },
          ],
        },
        { product_custom_field: { name: "ISBN-10", values: ["0439538491"] } },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/[a-z][A-Z]/);
  });

  it("round-trips a rich promotion: fromApi(toApi(x)) is x, and toApi(fromApi(body)) is the body", () => {
    const body = toApi(rich);
    const saved: ApiPromotion = {
      ...(body as ApiPromotion),
      id: 7,
      status: "ENABLED",
      current_uses: 3,
      created_from: "api",
      multiple_codes: { has_multiple_codes: false },
    };
    expect(fromApi(saved)).toEqual(rich);
    expect(toApi(fromApi(saved))).toEqual(body);
    expect(toCamel(toSnake(rich))).toEqual(rich);
    expect(outputsFromApi(saved)).toEqual({ promotionId: 7, currentUses: 3, createdFrom: "api" });
  });

  it("reads the store's spelling into the canonical form", () => {
    const stored = toApi(rich);
    const rules = stored.rules as Array<Props>;
    ((rules[1].action as Props).fixed_price_set as Props).fixed_price = "9.9900";
    stored.end_date = "2026-12-31T23:59:59+00:00";
    const read = fromApi({ ...(stored as ApiPromotion), id: 7, status: "ENABLED", current_uses: 0 });
    expect(read).toEqual(rich);
  });

  it("drops nulls, read-only fields and coupon-only fields of an automatic promotion", () => {
    const read = fromApi({
      id: 3,
      redemption_type: "AUTOMATIC",
      name: "Auto",
      channels: [],
      customer: { group_ids: [], excluded_group_ids: [], minimum_order_count: 0, segments: null },
      rules: [
        {
          action: { cart_value: { discount: { fixed_amount: "5.00" }, maximum_allowed_discount_amount: null } },
          apply_once: true,
          stop: false,
          condition: null,
        },
      ],
      notifications: [],
      status: "INVALID",
      start_date: "2026-01-01T00:00:00+00:00",
      end_date: null,
      stop: false,
      can_be_used_with_other_promotions: true,
      coupon_overrides_other_promotions: false,
      currency_code: "*",
      current_uses: 0,
      created_from: "api",
      shipping_address: null,
      schedule: null,
    });
    expect(read).toEqual({
      redemptionType: "AUTOMATIC",
      name: "Auto",
      channels: [],
      customer: { groupIds: [], excludedGroupIds: [], minimumOrderCount: 0 },
      rules: [{ action: { cartValue: { discount: { fixedAmount: "5" } } }, applyOnce: true, stop: false }],
      notifications: [],
      status: "INVALID",
      startDate: "2026-01-01T00:00:00.000Z",
      stop: false,
      canBeUsedWithOtherPromotions: true,
      currencyCode: "*",
    });
  });

  it("clears, on update, optional values the previous state held and the new inputs leave out", () => {
    const { endDate: _e, schedule: _s, shippingAddress: _a, ...rest } = rich;
    const news = { ...rest, customer: { ...rich.customer, segments: undefined } } as PromotionInputs;
    const body = toApi(news, rich);
    expect(body.end_date).toBeNull();
    expect(body.schedule).toBeNull();
    expect(body.shipping_address).toBeNull();
    expect((body.customer as Props).segments).toBeNull();
    expect(body.max_uses).toBe(10); // still declared: sent as it is
    const { maxUses: _m, couponOverridesOtherPromotions: _o, ...fewer } = news;
    const cleared = toApi({ ...fewer, canBeUsedWithOtherPromotions: true }, rich);
    expect(cleared.max_uses).toBeNull();
    expect(cleared.coupon_overrides_other_promotions).toBe(false);
    expect(toApi(news)).not.toHaveProperty("end_date");
  });

  it("never sends coupon-only fields for an automatic promotion", () => {
    const body = toApi({ ...rich, redemptionType: "AUTOMATIC" });
    expect(body).not.toHaveProperty("coupon_type");
    expect(body).not.toHaveProperty("coupon_overrides_other_promotions");
  });
});
