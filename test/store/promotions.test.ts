/**
 * The local store's v3 promotions API over real HTTP: the model's validation (422 naming the
 * field path), the defaults the store fills in, listing with filters and pagination, updates that
 * cannot change redemption_type or coupon_type, delete semantics, the admin edit and the cap of
 * 40 concurrent requests.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { useFakeClock } from "../fake-clock";
import { adminCall, expectV3Error, v3Caller } from "./http";

const call = v3Caller("test-token-promotions", "promo1");

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

const percentOffRule = { action: { cart_value: { discount: { percentage_amount: "10" } } } };

function automatic(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { redemption_type: "AUTOMATIC", name: "Ten percent off", rules: [percentOffRule], ...over };
}

function coupon(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { redemption_type: "COUPON", name: "Coupon promo", rules: [percentOffRule], ...over };
}

/** The fake clock's time in the "created now" tests, 456 ms past a second (the store keeps whole seconds). */
const NOW = Date.UTC(2024, 2, 5, 10, 20, 30, 456);
afterEach(() => jest.useRealTimers());

describe("v3 promotions of the local store", () => {
  let store: LocalStore;

  beforeEach(async () => {
    store = await startLocalStore({ quota: 100_000 });
  });

  afterEach(async () => {
    await store.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const a = await call(store, "POST", "/promotions", body);
    expect(a.status).toBe(201);
    return a.json.data as Record<string, any> & { id: number };
  };

  const invalidPost = async (body: Record<string, unknown>, field: string) => {
    const a = await call(store, "POST", "/promotions", body);
    expectV3Error(a, 422, [field]);
    return a;
  };

  describe("create", () => {
    test("an automatic promotion comes back as {data, meta} with the store's defaults filled in", async () => {
      useFakeClock(NOW);
      const a = await call(store, "POST", "/promotions", automatic());
      expect(a.status).toBe(201);
      expect(a.json.meta).toEqual({});
      const p = a.json.data;
      expect(typeof p.id).toBe("number");
      expect(p).toMatchObject({
        redemption_type: "AUTOMATIC",
        name: "Ten percent off",
        channels: [],
        customer: { group_ids: [], excluded_group_ids: [], minimum_order_count: 0 },
        rules: [{ action: { cart_value: { discount: { percentage_amount: "10" } } }, apply_once: true, stop: false }],
        current_uses: 0,
        status: "ENABLED",
        end_date: null,
        stop: false,
        can_be_used_with_other_promotions: true,
        currency_code: "*",
        notifications: [],
        created_from: "api",
      });
      expect(p.start_date).toMatch(ISO_UTC);
      expect(p.start_date).toBe("2024-03-05T10:20:30+00:00"); // the fake clock's now
      expect(p).not.toHaveProperty("coupon_type");
    });

    test("a coupon promotion defaults to coupon_type SINGLE and no overrides", async () => {
      const p = await create(coupon());
      expect(p).toMatchObject({
        redemption_type: "COUPON",
        coupon_type: "SINGLE",
        coupon_overrides_other_promotions: false,
        coupon_overrides_automatic_when_offering_higher_discounts: false,
        multiple_codes: { has_multiple_codes: false },
      });
    });

    test("given fields are kept, dates normalised to UTC", async () => {
      const p = await create(
        coupon({
          coupon_type: "BULK",
          display_name: "Save big",
          channels: [{ id: 1 }, { id: 2 }],
          customer: { group_ids: [1, 2], minimum_order_count: 3 },
          max_uses: 10,
          status: "DISABLED",
          start_date: "2030-01-01T10:00:00+02:00",
          end_date: "2030-02-01T00:00:00Z",
          currency_code: "USD",
          can_be_used_with_other_promotions: false,
          coupon_overrides_other_promotions: true,
        }),
      );
      expect(p).toMatchObject({
        coupon_type: "BULK",
        display_name: "Save big",
        channels: [{ id: 1 }, { id: 2 }],
        customer: { group_ids: [1, 2], excluded_group_ids: [], minimum_order_count: 3 },
        max_uses: 10,
        status: "DISABLED",
        start_date: "2030-01-01T08:00:00+00:00",
        end_date: "2030-02-01T00:00:00+00:00",
        currency_code: "USD",
        can_be_used_with_other_promotions: false,
        coupon_overrides_other_promotions: true,
      });
    });

    test("every documented action kind, item matchers with and/or/not and conditions are accepted", async () => {
      const rules = [
        {
          action: {
            cart_items: {
              discount: { fixed_amount: "5.50" },
              items: { and: [{ brands: [1] }, { not: { products: [9] } }] },
              strategy: "LEAST_EXPENSIVE",
              quantity: 2,
            },
          },
          condition: { cart: { items: { or: [{ categories: [3] }, { variants: [4] }] }, minimum_quantity: 2 } },
          apply_once: false,
          stop: true,
        },
        {
          action: { gift_item: { quantity: 1, product_id: 12 } },
          condition: {
            and: [{ cart: { minimum_spend: "100" } }, { cart: { items: { products: [1] }, minimum_quantity: 1 } }],
          },
        },
        {
          action: {
            fixed_price_set: {
              quantity: 3,
              fixed_price: "20",
              items: { product_option: { type: "string_match", name: "Color", values: ["Red"] } },
            },
          },
        },
        { action: { shipping: { zone_ids: "*", free_shipping: true } } },
        { action: { shipping: { zone_ids: [1, 2] } } },
        { action: { cart_value: { discount: { fixed_amount: "7" }, maximum_allowed_discount_amount: "50" } } },
      ];
      const p = await create(automatic({ rules }));
      expect(p.rules).toHaveLength(6);
      expect(p.rules[0]).toMatchObject({ apply_once: false, stop: true, condition: rules[0].condition });
      expect(p.rules[2].action.fixed_price_set.include_items_considered_by_condition).toBe(true);
      expect(p.rules[3]).toMatchObject({ action: { shipping: { zone_ids: "*" } }, apply_once: true });
    });

    test("a code given with a coupon promotion is created as its first code", async () => {
      const p = await create(coupon({ codes: { code: "WELCOME10", max_uses: 5 } }));
      const codes = await call(store, "GET", `/promotions/${p.id}/codes`);
      expect(codes.json.data).toEqual([
        expect.objectContaining({ code: "WELCOME10", max_uses: 5, max_uses_per_customer: 0, current_uses: 0 }),
      ]);
    });
  });

  describe("validation: 422 naming the field path", () => {
    test("redemption_type is required and must be AUTOMATIC or COUPON", async () => {
      await invalidPost({ name: "x", rules: [percentOffRule] }, "redemption_type");
      await invalidPost(automatic({ redemption_type: "MANUAL" }), "redemption_type");
    });

    test("name is required", async () => {
      await invalidPost({ redemption_type: "AUTOMATIC", rules: [percentOffRule] }, "name");
      await invalidPost(automatic({ name: "  " }), "name");
    });

    test("rules are required with at least one rule", async () => {
      await invalidPost({ redemption_type: "AUTOMATIC", name: "x" }, "rules");
      await invalidPost(automatic({ rules: [] }), "rules");
    });

    test("a rule needs exactly one action of a documented kind", async () => {
      await invalidPost(automatic({ rules: [{ condition: { cart: { minimum_spend: "10" } } }] }), "rules[0].action");
      await invalidPost(automatic({ rules: [percentOffRule, { action: {} }] }), "rules[1].action");
      await invalidPost(
        automatic({
          rules: [{ action: { cart_value: { discount: { fixed_amount: "1" } }, shipping: { zone_ids: "*" } } }],
        }),
        "rules[0].action",
      );
      await invalidPost(automatic({ rules: [{ action: { teleport: {} } }] }), "rules[0].action.teleport");
    });

    test("money values must be strings of decimal numbers", async () => {
      await invalidPost(
        automatic({ rules: [{ action: { cart_value: { discount: { fixed_amount: 5 } } } }] }),
        "rules[0].action.cart_value.discount.fixed_amount",
      );
      await invalidPost(
        automatic({ rules: [{ action: { cart_value: { discount: { fixed_amount: "5,00" } } } }] }),
        "rules[0].action.cart_value.discount.fixed_amount",
      );
      await invalidPost(
        automatic({
          rules: [
            {
              action: { cart_value: { discount: { fixed_amount: "5" } } },
              condition: { cart: { minimum_spend: 100 } },
            },
          ],
        }),
        "rules[0].condition.cart.minimum_spend",
      );
      await invalidPost(
        automatic({ rules: [{ action: { fixed_price_set: { quantity: 1 } } }] }),
        "rules[0].action.fixed_price_set.fixed_price",
      );
    });

    test("a discount is one of fixed_amount or percentage_amount, a percentage at most 100", async () => {
      await invalidPost(automatic({ rules: [{ action: { cart_value: {} } }] }), "rules[0].action.cart_value.discount");
      await invalidPost(
        automatic({ rules: [{ action: { cart_value: { discount: { fixed_amount: "1", percentage_amount: "2" } } } }] }),
        "rules[0].action.cart_value.discount",
      );
      await invalidPost(
        automatic({ rules: [{ action: { cart_items: { discount: { percentage_amount: "150" } } } }] }),
        "rules[0].action.cart_items.discount.percentage_amount",
      );
    });

    test("item matchers take one kind each and nest and/or/not at most three levels", async () => {
      const withItems = (items: unknown) =>
        automatic({ rules: [{ action: { cart_items: { discount: { percentage_amount: "5" }, items } } }] });
      await invalidPost(withItems({ brands: [1], products: [2] }), "rules[0].action.cart_items.items");
      await invalidPost(withItems({ and: [{ brands: ["x"] }] }), "rules[0].action.cart_items.items.and[0].brands");
      await invalidPost(withItems({ or: [] }), "rules[0].action.cart_items.items.or");
      const deepest = { not: { not: { not: { products: [1] } } } };
      expect((await call(store, "POST", "/promotions", withItems(deepest))).status).toBe(201);
      await invalidPost(withItems({ not: deepest }), "rules[0].action.cart_items.items.not.not.not.not");
    });

    test("minimum_quantity goes only with items in a cart condition, and items need a minimum", async () => {
      await invalidPost(
        automatic({ rules: [{ action: percentOffRule.action, condition: { cart: { minimum_quantity: 2 } } }] }),
        "rules[0].condition.cart.minimum_quantity",
      );
      await invalidPost(
        automatic({ rules: [{ action: percentOffRule.action, condition: { cart: { items: { brands: [1] } } } }] }),
        "rules[0].condition.cart.minimum_quantity",
      );
      await invalidPost(
        automatic({
          rules: [
            {
              action: percentOffRule.action,
              condition: { and: [{ cart: { minimum_spend: "1" } }, { cart: { minimum_quantity: 1 } }] },
            },
          ],
        }),
        "rules[0].condition.and[1].cart.minimum_quantity",
      );
    });

    test("shipping zone_ids are '*' or distinct positive ids; gift items need a quantity", async () => {
      await invalidPost(automatic({ rules: [{ action: { shipping: {} } }] }), "rules[0].action.shipping.zone_ids");
      await invalidPost(
        automatic({ rules: [{ action: { shipping: { zone_ids: [1, 1] } } }] }),
        "rules[0].action.shipping.zone_ids",
      );
      await invalidPost(
        automatic({ rules: [{ action: { gift_item: { product_id: 3 } } }] }),
        "rules[0].action.gift_item.quantity",
      );
    });

    test("customer group_ids and excluded_group_ids cannot be given together", async () => {
      await invalidPost(
        automatic({ customer: { group_ids: [1], excluded_group_ids: [2] } }),
        "customer.excluded_group_ids",
      );
      const p = await create(automatic({ customer: { group_ids: [], excluded_group_ids: [2] } }));
      expect(p.customer.excluded_group_ids).toEqual([2]);
    });

    test("status is ENABLED or DISABLED on writes: INVALID is the store's to set", async () => {
      await invalidPost(automatic({ status: "INVALID" }), "status");
      await invalidPost(automatic({ status: "enabled" }), "status");
    });

    test("coupon overrides are refused while the promotion can be combined with others, and on automatic promotions", async () => {
      await invalidPost(
        coupon({ coupon_overrides_automatic_when_offering_higher_discounts: true }),
        "coupon_overrides_automatic_when_offering_higher_discounts",
      );
      await invalidPost(
        coupon({ coupon_overrides_other_promotions: true, can_be_used_with_other_promotions: true }),
        "coupon_overrides_other_promotions",
      );
      await invalidPost(
        automatic({ can_be_used_with_other_promotions: false, coupon_overrides_other_promotions: true }),
        "coupon_overrides_other_promotions",
      );
      const p = await create(
        coupon({
          can_be_used_with_other_promotions: false,
          coupon_overrides_automatic_when_offering_higher_discounts: true,
        }),
      );
      expect(p.coupon_overrides_automatic_when_offering_higher_discounts).toBe(true);
    });

    test("coupon_type is SINGLE or BULK and only for coupon promotions", async () => {
      await invalidPost(coupon({ coupon_type: "MULTI" }), "coupon_type");
      await invalidPost(automatic({ coupon_type: "BULK" }), "coupon_type");
    });

    test("dates, channels, currency and unknown fields are checked; every problem is reported at once", async () => {
      const a = await invalidPost(
        automatic({
          start_date: "yesterday",
          channels: [1],
          currency_code: "usd",
          colour: "red",
          schedule: { week_frequency: 0 },
        }),
        "start_date",
      );
      expect(Object.keys(a.json.errors)).toEqual(
        expect.arrayContaining([
          "channels",
          "currency_code",
          "colour",
          "schedule.week_frequency",
          "schedule.week_days",
          "schedule.daily_start_time",
        ]),
      );
      await invalidPost(
        automatic({ start_date: "2030-01-02T00:00:00Z", end_date: "2030-01-01T00:00:00Z" }),
        "end_date",
      );
    });

    test("an invalid promotion is not stored", async () => {
      await invalidPost(automatic({ rules: [] }), "rules");
      const list = await call(store, "GET", "/promotions");
      expect(list.json.data).toEqual([]);
    });
  });

  describe("read and list", () => {
    test("GET /promotions/{id} answers the promotion; a missing or malformed id is a v3 404", async () => {
      const p = await create(automatic());
      const a = await call(store, "GET", `/promotions/${p.id}`);
      expect(a.status).toBe(200);
      expect(a.json).toEqual({ data: p, meta: {} });
      expectV3Error(await call(store, "GET", "/promotions/999"), 404);
      expectV3Error(await call(store, "GET", "/promotions/abc"), 404);
    });

    test("the list is paged with page/limit and meta.pagination", async () => {
      for (let i = 1; i <= 5; i++) await create(automatic({ name: `P${i}` }));
      const a = await call(store, "GET", "/promotions?limit=2&page=2");
      expect(a.status).toBe(200);
      expect(a.json.data.map((p: any) => p.name)).toEqual(["P3", "P4"]);
      expect(a.json.meta.pagination).toEqual({
        total: 5,
        count: 2,
        per_page: 2,
        current_page: 2,
        total_pages: 3,
        links: { previous: "?page=1&limit=2", current: "?page=2&limit=2", next: "?page=3&limit=2" },
      });
      const empty = await call(store, "GET", "/promotions?page=9");
      expect(empty.status).toBe(200);
      expect(empty.json.data).toEqual([]);
      expectV3Error(await call(store, "GET", "/promotions?limit=251"), 422, ["limit"]);
    });

    test("filters by id, name, currency_code, redemption_type, status, code, query and channels", async () => {
      const a = await create(automatic({ name: "Alpha", currency_code: "USD", channels: [{ id: 1 }] }));
      const b = await create(
        coupon({ name: "Beta", status: "DISABLED", channels: [{ id: 2 }], codes: { code: "BETA-CODE" } }),
      );
      const c = await create(automatic({ name: "Gamma" }));
      const names = async (query: string) =>
        (await call(store, "GET", `/promotions?${query}`)).json.data.map((p: any) => p.name);
      expect(await names(`id=${b.id}`)).toEqual(["Beta"]);
      expect(await names("name=Gamma")).toEqual(["Gamma"]);
      expect(await names("currency_code=USD")).toEqual(["Alpha"]);
      expect(await names("redemption_type=coupon")).toEqual(["Beta"]);
      expect(await names("redemption_type=automatic")).toEqual(["Alpha", "Gamma"]);
      expect(await names("status=DISABLED")).toEqual(["Beta"]);
      expect(await names("code=beta-code")).toEqual(["Beta"]);
      expect(await names("query=amm")).toEqual(["Gamma"]);
      expect(await names("query=BETA-C")).toEqual(["Beta"]);
      // promotions that target all channels match every channel filter
      expect(await names("channels=1")).toEqual(["Alpha", "Gamma"]);
      expect(await names("channels=2,3")).toEqual(["Beta", "Gamma"]);
      expect(c.channels).toEqual([]);
      expect(a.id).toBeLessThan(b.id);
      expectV3Error(await call(store, "GET", "/promotions?redemption_type=manual"), 422, ["redemption_type"]);
    });

    test("sort and direction order the list; unknown ones are a 422", async () => {
      await create(automatic({ name: "b" }));
      await create(automatic({ name: "c" }));
      await create(automatic({ name: "a" }));
      const names = async (query: string) =>
        (await call(store, "GET", `/promotions?${query}`)).json.data.map((p: any) => p.name);
      expect(await names("")).toEqual(["b", "c", "a"]);
      expect(await names("sort=name")).toEqual(["a", "b", "c"]);
      expect(await names("sort=name&direction=desc")).toEqual(["c", "b", "a"]);
      expect(await names("direction=desc")).toEqual(["a", "c", "b"]);
      expectV3Error(await call(store, "GET", "/promotions?sort=colour"), 422, ["sort"]);
    });
  });

  describe("update", () => {
    test("PUT overlays the given fields and keeps the rest", async () => {
      const p = await create(coupon({ display_name: "Old", max_uses: 3 }));
      const a = await call(store, "PUT", `/promotions/${p.id}`, { name: "Renamed", status: "DISABLED" });
      expect(a.status).toBe(200);
      expect(a.json.data).toMatchObject({
        id: p.id,
        name: "Renamed",
        status: "DISABLED",
        display_name: "Old",
        max_uses: 3,
        coupon_type: "SINGLE",
      });
      expect((await call(store, "GET", `/promotions/${p.id}`)).json.data.name).toBe("Renamed");
    });

    test("redemption_type and coupon_type cannot change (422), though repeating them is fine", async () => {
      const p = await create(coupon({ coupon_type: "BULK" }));
      expectV3Error(await call(store, "PUT", `/promotions/${p.id}`, { redemption_type: "AUTOMATIC" }), 422, [
        "redemption_type",
      ]);
      expectV3Error(await call(store, "PUT", `/promotions/${p.id}`, { coupon_type: "SINGLE" }), 422, ["coupon_type"]);
      const same = await call(store, "PUT", `/promotions/${p.id}`, {
        redemption_type: "COUPON",
        coupon_type: "BULK",
        name: "Same types",
      });
      expect(same.status).toBe(200);
      expect(same.json.data).toMatchObject({ redemption_type: "COUPON", coupon_type: "BULK", name: "Same types" });
      const auto = await create(automatic());
      expectV3Error(await call(store, "PUT", `/promotions/${auto.id}`, { coupon_type: "SINGLE" }), 422, [
        "coupon_type",
      ]);
    });

    test("PUT validates the result like a create and leaves the promotion untouched when invalid", async () => {
      const p = await create(automatic({ customer: { group_ids: [1] } }));
      expectV3Error(
        await call(store, "PUT", `/promotions/${p.id}`, { customer: { excluded_group_ids: [4], group_ids: [1] } }),
        422,
        ["customer.excluded_group_ids"],
      );
      expectV3Error(
        await call(store, "PUT", `/promotions/${p.id}`, { rules: [{ action: { cart_value: {} } }], name: "Changed" }),
        422,
        ["rules[0].action.cart_value.discount"],
      );
      expect((await call(store, "GET", `/promotions/${p.id}`)).json.data).toEqual(p);
    });

    test("PUT cannot set INVALID or write the read-only counters", async () => {
      const p = await create(automatic());
      expectV3Error(await call(store, "PUT", `/promotions/${p.id}`, { status: "INVALID" }), 422, ["status"]);
      const a = await call(store, "PUT", `/promotions/${p.id}`, {
        current_uses: 99,
        created_from: "react_ui",
        id: 1234,
      });
      expect(a.status).toBe(200);
      expect(a.json.data).toMatchObject({ id: p.id, current_uses: 0, created_from: "api" });
    });

    test("PUT of a missing promotion is a 404", async () => {
      expectV3Error(await call(store, "PUT", "/promotions/77", { name: "x" }), 404);
    });
  });

  describe("delete", () => {
    test("DELETE /promotions/{id} answers 204, also for a missing promotion", async () => {
      const p = await create(automatic());
      const a = await call(store, "DELETE", `/promotions/${p.id}`);
      expect(a.status).toBe(204);
      expect(a.text).toBe("");
      expectV3Error(await call(store, "GET", `/promotions/${p.id}`), 404);
      expect((await call(store, "DELETE", `/promotions/${p.id}`)).status).toBe(204);
      expect((await call(store, "DELETE", "/promotions/4242")).status).toBe(204);
    });

    test("a promotion that still has codes is not deleted (422) until its codes are gone", async () => {
      const p = await create(coupon({ codes: { code: "KEEPME" } }));
      const refused = await call(store, "DELETE", `/promotions/${p.id}`);
      expectV3Error(refused, 422, ["codes"]);
      expect(refused.json.title).toMatch(/codes/);
      expect((await call(store, "GET", `/promotions/${p.id}`)).status).toBe(200);
      const codes = await call(store, "GET", `/promotions/${p.id}/codes`);
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes/${codes.json.data[0].id}`)).status).toBe(204);
      expect((await call(store, "DELETE", `/promotions/${p.id}`)).status).toBe(204);
      expectV3Error(await call(store, "GET", `/promotions/${p.id}`), 404);
    });

    test("DELETE /promotions?id:in= deletes the listed promotions", async () => {
      const a = await create(automatic({ name: "a" }));
      const b = await create(automatic({ name: "b" }));
      const c = await create(automatic({ name: "c" }));
      const del = await call(store, "DELETE", `/promotions?id:in=${a.id},${c.id},999`);
      expect(del.status).toBe(204);
      expect((await call(store, "GET", "/promotions")).json.data.map((p: any) => p.id)).toEqual([b.id]);
    });

    test("bulk delete without id:in, or over 50 ids, is a 422 in the bulk shape", async () => {
      const missing = await call(store, "DELETE", "/promotions");
      expect(missing.status).toBe(422);
      expect(missing.json.errors[0]).toMatchObject({ status: 422, title: expect.stringContaining("id:in") });
      expect(missing.json.meta).toEqual({ total: 0, success: 0, failed: 0 });
      expect((await call(store, "DELETE", "/promotions?id:in=a,b")).status).toBe(422);
      const ids = Array.from({ length: 51 }, (_, i) => i + 1).join(",");
      expect((await call(store, "DELETE", `/promotions?id:in=${ids}`)).status).toBe(422);
    });

    test("bulk delete keeps the promotions that still have codes and reports them by index", async () => {
      const a = await create(automatic());
      const b = await create(coupon({ codes: { code: "STILL-HERE" } }));
      const del = await call(store, "DELETE", `/promotions?id:in=${a.id},${b.id}`);
      expect(del.status).toBe(422);
      expect(del.json.meta).toEqual({ total: 2, success: 1, failed: 1 });
      expect(Object.keys(del.json.errors[0].errors)).toEqual(["1.code"]);
      expect((await call(store, "GET", "/promotions")).json.data.map((p: any) => p.id)).toEqual([b.id]);
    });
  });

  describe("admin and errors", () => {
    test("PATCH /__admin/promotions/{id} edits read-only fields such as status INVALID and current_uses", async () => {
      const p = await create(automatic());
      const a = await adminCall(store, "PATCH", `/promotions/${p.id}`, { status: "INVALID", current_uses: 4 });
      expect(a.status).toBe(200);
      const got = (await call(store, "GET", `/promotions/${p.id}`)).json.data;
      expect(got).toMatchObject({ status: "INVALID", current_uses: 4 });
      // a PUT that leaves an INVALID status alone is fine; enabling it again is too
      expect((await call(store, "PUT", `/promotions/${p.id}`, { name: "Still invalid" })).status).toBe(200);
      expect((await call(store, "PUT", `/promotions/${p.id}`, { status: "ENABLED" })).json.data.status).toBe("ENABLED");
      expect((await adminCall(store, "PATCH", "/promotions/999", { status: "INVALID" })).status).toBe(404);
    });

    test("a request without a token, or with a malformed body, gets a v3 error", async () => {
      expectV3Error(await call(store, "GET", "/promotions", undefined, null), 401);
      const res = await fetch(`${store.url}/stores/promo1/v3/promotions`, {
        method: "POST",
        headers: { "X-Auth-Token": "t", "Content-Type": "application/json" },
        body: "{not json",
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ status: 400, title: expect.any(String), errors: {} });
      expectV3Error(await call(store, "PATCH", "/promotions"), 405);
    });
  });
});

describe("persistence of promotions", () => {
  test("promotions and their codes survive a restart with a data file, and ids keep counting", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promo-store-"));
    const dataFile = path.join(dir, "data.json");
    try {
      let store = await startLocalStore({ quota: 100_000, dataFile });
      const first = (await call(store, "POST", "/promotions", coupon({ codes: { code: "PERSIST" } }))).json.data;
      await store.close();
      store = await startLocalStore({ quota: 100_000, dataFile });
      try {
        expect((await call(store, "GET", `/promotions/${first.id}`)).json.data).toEqual(first);
        expect((await call(store, "GET", `/promotions/${first.id}/codes`)).json.data.map((c: any) => c.code)).toEqual([
          "PERSIST",
        ]);
        const second = (await call(store, "POST", "/promotions", automatic())).json.data;
        expect(second.id).toBe(first.id + 1);
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("concurrency cap of the promotions endpoints", () => {
  test("past 40 requests in flight the excess gets a v3 429; the rest are answered 200", async () => {
    const store = await startLocalStore({ quota: 100_000, latencyMs: 300 });
    try {
      const answers = await Promise.all(Array.from({ length: 45 }, () => call(store, "GET", "/promotions")));
      const ok = answers.filter((a) => a.status === 200);
      const limited = answers.filter((a) => a.status === 429);
      expect(ok).toHaveLength(40);
      expect(limited).toHaveLength(5);
      for (const a of limited) {
        expectV3Error(a, 429);
        expect(a.headers.get("X-Retry-After")).toBe("1");
      }
      // once the earlier ones are answered, slots are free again
      expect((await call(store, "GET", "/promotions")).status).toBe(200);
    } finally {
      await store.close();
    }
  });
});
