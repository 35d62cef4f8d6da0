import { couponKind } from "../../../provider/coupon/provider";
import { promotionFields } from "../../../provider/promotion/schema";
import { bannerKind } from "../../../provider/banner/provider";
import { declare, minimizeValue, verify } from "../../../tools/export/build";
import { schemaReference } from "../../../tools/export/yaml";
import * as path from "node:path";

describe("export: declarations from canonical values", () => {
  test("minimizeValue drops nested keys the schema fills back in identically, and keeps the rest", () => {
    const rules = promotionFields.rules.parse([
      { action: { cartItems: { discount: { percentageAmount: 20 }, excludeItemsOnSale: true } }, stop: true },
    ]);
    // the canonical form carries every default ...
    expect(rules[0]).toMatchObject({
      applyOnce: true,
      stop: true,
      action: { cartItems: { asTotal: false, addFreeItem: false } },
    });
    // ... the declaration only what differs from them
    const short = minimizeValue(promotionFields.rules, rules);
    expect(short).toEqual([
      { action: { cartItems: { discount: { percentageAmount: "20" }, excludeItemsOnSale: true } }, stop: true },
    ]);
    expect(promotionFields.rules.parse(short)).toEqual(rules);
  });

  test("a default that depends on where it sits is kept where it is not the default", () => {
    // fixedPriceSet's includeItemsConsideredByCondition defaults to true, cartItems' to false
    const canonical = promotionFields.rules.parse([
      { action: { fixedPriceSet: { quantity: 2, fixedPrice: "10", includeItemsConsideredByCondition: false } } },
    ]);
    expect(minimizeValue(promotionFields.rules, canonical)).toEqual([
      { action: { fixedPriceSet: { quantity: 2, fixedPrice: "10", includeItemsConsideredByCondition: false } } },
    ]);
  });

  test("declare leaves out top-level defaults and what it is told to, never adoption inputs", () => {
    const store = {
      name: "Spring",
      code: "SPRING",
      type: "per_item_discount",
      amount: "5.0000",
      minPurchase: "0.0000",
      expires: "",
      enabled: true,
      appliesTo: { entity: "categories", ids: [0] },
      maxUses: 0,
      maxUsesPerCustomer: 3,
      restrictedTo: {},
      shippingMethods: [],
      adoptId: 99,
    };
    expect(declare(couponKind, store)).toEqual({
      name: "Spring",
      code: "SPRING",
      type: "per_item_discount",
      amount: "5.0000",
      maxUsesPerCustomer: 3,
    });
    expect(declare(couponKind, store, ["code"])).not.toHaveProperty("code");
  });

  test("verify names the properties up would change and the values the resource refuses", () => {
    const store = {
      name: "B",
      content: "<p>x</p>",
      page: "home_page",
      location: "top",
      dateType: "always",
      dateFrom: "",
      dateTo: "",
      visible: true,
      itemId: 0,
    };
    expect(verify(bannerKind, declare(bannerKind, store), store)).toEqual([]);
    expect(verify(bannerKind, { ...declare(bannerKind, store), visible: false }, store)).toEqual([
      "visible: the store holds true, up would write false",
    ]);
    expect(
      verify(bannerKind, { ...declare(bannerKind, store), page: "cart_page" }, { ...store, page: "cart_page" }),
    ).toEqual([expect.stringMatching(/^the resource refuses the store's value: page: must be one of /)]);
  });

  test("the $schema reference is relative to the written file", () => {
    const schema = path.join("/repo", "schema", "campaign.schema.json");
    expect(schemaReference("/repo/campaigns/store.yaml", schema)).toBe("../schema/campaign.schema.json");
    expect(schemaReference("/repo/campaigns/prod/store.yaml", schema)).toBe("../../schema/campaign.schema.json");
    expect(schemaReference("/repo/store.yaml", schema)).toBe("schema/campaign.schema.json");
    expect(schemaReference(undefined, schema)).toBe("/repo/schema/campaign.schema.json");
  });
});
