import { LocalStore } from "../../store/server";
import { stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-CouponCodes-Token-5d1e9a2c47";

const promotion = {
  redemptionType: "COUPON",
  couponType: "BULK",
  name: "Spring campaign: 5 off",
  rules: [{ action: { cartValue: { discount: { fixedAmount: 5 } } } }],
};
const welcome = { code: "WELCOME5", maxUses: 100 };
const friends = { code: "FRIENDS5", maxUsesPerCustomer: 1 };
const bulk = { batchSize: 30, prefix: "SPRING", delimiter: "-", codeLength: 10 };

describe("CouponCode and BulkCouponCodes with the real Pulumi engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;
  let codes: Record<string, unknown> = { welcome, friends };

  beforeAll(async () => {
    ({ store, stack } = await storeAndStack({
      name: "coupon-codes",
      program: "coupon-campaign",
      programArgs: { promotion, codes, bulk },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  const storedCodes = () => store.state.data.promotion_codes as Array<Record<string, any>>;
  const byCode = (code: string) => storedCodes().find((c) => c.code === code);
  const generated = () => storedCodes().filter((c) => String(c.code).startsWith("SPRING-"));
  const ops = (r: Parameters<typeof stepsOf>[0]) =>
    r.steps
      .filter((s) => !s.type.endsWith(":Stack") && s.type !== "pulumi:providers:pulumi-nodejs")
      .map((s) => `${s.type.split(":").pop()}:${s.op}`);

  test("up creates the promotion, two codes and a batch of 30 generated codes", async () => {
    const r = await stack.ok("up");
    expect(ops(r).sort()).toEqual([
      "BulkCouponCodes:create",
      "CouponCode:create",
      "CouponCode:create",
      "Promotion:create",
    ]);
    const promo = store.state.data.promotions[0] as Record<string, any>;
    expect(store.state.data.promotions).toHaveLength(1);
    expect(byCode("WELCOME5")).toMatchObject({ promotion_id: promo.id, max_uses: 100 });
    expect(byCode("FRIENDS5")).toMatchObject({ promotion_id: promo.id, max_uses_per_customer: 1 });
    expect(generated()).toHaveLength(30);
    for (const c of generated()) expect(c.code).toMatch(/^SPRING-[A-Z0-9]{10}$/);
    expect(storedCodes()).toHaveLength(32);
  });

  test("a second preview shows no change", async () => {
    const r = await stack.ok("preview", { expectNoChanges: true });
    expect(ops(r).every((o) => o.endsWith(":same"))).toBe(true);
  });

  test("the exported state holds none of the generated codes in clear text", async () => {
    const r = await stack.ok("export");
    const text = JSON.stringify(r.deployment);
    expect(text).toContain("WELCOME5"); // sanity: the state is there
    for (const c of generated()) expect(text).not.toContain(c.code);
  });

  test("changing a code's maxUses replaces that code only", async () => {
    const oldId = byCode("WELCOME5")?.id;
    const friendsId = byCode("FRIENDS5")?.id;
    codes = { ...codes, welcome: { ...welcome, maxUses: 50 } };
    stack.setProgramArgs({ promotion, codes, bulk });
    const preview = await stack.ok("preview");
    const changed = stepsOf(preview, "CouponCode").filter((s) => s.op !== "same");
    expect(changed.map((s) => s.op)).toContain("replace");
    expect(new Set(changed.map((s) => s.urn.split("::").pop()))).toEqual(new Set(["welcome"]));
    expect(changed.find((s) => s.op === "replace")?.changed).toEqual(["maxUses"]);
    expect(ops(preview).filter((o) => !o.endsWith(":same") && !o.startsWith("CouponCode:"))).toEqual([]);
    await stack.ok("up");
    expect(byCode("WELCOME5")?.max_uses).toBe(50);
    expect(byCode("WELCOME5")?.id).not.toBe(oldId);
    expect(byCode("FRIENDS5")?.id).toBe(friendsId);
    expect(generated()).toHaveLength(30);
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("an update of the promotion previews and applies no change to its codes", async () => {
    const codeIds = storedCodes()
      .map((c) => c.id)
      .sort();
    const renamed = { ...promotion, name: "Spring campaign: 5 off, extended" };
    stack.setProgramArgs({ promotion: renamed, codes, bulk });
    const preview = await stack.ok("preview");
    expect(ops(preview).filter((o) => !o.endsWith(":same"))).toEqual(["Promotion:update"]);
    const up = await stack.ok("up");
    expect(ops(up).filter((o) => !o.endsWith(":same"))).toEqual(["Promotion:update"]);
    expect(
      storedCodes()
        .map((c) => c.id)
        .sort(),
    ).toEqual(codeIds);
    stack.setProgramArgs({ promotion, codes, bulk });
    await stack.ok("up");
  });

  test("refresh after codes were deleted in the store keeps the rest of the batch, still secret", async () => {
    const all = generated();
    const gone = new Set(all.slice(0, 10).map((c) => c.id));
    store.state.data.promotion_codes = store.state.data.promotion_codes.filter((c) => !gone.has(c.id));
    await stack.ok("refresh");
    const r = await stack.ok("export");
    const batch = (r.deployment as any).resources.find((x: any) => String(x.type).endsWith(":BulkCouponCodes"));
    expect(batch.outputs.codeIds).toEqual(all.slice(10).map((c) => c.id));
    const text = JSON.stringify(r.deployment);
    for (const c of all) expect(text).not.toContain(c.code);
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("destroy leaves no promotion and no code in the store", async () => {
    await stack.ok("destroy");
    expect(store.state.data.promotions).toHaveLength(0);
    expect(store.state.data.promotion_codes).toHaveLength(0);
  });
});
