import { LocalStore } from "../../store/server";
import { stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-Promotion-Token-71c3b0e5aa";

/** An automatic promotion whose items are matched three levels deep. */
const winterAutomatic = {
  redemptionType: "AUTOMATIC",
  name: "Winter: 10% off coats and boots, not on sale brands",
  rules: [
    {
      action: {
        cartItems: {
          discount: { percentageAmount: "10" },
          items: {
            and: [{ or: [{ categories: [18] }, { categories: [23] }] }, { not: { brands: [7] } }],
          },
        },
      },
      condition: { cart: { minimumSpend: 50 } },
    },
  ],
};

const vipCoupon = {
  redemptionType: "COUPON",
  name: "VIP 20 off",
  couponType: "SINGLE",
  canBeUsedWithOtherPromotions: false,
  rules: [{ action: { cartValue: { discount: { fixedAmount: 20 } } } }],
};

describe("Promotion with the real Pulumi engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;
  /** What the program declares now. */
  let declared: Record<string, unknown> = { winterAutomatic, vipCoupon };

  beforeAll(async () => {
    ({ store, stack } = await storeAndStack({
      name: "promotion",
      program: "promotions",
      programArgs: { promotions: declared },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  const promos = () => store.state.data.promotions as Array<Record<string, any>>;
  const steps = (r: Parameters<typeof stepsOf>[0]) => stepsOf(r, "Promotion");
  const byName = (name: string) => promos().find((p) => p.name === name);

  test("up creates an automatic promotion with nested item matchers and a coupon promotion", async () => {
    const r = await stack.ok("up");
    expect(steps(r).map((s) => s.op)).toEqual(["create", "create"]);
    expect(promos()).toHaveLength(2);
    const auto = byName(winterAutomatic.name);
    expect(auto?.redemption_type).toBe("AUTOMATIC");
    expect(auto?.rules[0].action.cart_items.items).toEqual({
      and: [{ or: [{ categories: [18] }, { categories: [23] }] }, { not: { brands: [7] } }],
    });
    expect(byName(vipCoupon.name)).toMatchObject({ redemption_type: "COUPON", coupon_type: "SINGLE" });
  });

  test("a second preview after up shows no change (store defaults included)", async () => {
    const r = await stack.ok("preview", { expectNoChanges: true });
    expect(steps(r).map((s) => s.op)).toEqual(["same", "same"]);
  });

  test("one rule edited in place previews one update of rules, and up applies it", async () => {
    const edited = structuredClone(winterAutomatic);
    edited.rules[0].action.cartItems.discount = { percentageAmount: "15" };
    declared = { ...declared, winterAutomatic: edited };
    stack.setProgramArgs({ promotions: declared });
    const r = await stack.ok("preview");
    expect(
      steps(r)
        .filter((s) => s.op !== "same")
        .map((s) => [s.op, s.changed]),
    ).toEqual([["update", ["rules"]]]);
    await stack.ok("up");
    expect(byName(winterAutomatic.name)?.rules[0].action.cart_items.discount.percentage_amount).toBe("15");
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("an edit made directly in the store is shown by refresh and reverted by up", async () => {
    const vip = byName(vipCoupon.name);
    await fetch(`${store.url}/__admin/promotions/${vip?.id}`, {
      method: "PATCH",
      body: JSON.stringify({ status: "DISABLED" }),
    });
    const preview = await stack.ok("previewRefresh");
    expect(
      steps(preview)
        .filter((s) => s.op === "update")
        .map((s) => s.changed),
    ).toEqual([["status"]]);
    await stack.ok("up", { refresh: true });
    expect(byName(vipCoupon.name)?.status).toBe("ENABLED");
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("a couponType change replaces the promotion", async () => {
    const oldId = byName(vipCoupon.name)?.id;
    declared = { ...declared, vipCoupon: { ...vipCoupon, couponType: "BULK" } };
    stack.setProgramArgs({ promotions: declared });
    const r = await stack.ok("preview");
    expect(steps(r).map((s) => s.op)).toContain("replace");
    await stack.ok("up");
    const vip = byName(vipCoupon.name);
    expect(vip?.coupon_type).toBe("BULK");
    expect(vip?.id).not.toBe(oldId);
    expect(promos()).toHaveLength(2);
  });

  test("destroy leaves no promotion and no code in the store", async () => {
    await stack.ok("destroy");
    expect(promos()).toHaveLength(0);
    expect(store.state.data.promotion_codes).toHaveLength(0);
  });
});
