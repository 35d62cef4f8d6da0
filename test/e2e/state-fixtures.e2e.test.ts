/**
 * State written by earlier versions (the fixtures of tools/state-fixtures.ts, one folder per
 * version) with the current code: imported into a new stack, it previews with no change,
 * refreshes (which runs the providers serialised in the fixture, so every package path they
 * `require` must still resolve), and takes an update of one field.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { STATE_VERSION, stateVersionOf } from "../../provider/common/state-version";
import { LocalStore, startLocalStore } from "../../store/server";
import { FIXTURE_PROJECT, FIXTURE_STACK, FIXTURE_STORE_HASH, FIXTURES_DIR } from "../../tools/state-fixtures";
import { REPO, TestStack, workDir } from "./engine";
import type { DriverResult } from "../../tools/driver";

const TOKEN = "e2e-StateFixtures-Token-8c2f61d0a9";
const KINDS = ["Banner", "BulkCouponCodes", "Coupon", "CouponCode", "GiftCertificate", "Promotion"];
const versions = fs.readdirSync(FIXTURES_DIR).filter((v) => fs.existsSync(path.join(FIXTURES_DIR, v, "stack.json")));

interface Resource {
  type: string;
  urn: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
const resourcesOf = (r: DriverResult) => (r.deployment as { resources: Resource[] }).resources;
const kindsOf = (resources: Resource[]) =>
  resources.filter((r) => r.type.includes("/bigcommerce:")).map((r) => r.type.split(":").pop() as string);
const changes = (r: DriverResult) =>
  r.steps.filter((s) => s.op !== "same" && s.type !== "pulumi:pulumi:Stack").map((s) => `${s.urn}:${s.op}`);

test("there is a fixture of the current version's state shape or an older one", () => {
  expect(versions.length).toBeGreaterThan(0);
});

describe.each(versions)("state written by %s", (version) => {
  const dir = path.join(FIXTURES_DIR, version);
  const fixture = JSON.parse(fs.readFileSync(path.join(dir, "stack.json"), "utf8")) as {
    deployment: { resources: Resource[] };
  };
  let store: LocalStore;
  let stack: TestStack;

  beforeAll(async () => {
    const ws = workDir(`state-fixtures-${version}`);
    fs.rmSync(ws, { recursive: true, force: true });
    fs.mkdirSync(path.join(ws, "backend"), { recursive: true });
    const data = path.join(ws, "store.json");
    fs.copyFileSync(path.join(dir, "store.json"), data);
    store = await startLocalStore({ accessToken: TOKEN, dataFile: data });
    stack = new TestStack({
      workDir: ws,
      projectName: FIXTURE_PROJECT,
      stackName: FIXTURE_STACK,
      program: path.join(REPO, "dist", "tools", "programs", "every-kind.js"),
      programArgs: {},
      // as the fixture was written: the stack's config as recorded in its state, the token and
      // the store's address from the environment
      config: { "bigcommerce:storeHash": FIXTURE_STORE_HASH },
      env: {
        PULUMI_BACKEND_URL: `file://${path.join(ws, "backend")}`,
        BIGCOMMERCE_ACCESS_TOKEN: TOKEN,
        BIGCOMMERCE_API_URL: store.url,
      },
    });
  });

  afterAll(async () => {
    await store?.close();
  });

  test("holds every kind and no credentials", () => {
    expect(kindsOf(fixture.deployment.resources).sort()).toEqual(KINDS);
    const text =
      fs.readFileSync(path.join(dir, "stack.json"), "utf8") + fs.readFileSync(path.join(dir, "store.json"), "utf8");
    expect(text).not.toMatch(/accessToken|X-Auth-Token/i);
  });

  test("every package path its serialised providers require resolves from the installed package", () => {
    const serialised = fixture.deployment.resources
      .map((r) => (typeof r.inputs?.__provider === "string" ? r.inputs.__provider : ""))
      .join("\n");
    const paths = [...new Set([...serialised.matchAll(/"(pulumi-bigcommerce(?:\/[^"]*)?)"/g)].map((m) => m[1]))];
    expect(paths.length).toBeGreaterThan(0);
    // resolved by a plain node in the repository, as the dynamic-provider process resolves them
    // (through node_modules/pulumi-bigcommerce and its package.json `exports`)
    for (const p of paths) {
      const kinds = execFileSync(
        process.execPath,
        ["-e", `process.stdout.write(typeof require(${JSON.stringify(p)}).handler)`],
        { cwd: REPO, encoding: "utf8" },
      );
      expect({ path: p, handler: kinds }).toEqual({ path: p, handler: "function" });
    }
  });

  test("imports into a new stack, and a preview with the current code shows no change", async () => {
    await stack.ok("import", { importFile: path.join(dir, "stack.json") });
    const r = await stack.ok("preview", { expectNoChanges: true });
    expect(changes(r)).toEqual([]);
    expect(r.steps.filter((s) => s.type.includes("/bigcommerce:")).map((s) => s.op)).toHaveLength(KINDS.length);
  });

  test("a refresh finds every object unchanged and records the current state version", async () => {
    const r = await stack.ok("refresh");
    expect(Object.keys(r.changeSummary ?? {}).filter((k) => k !== "same")).toEqual([]);
    const resources = resourcesOf(r).filter((x) => x.type.includes("/bigcommerce:"));
    expect(kindsOf(resources).sort()).toEqual(KINDS);
    for (const x of resources)
      expect({ urn: x.urn, v: stateVersionOf(x.outputs ?? {}) }).toEqual({ urn: x.urn, v: STATE_VERSION });
    const again = await stack.ok("preview", { expectNoChanges: true });
    expect(changes(again)).toEqual([]);
  });

  test("changing one field updates that object in place and nothing else", async () => {
    const before = store.state.data.coupons[0] as Record<string, unknown>;
    stack.setProgramArgs({ couponAmount: 7 });
    const r = await stack.ok("up");
    expect(changes(r)).toEqual([expect.stringMatching(/bigcommerce:Coupon::coupon:update$/)]);
    expect(store.state.data.coupons).toHaveLength(1);
    expect(store.state.data.coupons[0]).toMatchObject({ id: before.id, amount: "7.0000" });
  });
});
