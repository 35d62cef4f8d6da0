/**
 * The repository's Pulumi projects (the root Pulumi.yaml and the examples' folders) run by the
 * `pulumi` CLI itself, in their folders, as a user or the CI workflows of examples/ci run them:
 * the CLI starts the Node.js language host, which runs the project's `main`. The other e2e tests
 * drive inline programs through the Automation API and never go through a Pulumi.yaml.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { CommandResult, EMPTY_STORE, REPO, runCli, runPulumi, storeCounts } from "./engine";

const TOKEN = "e2e-Projects-Token-7f21b0c4";
const STACK = `cli-${process.pid}`;

/** One project folder with a stack of its own, configured for `store`. */
class CliProject {
  constructor(readonly dir: string) {}

  run(...args: string[]): Promise<CommandResult> {
    return runPulumi([...args, "--stack", STACK], this.dir);
  }

  /** Runs and fails the test with the CLI's output when it exits non-zero. */
  async ok(...args: string[]): Promise<CommandResult> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  async init(store: LocalStore): Promise<void> {
    await runPulumi(["stack", "init", STACK], this.dir);
    await this.ok("config", "set", "bigcommerce:apiUrl", store.url);
    await this.ok("config", "set", "bigcommerce:storeHash", "cliproject");
    await this.ok("config", "set", "--secret", "bigcommerce:accessToken", TOKEN);
  }

  /** Destroys what is left and removes the stack and its Pulumi.<stack>.yaml. */
  async remove(): Promise<void> {
    await this.run("destroy", "--yes");
    await runPulumi(["stack", "rm", STACK, "--yes", "--force"], this.dir);
    fs.rmSync(path.join(this.dir, `Pulumi.${STACK}.yaml`), { force: true });
  }
}

describe("the root Pulumi.yaml with the pulumi CLI: campaigns/ applied, a change reviewed, drift caught", () => {
  let store: LocalStore;
  const project = new CliProject(REPO);
  const edited = path.join(REPO, ".tmp", `cli-campaigns-${process.pid}`);

  beforeAll(async () => {
    store = await startLocalStore({ accessToken: TOKEN });
    await project.init(store);
    // the pull request's version of the campaign: the banner's text changed, a coupon added
    fs.mkdirSync(edited, { recursive: true });
    const spring = fs.readFileSync(path.join(REPO, "campaigns", "spring.yaml"), "utf8");
    const added =
      "  spring-ship:\n    name: Spring free shipping\n    code: SPRINGSHIP\n    type: free_shipping\n    amount: 0\n    minPurchase: 50\n\n";
    const changed = spring
      .replace("Spring sale: 10% off the garden range", "Spring sale: 15% off the garden range")
      .replace("\nbanners:", `\n${added}banners:`);
    expect(changed).toContain("spring-ship");
    fs.writeFileSync(path.join(edited, "spring.yaml"), changed);
  });

  afterAll(async () => {
    await project.remove();
    await store?.close();
    fs.rmSync(edited, { recursive: true, force: true });
  });

  test("pulumi up applies campaigns/spring.yaml, and pulumi preview --expect-no-changes passes", async () => {
    const up = await project.ok("up", "--yes");
    expect(up.stdout).toMatch(/\+ 4 created/);
    expect(store.state.data.promotions.map((p) => p.name)).toEqual(["Spring: 10% off garden"]);
    expect(store.state.data.coupons.map((c) => c.code)).toEqual(["SPRING5"]);
    expect(store.state.data.banners.map((b) => b.name)).toEqual(["Spring: Spring banner"]);
    await project.ok("preview", "--expect-no-changes");
  });

  test("a campaignDir relative to the project root previews the pull request's change as a summary", async () => {
    await project.ok("config", "set", "campaignDir", path.relative(REPO, edited));
    const preview = await project.ok("preview", "--json");
    await project.ok("config", "rm", "campaignDir");
    const summary = await runCli("preview-summary", ["-", "--title", "Spring"], preview.stdout);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain("### Spring: 1 to create, 1 to update");
    expect(summary.stdout).toMatch(/#### Create \(1\)\n(.*\n)*.*SPRINGSHIP/);
    expect(summary.stdout).toMatch(/#### Update \(1\)\n(.*\n)*.*Spring sale: 15% off the garden range/);
    // previewed, not applied
    expect(store.state.data.coupons.map((c) => c.code)).toEqual(["SPRING5"]);
  });

  test("an edit made in the store: preview --refresh --json piped to drift-check exits 1; up --refresh puts it back", async () => {
    const coupon = store.state.data.coupons[0];
    const res = await fetch(`${store.url}/__admin/coupons/${coupon.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount: "9.0000" }),
    });
    expect(res.status).toBe(200);
    const json = (await project.ok("preview", "--refresh", "--json")).stdout;
    const drift = await runCli("drift-check", ["-"], json);
    expect(drift.stdout).toContain("SPRING5");
    expect(drift.stdout).toMatch(/amount: store 9\.00, state 5\.00/);
    expect(drift.code).toBe(1);
    await project.ok("up", "--yes", "--refresh");
    expect(store.state.data.coupons[0].amount).toBe("5.0000");
    const after = await runCli("drift-check", ["-"], (await project.ok("preview", "--refresh", "--json")).stdout);
    expect(after.code).toBe(0);
  });

  test("pulumi destroy empties the store; no token in the stack's state or config file", async () => {
    const exported = await project.ok("stack", "export", "--show-secrets=false");
    expect(exported.stdout).not.toContain(TOKEN);
    expect(fs.readFileSync(path.join(REPO, `Pulumi.${STACK}.yaml`), "utf8")).not.toContain(TOKEN);
    await project.ok("destroy", "--yes");
    expect(storeCounts(store)).toEqual(EMPTY_STORE);
  });
});

describe.each([
  ["holiday-campaign", { promotions: 1, promotion_codes: 25, gift_certificates: 2 }],
  ["black-friday", { promotions: 1, promotion_codes: 2, banners: 1, coupons: 1 }],
  ["spring-campaign", { coupons: 2 }],
])("examples/%s with the pulumi CLI in its folder", (folder, expected) => {
  let store: LocalStore;
  const project = new CliProject(path.join(REPO, "examples", folder));

  beforeAll(async () => {
    store = await startLocalStore({ accessToken: TOKEN });
    await project.init(store);
  });

  afterAll(async () => {
    await project.remove();
    await store?.close();
  });

  test("up creates the example's objects, a second preview has no change, destroy removes them", async () => {
    await project.ok("up", "--yes");
    expect(storeCounts(store)).toEqual({ ...EMPTY_STORE, ...expected });
    await project.ok("preview", "--expect-no-changes");
    await project.ok("destroy", "--yes");
    expect(storeCounts(store)).toEqual(EMPTY_STORE);
  });
});
