import * as fs from "node:fs";
import * as path from "node:path";
import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore } from "../../store/server";
import { REPO, stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-Secret-Token-4f9c2a7b1d";
const STACK = `coupon-${process.pid}`;

const spring = {
  name: "Spring 15",
  code: "SPRING15",
  type: "percentage_discount",
  amount: "15",
  minPurchase: 25,
  expires: "2026-06-30",
  appliesTo: { entity: "categories", ids: [0] },
  maxUses: 100,
};

describe("Coupon with the real Pulumi engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;
  let api: BigCommerceClient;

  beforeAll(async () => {
    ({ store, stack, api } = await storeAndStack({
      name: "coupon",
      program: "coupons",
      programArgs: { coupons: { spring } },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  const coupons = () => store.state.data.coupons;

  test("up creates the coupon in the store with the declared values", async () => {
    const r = await stack.ok("up");
    expect(stepsOf(r).map((s) => s.op)).toEqual(["create"]);
    expect(coupons()).toHaveLength(1);
    expect(coupons()[0]).toMatchObject({
      name: "Spring 15",
      code: "SPRING15",
      type: "percentage_discount",
      amount: "15.0000",
      min_purchase: "25.0000",
      expires: "Tue, 30 Jun 2026 00:00:00 +0000",
      max_uses: 100,
    });
    expect((r.outputs?.spring as { id: number }).id).toBe(coupons()[0].id);
    // values left to the store's defaults are outputs too
    const res = (
      r.deployment as { resources: Array<{ type: string; outputs: Record<string, unknown> }> }
    ).resources.find((x) => x.type.endsWith(":Coupon"));
    expect(res?.outputs).toMatchObject({ enabled: true, maxUsesPerCustomer: 0, shippingMethods: [], restrictedTo: {} });
  });

  test("a second preview after up shows no change", async () => {
    const r = await stack.ok("preview", { expectNoChanges: true });
    expect(stepsOf(r).map((s) => s.op)).toEqual(["same"]);
  });

  test("the same values written differently are no change (5 vs '5.0000', two date formats)", async () => {
    stack.setProgramArgs({
      coupons: { spring: { ...spring, amount: 15, minPurchase: "25.00", expires: "Tue, 30 Jun 2026 00:00:00 GMT" } },
    });
    await stack.ok("preview", { expectNoChanges: true });
    stack.setProgramArgs({ coupons: { spring } });
  });

  test("customers using the coupon (numUses going up) is never a change", async () => {
    const id = coupons()[0].id;
    await fetch(`${store.url}/__admin/coupons/${id}`, { method: "PATCH", body: JSON.stringify({ num_uses: 7 }) });
    await stack.ok("previewRefresh", { expectNoChanges: true });
  });

  test("changing amount previews exactly one update, of that field", async () => {
    stack.setProgramArgs({ coupons: { spring: { ...spring, amount: "20" } } });
    const r = await stack.ok("preview");
    const steps = stepsOf(r);
    expect(steps.map((s) => s.op)).toEqual(["update"]);
    expect(steps[0].changed).toEqual(["amount"]);
    expect(r.changeSummary).toMatchObject({ update: 1 });
    expect(r.stdout).toMatch(/~ amount\s*: "15\.0000" => "20\.0000"/);
    await stack.ok("up");
    expect(coupons()[0].amount).toBe("20.0000");
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("an edit made directly in the store is shown by refresh and reverted by the next up", async () => {
    const c = coupons()[0];
    await api.put(`/v2/coupons/${c.id}`, { amount: "50", enabled: false, applies_to: c.applies_to });

    const preview = await stack.ok("previewRefresh");
    const drift = stepsOf(preview).find((s) => s.op === "update");
    expect(drift?.changed).toEqual(["amount", "enabled"]);

    const refresh = await stack.ok("refresh");
    expect(refresh.changeSummary).toMatchObject({ update: 1 });
    const refreshed = refresh.deployment as { resources: Array<{ type: string; inputs: Record<string, unknown> }> };
    const res = refreshed.resources.find((x) => x.type.endsWith(":Coupon"));
    expect(res?.inputs.amount).toBe("50.0000");
    expect(res?.inputs.enabled).toBe(false);

    const revert = await stack.ok("preview");
    expect(stepsOf(revert).map((s) => [s.op, s.changed])).toEqual([["update", ["amount", "enabled"]]]);
    await stack.ok("up");
    expect(coupons()[0]).toMatchObject({ amount: "20.0000", enabled: true, num_uses: 7 });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("a coupon deleted in the store is dropped by refresh and recreated by up", async () => {
    const oldId = coupons()[0].id;
    await api.delete(`/v2/coupons/${oldId}`);
    const refresh = await stack.ok("refresh");
    expect(refresh.changeSummary).toMatchObject({ delete: 1 });
    const up = await stack.ok("up");
    expect(up.changeSummary).toMatchObject({ create: 1 });
    expect(coupons()).toHaveLength(1);
    expect(coupons()[0].id).not.toBe(oldId);
    expect(coupons()[0].code).toBe("SPRING15");
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("bad input fails before any request, naming the field and the rule", async () => {
    const before = store.stats.total;
    const r = await stack.run("preview", {
      programArgs: { coupons: { spring: { ...spring, code: "SPRING 15%", amount: "150" } } },
    });
    expect(r.ok).toBe(false);
    const text = r.stdout + r.stderr + (r.error ?? "");
    expect(text).toMatch(/code: may contain only letters, digits, spaces, underscores and hyphens/);
    expect(store.stats.total).toBe(before);
    expect(coupons()).toHaveLength(1);
  });

  test("destroy removes the coupon from the store", async () => {
    const r = await stack.ok("destroy");
    expect(stepsOf(r).map((s) => s.op)).toEqual(["delete"]);
    expect(coupons()).toHaveLength(0);
  });

  test("neither the stored state nor any CLI output contains the access token", async () => {
    await stack.ok("up");
    const r = await stack.ok("export");
    const state = JSON.stringify(r.deployment);
    expect(state).toContain("SPRING15");
    expect(state).not.toContain(TOKEN);
    const checkpoint = path.join(REPO, ".tmp", "pulumi-backend", ".pulumi", "stacks", "coupon-e2e", `${STACK}.json`);
    expect(fs.readFileSync(checkpoint, "utf8")).not.toContain(TOKEN);
    expect(stack.log.join("\n")).not.toContain(TOKEN);
    const provider = (
      r.deployment as { resources: Array<{ type: string; inputs: { __provider?: string } }> }
    ).resources.find((x) => x.type.endsWith(":Coupon"))?.inputs.__provider;
    expect(provider).toBeDefined();
    expect(provider).not.toContain(TOKEN);
    expect(Buffer.byteLength(provider as string)).toBeLessThan(4096);
  });
});
