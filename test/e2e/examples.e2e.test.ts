import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { EMPTY_STORE, REPO, stepsOf, storeCounts, TestStack, workDir } from "./engine";

describe("examples/spring-campaign with the real engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;

  beforeAll(async () => {
    store = await startLocalStore();
    stack = new TestStack({
      workDir: path.join(REPO, "examples", "spring-campaign"),
      projectName: "spring-campaign",
      stackName: `test-${process.pid}`,
      program: path.join(REPO, "dist", "examples", "spring-campaign", "index.js"),
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples" },
      secretConfig: { "bigcommerce:accessToken": "examples-token-123" },
    });
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
    fs.rmSync(path.join(REPO, "examples", "spring-campaign", `Pulumi.test-${process.pid}.yaml`), { force: true });
  });

  test("up creates both coupons of the campaign, and a second preview changes nothing", async () => {
    const up = await stack.ok("up");
    expect(stepsOf(up).map((s) => s.op)).toEqual(["create", "create"]);
    const codes = store.state.data.coupons.map((c) => c.code).sort();
    expect(codes).toEqual(["SPRING15", "SPRINGSHIP"]);
    expect(up.outputs?.springAmount).toBe("15.0000");
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("the campaign's discount comes from stack config and previews as one update", async () => {
    const r = await stack.ok("preview", {
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples", "campaign:discount": "20" },
    });
    expect(
      stepsOf(r)
        .filter((s) => s.op === "update")
        .map((s) => s.changed),
    ).toEqual([["amount"]]);
  });

  test("destroy leaves the store empty", async () => {
    await stack.ok("destroy", {
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples", "campaign:discount": "15" },
    });
    expect(store.state.data.coupons).toHaveLength(0);
  });
});

/** A stack of one example folder; its stack file is removed afterwards. */
function exampleStack(
  folder: string,
  projectName: string,
  program: string,
  store: LocalStore,
  programArgs?: unknown,
): TestStack {
  return new TestStack({
    workDir: path.join(REPO, "examples", folder),
    projectName,
    stackName: `test-${process.pid}`,
    program,
    programArgs,
    config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples" },
    secretConfig: { "bigcommerce:accessToken": "examples-token-123" },
  });
}

describe("examples/black-friday with the real engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;

  beforeAll(async () => {
    store = await startLocalStore();
    stack = exampleStack(
      "black-friday",
      "black-friday",
      path.join(REPO, "dist", "examples", "black-friday", "index.js"),
      store,
    );
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
    fs.rmSync(path.join(REPO, "examples", "black-friday", `Pulumi.test-${process.pid}.yaml`), { force: true });
  });

  test("up creates the promotion, its two codes, the banner and the coupon; a second preview changes nothing", async () => {
    const up = await stack.ok("up");
    const creates = up.steps
      .filter((s) => s.op === "create" && !s.type.startsWith("pulumi:"))
      .map((s) => s.type.split(":").pop());
    expect(creates.sort()).toEqual(["Banner", "Coupon", "CouponCode", "CouponCode", "Promotion"]);
    const d = store.state.data;
    expect(d.promotions).toHaveLength(1);
    expect(d.promotions[0]).toMatchObject({ name: "Black Friday: 25% off", redemption_type: "COUPON" });
    expect(d.promotion_codes.map((c) => c.code).sort()).toEqual(["BF25-NEWS", "BLACKFRIDAY25"]);
    expect(d.promotion_codes.every((c) => c.promotion_id === d.promotions[0].id)).toBe(true);
    expect(d.banners).toHaveLength(1);
    expect(d.banners[0]).toMatchObject({ page: "home_page", date_type: "custom" });
    expect(d.coupons.map((c) => c.code)).toEqual(["BFSHIP"]);
    expect(up.outputs?.codes).toEqual(["BLACKFRIDAY25", "BF25-NEWS"]);
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("destroy leaves nothing in the store", async () => {
    await stack.ok("destroy");
    expect(storeCounts(store)).toEqual(EMPTY_STORE);
  });
});

describe("examples/holiday-campaign (a campaign file) through the campaign program", () => {
  let store: LocalStore;
  let stack: TestStack;
  const dir = path.join(REPO, "examples", "holiday-campaign");

  beforeAll(async () => {
    store = await startLocalStore();
    stack = exampleStack(
      "holiday-campaign",
      "holiday-campaign",
      path.join(REPO, "dist", "tools", "programs", "campaign.js"),
      store,
      { dir },
    );
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
    fs.rmSync(path.join(dir, `Pulumi.test-${process.pid}.yaml`), { force: true });
  });

  test("up creates the promotion, the batch of codes and the gift certificates with the campaign's values", async () => {
    const up = await stack.ok("up");
    const names = up.steps
      .filter((s) => s.op === "create" && !s.type.startsWith("pulumi:"))
      .map((s) => s.urn.split("::").pop());
    expect(names.sort()).toEqual([
      "campaign.holiday-20",
      "campaign.holiday-mailing",
      "campaign.staff-alice",
      "campaign.staff-bob",
    ]);
    const d = store.state.data;
    expect(d.promotions).toHaveLength(1);
    expect(d.promotions[0]).toMatchObject({
      name: "Holiday: 20% off over 100",
      coupon_type: "BULK",
      currency_code: "USD",
      start_date: "2027-12-01T00:00:00+00:00",
      end_date: "2027-12-31T23:59:59+00:00",
    });
    expect(d.promotion_codes).toHaveLength(25);
    expect(d.promotion_codes.every((c) => /^HOLIDAY-[A-Z0-9]{8}$/.test(String(c.code)))).toBe(true);
    const gifts = Object.fromEntries(d.gift_certificates.map((g) => [g.to_name, g]));
    expect(gifts["Alice Example"]).toMatchObject({
      amount: "50.0000",
      template: "christmas.html",
      currency_code: "USD",
    });
    expect(gifts["Bob Example"]).toMatchObject({ amount: "25.0000", code: "HOLIDAY-BOB-2027" });
    // inherited: the campaign's end; Bob's own date instead
    // (the store keeps unix seconds)
    expect(Number(gifts["Alice Example"].expiry_date) * 1000).toBe(Date.parse("2027-12-31T23:59:59Z"));
    expect(Number(gifts["Bob Example"].expiry_date) * 1000).toBe(Date.parse("2028-01-31T00:00:00Z"));
    // the declared gift certificate code is a secret: not in the state in clear
    expect(JSON.stringify(up.deployment)).not.toContain("HOLIDAY-BOB-2027");
    expect(up.outputs?.campaign).toMatchObject({ promotions: { "holiday-20": { promotionId: d.promotions[0].id } } });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("destroy leaves nothing in the store", async () => {
    await stack.ok("destroy");
    expect(storeCounts(store)).toEqual(EMPTY_STORE);
  });
});

describe("the root program (Pulumi.yaml): the campaigns/ folder, and campaign files with mistakes", () => {
  let store: LocalStore;
  let stack: TestStack;
  let bad: string;
  const storeConfig = () => ({ "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples" });

  beforeAll(async () => {
    store = await startLocalStore();
    stack = new TestStack({
      workDir: workDir("campaign-program"),
      projectName: "campaign-program-e2e",
      stackName: `campaign-program-${process.pid}`,
      // the entry point of the root Pulumi.yaml: the folder comes from the stack config
      program: path.join(REPO, "dist", "provider", "campaign", "root-program.js"),
      config: { ...storeConfig(), "campaign-program-e2e:campaignDir": path.join(REPO, "campaigns") },
      secretConfig: { "bigcommerce:accessToken": "examples-token-123" },
    });
    bad = fs.mkdtempSync(path.join(os.tmpdir(), "bad-campaigns-"));
    fs.writeFileSync(
      path.join(bad, "autumn.yaml"),
      "campaign:\n  name: Autumn\ncoupons:\n  leaf:\n    name: Leaf\n    code: LEAF\n    type: percentage_discount\n    amount: 150\n",
    );
    fs.writeFileSync(
      path.join(bad, "winter.yaml"),
      "campaign:\n  name: Winter\nbanners:\n  snow:\n    name: Snow\n    content: x\n    page: home_page\n    location: middle\n",
    );
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
    fs.rmSync(bad, { recursive: true, force: true });
  });

  test("the sample campaign of campaigns/ applies, and a second preview changes nothing", async () => {
    const up = await stack.ok("up");
    expect(up.changeSummary?.create).toBeGreaterThanOrEqual(3);
    expect(store.state.data.promotions.map((p) => p.name)).toEqual(["Spring: 10% off garden"]);
    expect(store.state.data.coupons.map((c) => c.code)).toEqual(["SPRING5"]);
    expect(store.state.data.banners.map((b) => b.name)).toEqual(["Spring: Spring banner"]);
    await stack.ok("preview", { expectNoChanges: true });
    await stack.ok("destroy");
    expect(storeCounts(store)).toEqual(EMPTY_STORE);
  });

  test("mistakes in two files fail the run with every located problem, and no request reaches the store", async () => {
    const res = await fetch(`${store.url}/__admin/stats`, { method: "DELETE" });
    expect(res.status).toBe(204);
    const r = await stack.run("up", { config: { ...storeConfig(), "campaign-program-e2e:campaignDir": bad } });
    expect(r.ok).toBe(false);
    const all = `${r.error}\n${r.stdout}\n${r.stderr}`;
    expect(all).toContain(
      `${path.join(bad, "autumn.yaml")}:8:13 coupons.leaf.amount: a percentage_discount must be at most 100 (got 150.0000)`,
    );
    expect(all).toContain(
      `${path.join(bad, "winter.yaml")}:8:15 banners.snow.location: must be one of "top", "bottom" (got "middle")`,
    );
    // a RunError for the engine: the list of problems, no stack trace
    expect(all).not.toMatch(/at loadCampaign|CampaignError: /);
    const stats = (await (await fetch(`${store.url}/__admin/stats`)).json()) as { total: number };
    expect(stats.total).toBe(0);
    expect(storeCounts(store)).toEqual(EMPTY_STORE);
  });
});
