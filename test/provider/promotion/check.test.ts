import { configuredStore } from "../local-store";
import { checkInputs, Failure } from "../../../provider/common/kind";
import { UNKNOWN } from "../../../provider/common/values";
import { promotionKind } from "../../../provider/promotion/provider";
import { handler } from "../../../provider/runtime";

type Props = Record<string, unknown>;

const cartValueRule = { action: { cartValue: { discount: { percentageAmount: 10 } } } };
const automatic: Props = { redemptionType: "AUTOMATIC", name: "Ten off", rules: [cartValueRule] };
const coupon: Props = { redemptionType: "COUPON", name: "Coupon ten", rules: [cartValueRule] };

function check(news: Props) {
  return checkInputs(promotionKind, news);
}

function checked(news: Props): Props {
  const { inputs, failures } = check(news);
  expect(failures).toEqual([]);
  return inputs;
}

function properties(failures: Failure[]): string[] {
  return failures.map((f) => f.property);
}

/** A promotion with one rule whose action is `action`. */
function withAction(action: unknown): Props {
  return { ...automatic, rules: [{ action }] };
}

/** A promotion whose one rule has a cart-items action over `items`. */
function withItems(items: unknown): Props {
  return withAction({ cartItems: { discount: { fixedAmount: 1 }, items } });
}

describe("Promotion check", () => {
  it("canonicalises a minimal automatic promotion and fills the store's defaults", () => {
    expect(checked(automatic)).toEqual({
      redemptionType: "AUTOMATIC",
      name: "Ten off",
      channels: [],
      customer: { groupIds: [], excludedGroupIds: [], minimumOrderCount: 0 },
      rules: [{ action: { cartValue: { discount: { percentageAmount: "10" } } }, applyOnce: true, stop: false }],
      notifications: [],
      status: "ENABLED",
      stop: false,
      canBeUsedWithOtherPromotions: true,
    });
  });

  it("canonicalises a rich coupon promotion: money as decimal strings, sorted ids, ISO dates, nested defaults", () => {
    const inputs = checked({
      ...coupon,
      couponType: "BULK",
      canBeUsedWithOtherPromotions: false,
      couponOverridesOtherPromotions: true,
      channels: [3, 1, 3],
      customer: { excludedGroupIds: [5, 2], segments: { or: [{ id: ["a"] }, { not: { id: ["b"] } }] } },
      startDate: "2026-12-01",
      endDate: "Thu, 31 Dec 2026 23:59:00 +0000",
      currencyCode: "usd",
      maxUses: 100,
      schedule: {
        weekFrequency: 1,
        weekDays: ["Friday", "Monday"],
        dailyStartTime: "08:00:00",
        dailyEndTime: "20:00:00",
      },
      shippingAddress: { not: { countries: [{ iso2CountryCode: "au" }] } },
      rules: [
        {
          action: {
            cartItems: {
              discount: { fixedAmount: 5.5 },
              maximumAllowedDiscountAmount: "20.00",
              items: { brands: [9, 2] },
            },
          },
          condition: { cart: { items: { categories: [4] }, minimumQuantity: 2, minimumSpend: "12.950" } },
        },
        { action: { shipping: { zoneIds: "*" } }, applyOnce: false },
        { action: { fixedPriceSet: { quantity: 3, fixedPrice: 10, items: { products: [7] } } } },
        { action: { giftItem: { quantity: 1, productId: 77 } } },
      ],
    });
    expect(inputs.channels).toEqual([1, 3]);
    expect(inputs.customer).toEqual({
      groupIds: [],
      excludedGroupIds: [2, 5],
      minimumOrderCount: 0,
      segments: { or: [{ id: ["a"] }, { not: { id: ["b"] } }] },
    });
    expect(inputs.startDate).toBe("2026-12-01T00:00:00.000Z");
    expect(inputs.endDate).toBe("2026-12-31T23:59:00.000Z");
    expect(inputs.currencyCode).toBe("USD");
    expect(inputs.schedule).toEqual({
      weekFrequency: 1,
      weekDays: ["Monday", "Friday"],
      dailyStartTime: "08:00:00",
      dailyEndTime: "20:00:00",
    });
    expect(inputs.shippingAddress).toEqual({ not: { countries: [{ iso2CountryCode: "AU" }] } });
    expect(inputs.rules).toEqual([
      {
        action: {
          cartItems: {
            discount: { fixedAmount: "5.5" },
            maximumAllowedDiscountAmount: "20",
            items: { brands: [2, 9] },
            asTotal: false,
            includeItemsConsideredByCondition: false,
            excludeItemsOnSale: false,
            addFreeItem: false,
          },
        },
        condition: { cart: { items: { categories: [4] }, minimumQuantity: 2, minimumSpend: "12.95" } },
        applyOnce: true,
        stop: false,
      },
      { action: { shipping: { zoneIds: "*", freeShipping: false } }, applyOnce: false, stop: false },
      {
        action: {
          fixedPriceSet: {
            quantity: 3,
            fixedPrice: "10",
            items: { products: [7] },
            excludeItemsOnSale: false,
            includeItemsConsideredByCondition: true,
          },
        },
        applyOnce: true,
        stop: false,
      },
      { action: { giftItem: { quantity: 1, productId: 77 } }, applyOnce: true, stop: false },
    ]);
  });

  it("accepts matchers nested exactly three levels deep", () => {
    const inputs = checked(
      withItems({
        and: [{ or: [{ not: { variants: [3] } }, { productCustomField: { name: "ISBN", values: ["1"] } }] }],
      }),
    );
    expect((inputs.rules as Array<{ action: { cartItems: { items: unknown } } }>)[0].action.cartItems.items).toEqual({
      and: [{ or: [{ not: { variants: [3] } }, { productCustomField: { name: "ISBN", values: ["1"] } }] }],
    });
  });

  it("refuses a discount with both forms, naming the discount's path", () => {
    const { failures } = check(withAction({ cartValue: { discount: { fixedAmount: 1, percentageAmount: 2 } } }));
    expect(properties(failures)).toEqual(["rules[0].action.cartValue.discount"]);
    expect(failures[0].reason).toMatch(/exactly one of `fixedAmount`, `percentageAmount`/);
  });

  it("refuses a discount with neither form", () => {
    const { failures } = check(withAction({ cartValue: { discount: {} } }));
    expect(properties(failures)).toEqual(["rules[0].action.cartValue.discount"]);
  });

  it("refuses money that is not a decimal, at its path", () => {
    const { failures } = check(withAction({ cartValue: { discount: { fixedAmount: "12,50" } } }));
    expect(properties(failures)).toEqual(["rules[0].action.cartValue.discount.fixedAmount"]);
    expect(failures[0].reason).toMatch(/decimal/);
    expect(properties(check(withAction({ cartValue: { discount: { fixedAmount: -1 } } })).failures)).toEqual([
      "rules[0].action.cartValue.discount.fixedAmount",
    ]);
  });

  it("refuses a percentage over 100", () => {
    const { failures } = check(withAction({ cartValue: { discount: { percentageAmount: "150" } } }));
    expect(properties(failures)).toEqual(["rules[0].action.cartValue.discount.percentageAmount"]);
  });

  it("refuses matchers nested deeper than three levels, at the fourth level", () => {
    const { failures } = check(withItems({ and: [{ or: [{ not: { and: [{ brands: [1] }] } }] }] }));
    expect(properties(failures)).toEqual(["rules[0].action.cartItems.items.and[0].or[0].not.and"]);
    expect(failures[0].reason).toMatch(/at most 3 levels/);
  });

  it("refuses an unknown matcher key with its path", () => {
    const { failures } = check(withItems({ or: [{ brands: [1] }, { colours: ["red"] }] }));
    expect(properties(failures)).toEqual(["rules[0].action.cartItems.items.or[1].colours"]);
  });

  it("refuses minimumQuantity without items", () => {
    const { failures } = check({
      ...automatic,
      rules: [{ ...cartValueRule, condition: { cart: { minimumQuantity: 2, minimumSpend: 10 } } }],
    });
    expect(properties(failures)).toEqual(["rules[0].condition.cart.minimumQuantity"]);
  });

  it("refuses items without a minimum quantity or spend", () => {
    const { failures } = check({
      ...automatic,
      rules: [{ ...cartValueRule, condition: { and: [{ cart: { items: { brands: [1] } } }] } }],
    });
    expect(properties(failures)).toEqual(["rules[0].condition.and[0].cart.items"]);
  });

  it("refuses groupIds together with excludedGroupIds", () => {
    const { failures } = check({ ...automatic, customer: { groupIds: [1], excludedGroupIds: [2] } });
    expect(properties(failures)).toEqual(["customer.excludedGroupIds"]);
  });

  it("refuses couponOverridesOtherPromotions while canBeUsedWithOtherPromotions is true (also by default)", () => {
    expect(properties(check({ ...coupon, couponOverridesOtherPromotions: false }).failures)).toEqual([
      "couponOverridesOtherPromotions",
    ]);
    expect(
      properties(
        check({ ...coupon, couponOverridesOtherPromotions: true, canBeUsedWithOtherPromotions: true }).failures,
      ),
    ).toEqual(["couponOverridesOtherPromotions"]);
    expect(
      check({ ...coupon, couponOverridesOtherPromotions: true, canBeUsedWithOtherPromotions: false }).failures,
    ).toEqual([]);
  });

  it("refuses a schedule without all its fields, naming each missing one", () => {
    const { failures } = check({ ...automatic, schedule: { weekFrequency: 1, weekDays: ["Monday"] } });
    expect(properties(failures).sort()).toEqual(["schedule.dailyEndTime", "schedule.dailyStartTime"]);
    expect(failures[0].reason).toMatch(/is required/);
  });

  it("refuses couponType and couponOverridesOtherPromotions on an AUTOMATIC promotion", () => {
    const { failures } = check({
      ...automatic,
      couponType: "SINGLE",
      canBeUsedWithOtherPromotions: false,
      couponOverridesOtherPromotions: true,
    });
    expect(properties(failures)).toEqual(["couponType", "couponOverridesOtherPromotions"]);
    expect(check({ ...coupon, couponType: "SINGLE" }).failures).toEqual([]);
  });

  it("refuses a redemption type or status outside the enum, and INVALID as a declared status", () => {
    expect(properties(check({ ...automatic, redemptionType: "MANUAL" }).failures)).toEqual(["redemptionType"]);
    expect(properties(check({ ...automatic, status: "INVALID" }).failures)).toEqual(["status"]);
  });

  it("refuses an action with two forms and a rule without an action", () => {
    const both = check(withAction({ cartValue: { discount: { fixedAmount: 1 } }, shipping: { zoneIds: [1] } }));
    expect(properties(both.failures)).toEqual(["rules[0].action"]);
    expect(properties(check({ ...automatic, rules: [{}] }).failures)).toEqual(["rules[0].action"]);
    expect(properties(check({ ...automatic, rules: [] }).failures)).toEqual(["rules"]);
  });

  it("refuses segments nested deeper than three levels", () => {
    const deep = { and: [{ id: ["a"] }, { or: [{ id: ["b"] }, { not: { and: [{ id: ["c"] }, { id: ["d"] }] } }] }] };
    const { failures } = check({ ...automatic, customer: { segments: deep } });
    expect(properties(failures)).toEqual(["customer.segments.and[1].or[1].not.and"]);
  });

  it("passes values that are still unknown (preview) and skips the cross rules about them", () => {
    const { inputs, failures } = check({
      ...coupon,
      rules: UNKNOWN,
      couponOverridesOtherPromotions: UNKNOWN,
      canBeUsedWithOtherPromotions: UNKNOWN,
    });
    expect(failures).toEqual([]);
    expect(inputs.rules).toBe(UNKNOWN);
    expect(
      check({ ...automatic, rules: [{ action: { cartValue: { discount: { fixedAmount: UNKNOWN } } } }] }).failures,
    ).toEqual([]);
  });

  it("reports every failure at once", () => {
    const { failures } = check({
      redemptionType: "AUTOMATIC",
      name: "",
      couponType: "BULK",
      customer: { groupIds: [1], excludedGroupIds: [2] },
      schedule: { weekFrequency: 0, weekDays: ["Monday"], dailyStartTime: "8:00", dailyEndTime: "20:00:00" },
      rules: [
        { action: { cartValue: { discount: { fixedAmount: "x" } } }, condition: { cart: { minimumQuantity: 1 } } },
        {
          action: {
            cartItems: {
              discount: { percentageAmount: 5, fixedAmount: 5 },
              items: { and: [{ or: [{ not: { not: { brands: [1] } } }] }] },
            },
          },
        },
      ],
      colour: "blue",
    });
    expect(properties(failures).sort()).toEqual(
      [
        "colour",
        "name",
        "customer.excludedGroupIds",
        "rules[0].action.cartValue.discount.fixedAmount",
        "rules[0].condition.cart.minimumQuantity",
        "rules[1].action.cartItems.discount",
        "rules[1].action.cartItems.items.and[0].or[0].not.not",
        "schedule.weekFrequency",
        "schedule.dailyStartTime",
        "couponType",
      ].sort(),
    );
    expect(failures.every((f) => f.reason.startsWith(`${f.property}: `))).toBe(true);
  });
});

describe("Promotion runtime handler", () => {
  configuredStore();

  it("is the check of the runtime's Promotion handler", async () => {
    const result = await handler("Promotion").check({}, { ...automatic, __provider: "x" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual(checked(automatic));
  });
});
