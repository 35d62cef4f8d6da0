/**
 * Deletion policy with the real Pulumi engine: coupons and promotions customers have used are
 * disabled (default), retained or deleted by `pulumi destroy` as their `deletionPolicy` says,
 * and the destroy says so; unused ones are deleted.
 */
import { LocalStore } from "../../store/server";
import { stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-Deletion-Token-7c1e9a";

const coupon = (code: string, deletionPolicy?: string) => ({
  name: `Coupon ${code}`,
  code,
  type: "per_total_discount",
  amount: 5,
  appliesTo: { entity: "products", ids: [7] },
  ...(deletionPolicy ? { deletionPolicy } : {}),
});

const promotion = (name: string, deletionPolicy?: string) => ({
  redemptionType: "AUTOMATIC",
  name,
  rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  ...(deletionPolicy ? { deletionPolicy } : {}),
});

async function patch(store: LocalStore, collection: string, id: number, body: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${store.url}/__admin/${collection}/${id}`, { method: "PATCH", body: JSON.stringify(body) });
  expect(r.ok).toBe(true);
}

describe("deletionPolicy of coupons with the real engine", () => {
  let store: LocalStore;
  let stack: TestStack;

  beforeAll(async () => {
    ({ store, stack } = await storeAndStack({
      name: "delpol-coupons",
      program: "coupons",
      programArgs: {
        coupons: {
          byDefault: coupon("USEDDEFAULT"),
          retained: coupon("USEDRETAIN", "retain"),
          deleted: coupon("USEDDELETE", "delete"),
          unused: coupon("UNUSED", "retain"),
        },
      },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await store?.close();
  });

  const byCode = (code: string) => store.state.data.coupons.find((c) => c.code === code);

  test("up creates four coupons; customers use three of them", async () => {
    await stack.ok("up");
    expect(store.state.data.coupons).toHaveLength(4);
    for (const code of ["USEDDEFAULT", "USEDRETAIN", "USEDDELETE"])
      await patch(store, "coupons", byCode(code)!.id, { num_uses: 3 });
  });

  test("changing a policy is an update of state alone: no request to the store", async () => {
    stack.setProgramArgs({
      coupons: {
        byDefault: coupon("USEDDEFAULT", "disable"),
        retained: coupon("USEDRETAIN", "retain"),
        deleted: coupon("USEDDELETE", "delete"),
        unused: coupon("UNUSED", "delete"),
      },
    });
    // an omitted policy is "disable": declaring it is no change
    const preview = await stack.ok("preview");
    expect(
      stepsOf(preview)
        .filter((s) => s.op === "update")
        .map((s) => s.changed),
    ).toEqual([["deletionPolicy"]]);
    const before = store.stats.byMethod.PUT ?? 0;
    await stack.ok("up");
    expect(store.stats.byMethod.PUT ?? 0).toBe(before);
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("destroy disables the used default-policy coupon, leaves the retained one, deletes the rest, and says so", async () => {
    const retainedBefore = JSON.stringify(byCode("USEDRETAIN"));
    const r = await stack.ok("destroy");
    expect(stepsOf(r).map((s) => s.op)).toEqual(["delete", "delete", "delete", "delete"]);
    expect(byCode("USEDDEFAULT")).toMatchObject({
      enabled: false,
      num_uses: 3,
      applies_to: { entity: "products", ids: [7] },
    });
    expect(JSON.stringify(byCode("USEDRETAIN"))).toBe(retainedBefore);
    expect(byCode("USEDDELETE")).toBeUndefined();
    expect(byCode("UNUSED")).toBeUndefined();
    const text = r.stdout + r.stderr;
    expect(text).toMatch(
      /coupon USEDDEFAULT \(id \d+\) has been used 3 times: disabled, not deleted \(deletionPolicy "disable"\)/,
    );
    expect(text).toMatch(
      /coupon USEDRETAIN \(id \d+\) has been used 3 times: left in the store as it is, not deleted \(deletionPolicy "retain"\)/,
    );
  });
});

describe("deletionPolicy of promotions with the real engine", () => {
  let store: LocalStore;
  let stack: TestStack;

  beforeAll(async () => {
    ({ store, stack } = await storeAndStack({
      name: "delpol-promotions",
      program: "promotions",
      programArgs: {
        promotions: {
          byDefault: promotion("Used default"),
          retained: promotion("Used retain", "retain"),
          deleted: promotion("Used delete", "delete"),
          unused: promotion("Unused"),
        },
      },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await store?.close();
  });

  const byName = (name: string) => store.state.data.promotions.find((p) => p.name === name);

  test("destroy disables, retains or deletes the used promotions by policy, and deletes the unused one", async () => {
    await stack.ok("up");
    expect(store.state.data.promotions).toHaveLength(4);
    for (const name of ["Used default", "Used retain", "Used delete"])
      await patch(store, "promotions", byName(name)!.id, { current_uses: 2 });
    const r = await stack.ok("destroy");
    expect(stepsOf(r, "Promotion").map((s) => s.op)).toEqual(["delete", "delete", "delete", "delete"]);
    expect(byName("Used default")).toMatchObject({ status: "DISABLED", current_uses: 2 });
    expect(byName("Used retain")).toMatchObject({ status: "ENABLED", current_uses: 2 });
    expect(byName("Used delete")).toBeUndefined();
    expect(byName("Unused")).toBeUndefined();
    expect(r.stdout + r.stderr).toMatch(
      /promotion "Used default" \(id \d+\) has been used 2 times: disabled, not deleted \(deletionPolicy "disable"\)/,
    );
  });
});
