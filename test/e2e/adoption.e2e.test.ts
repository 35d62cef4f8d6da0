/**
 * Adoption with the real Pulumi engine: objects made in the store before Pulumi knew them are
 * taken over by `adoptId` or `adopt` (a "create" step for the engine, but no POST for the store),
 * brought to the declared values only when they differ, and settle: the next preview and a
 * refresh show no change, and removing adopt/adoptId afterwards changes nothing either.
 */
import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore } from "../../store/server";
import { stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-Adoption-Token-3b8d5f";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Deployment {
  resources: Array<{ type: string; urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }>;
}

const spring = { name: "Spring 15", code: "SPRING15", type: "percentage_discount", amount: "15", maxUses: 100 };
const summer = { name: "Summer", code: "SUMMER", type: "per_total_discount", amount: "10" };
const fresh = { name: "Fresh", code: "FRESH", type: "per_total_discount", amount: "3" };

describe("adopting coupons", () => {
  let store: LocalStore;
  let stack: TestStack;
  let api: BigCommerceClient;
  let springId: number;
  let summerId: number;

  beforeAll(async () => {
    ({ store, stack, api } = await storeAndStack({
      name: "adopt-coupons",
      program: "coupons",
      programArgs: { coupons: {} },
      token: TOKEN,
    }));
    // made in the control panel before Pulumi: one as declared, one with other values
    const all = { applies_to: { entity: "categories", ids: [0] } };
    springId = (await api.post<{ id: number }>("/v2/coupons", {
      name: spring.name,
      code: spring.code,
      type: spring.type,
      amount: "15",
      max_uses: 100,
      ...all,
    }))!.id;
    summerId = (await api.post<{ id: number }>("/v2/coupons", {
      name: summer.name,
      code: summer.code,
      type: summer.type,
      amount: "5",
      enabled: false,
      ...all,
    }))!.id;
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  test("up takes over by code and by id, creates the one that does not exist, and writes only what differs", async () => {
    stack.setProgramArgs({
      coupons: {
        spring: { ...spring, adopt: true },
        summer: { ...summer, adoptId: summerId },
        fresh: { ...fresh, adopt: true },
      },
    });
    const posts = store.stats.byMethod.POST ?? 0;
    const puts = store.stats.byMethod.PUT ?? 0;
    const r = await stack.ok("up");
    expect(stepsOf(r).map((s) => s.op)).toEqual(["create", "create", "create"]);
    expect((store.stats.byMethod.POST ?? 0) - posts).toBe(1); // FRESH only
    expect((store.stats.byMethod.PUT ?? 0) - puts).toBe(1); // SUMMER: amount and enabled
    expect(store.state.data.coupons).toHaveLength(3);
    expect((r.outputs?.spring as { id: number }).id).toBe(springId);
    expect((r.outputs?.summer as { id: number }).id).toBe(summerId);
    expect(store.state.data.coupons.find((c) => c.id === summerId)).toMatchObject({ amount: "10.0000", enabled: true });
    expect(r.stdout + r.stderr).toMatch(
      new RegExp(`adopted the existing Coupon with id ${springId} \\(adopt: same code "SPRING15"\\)`),
    );
  });

  test("the next preview and a refresh show no change; removing adopt and adoptId changes nothing", async () => {
    await stack.ok("preview", { expectNoChanges: true });
    await stack.ok("previewRefresh", { expectNoChanges: true });
    stack.setProgramArgs({ coupons: { spring, summer, fresh } });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("an adoptId the store does not have fails naming adoptId, and creates nothing", async () => {
    const posts = store.stats.byMethod.POST ?? 0;
    const r = await stack.run("up", {
      programArgs: {
        coupons: { spring, summer, fresh, ghost: { ...fresh, name: "Ghost", code: "GHOST", adoptId: 99999 } },
      },
    });
    expect(r.ok).toBe(false);
    expect(r.stdout + r.stderr + (r.error ?? "")).toMatch(
      /adoptId: there is no Coupon with id 99999 in the store; nothing was created or changed/,
    );
    expect(store.stats.byMethod.POST ?? 0).toBe(posts);
    expect(store.state.data.coupons).toHaveLength(3);
  });
});

describe("adopting a gift certificate by id, without declaring its code", () => {
  let store: LocalStore;
  let stack: TestStack;
  let api: BigCommerceClient;

  beforeAll(async () => {
    ({ store, stack, api } = await storeAndStack({
      name: "adopt-gift",
      program: "gift-certificates",
      programArgs: { giftCertificates: {} },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  test("the store's code becomes a secret output, never in clear in state; no request writes", async () => {
    const gift = {
      toName: "Ann",
      toEmail: "ann@example.com",
      fromName: "Shop",
      fromEmail: "shop@example.com",
      amount: 25,
    };
    const made = await api.post<{ id: number; code: string }>("/v2/gift_certificates", {
      to_name: gift.toName,
      to_email: gift.toEmail,
      from_name: gift.fromName,
      from_email: gift.fromEmail,
      amount: "25",
    });
    stack.setProgramArgs({ giftCertificates: { ann: { ...gift, adoptId: made!.id } } });
    const writes = (store.stats.byMethod.POST ?? 0) + (store.stats.byMethod.PUT ?? 0);
    const r = await stack.ok("up");
    expect(stepsOf(r, "GiftCertificate").map((s) => s.op)).toEqual(["create"]);
    expect((store.stats.byMethod.POST ?? 0) + (store.stats.byMethod.PUT ?? 0)).toBe(writes);
    const deployment = (await stack.ok("export")).deployment as Deployment;
    const res = deployment.resources.find((x) => x.type.endsWith(":GiftCertificate"));
    expect(res?.outputs.code).toMatchObject({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270" });
    expect(JSON.stringify(deployment)).not.toContain(made!.code);
    expect(r.stdout + r.stderr).not.toContain(made!.code);
    await stack.ok("preview", { expectNoChanges: true });
  });
});

describe("adopting a promotion by name", () => {
  let store: LocalStore;
  let stack: TestStack;
  let api: BigCommerceClient;
  const promotion = {
    redemptionType: "AUTOMATIC",
    name: "Ten off",
    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
  };

  beforeAll(async () => {
    ({ store, stack, api } = await storeAndStack({
      name: "adopt-promotion",
      program: "promotions",
      programArgs: { promotions: {} },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  test("one promotion of that name: taken over without a write; two: an error listing both ids", async () => {
    const body = {
      redemption_type: "AUTOMATIC",
      name: "Ten off",
      rules: [{ action: { cart_value: { discount: { percentage_amount: "10" } } } }],
    };
    const first = (await api.post<{ data: { id: number } }>("/v3/promotions", body))!.data.id;
    stack.setProgramArgs({ promotions: { ten: { ...promotion, adopt: true } } });
    const writes = (store.stats.byMethod.POST ?? 0) + (store.stats.byMethod.PUT ?? 0);
    const r = await stack.ok("up");
    expect((r.outputs?.ten as { id: number }).id).toBe(first);
    expect((store.stats.byMethod.POST ?? 0) + (store.stats.byMethod.PUT ?? 0)).toBe(writes);
    await stack.ok("preview", { expectNoChanges: true });

    const second = (await api.post<{ data: { id: number } }>("/v3/promotions", body))!.data.id;
    const failed = await stack.run("up", {
      programArgs: { promotions: { ten: promotion, again: { ...promotion, adopt: true } } },
    });
    expect(failed.ok).toBe(false);
    expect(failed.stdout + failed.stderr + (failed.error ?? "")).toMatch(
      new RegExp(`adopt: 2 objects of kind Promotion have name "Ten off" \\(ids ${first}, ${second}\\)`),
    );
    expect(store.state.data.promotions).toHaveLength(2);
  });
});
