/**
 * The export round trip with the real engine: seed the local store with 50+ mixed objects,
 * export it with `npm run export` (dist/tools/export.js), `up` the exported campaign file
 * through the campaign program, and find that the store saw no create and no delete (no write
 * at all), that every object kept its id, and that a second preview has nothing to change.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore, startLocalStore } from "../../store/server";
import { seedStore, Seeded } from "../../tools/seed";
import { REPO, TestStack, workDir } from "./engine";

const TOKEN = "e2e-Export-Token-93b1f0c2";
const NAME = "export-roundtrip";
const EXPORT = path.join(REPO, "dist", "tools", "export.js");

type Stats = { byMethod: Record<string, number>; total: number; rateLimited: number };
type Data = Record<string, Array<{ id: number }>>;
const COLLECTIONS = ["coupons", "banners", "gift_certificates", "promotions", "promotion_codes"];

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = REPO,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { cwd, env }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The tests' offline Pulumi environment (the compiled module: its paths are relative to dist/tools/). */
function offlinePulumiEnv(): Record<string, string> {
  return (
    require(path.join(REPO, "dist", "tools", "pulumi-env.js")) as typeof import("../../tools/pulumi-env")
  ).pulumiEnv();
}

describe("export of a seeded store, then up of the export with the real engine", () => {
  let store: LocalStore;
  let api: BigCommerceClient;
  let stack: TestStack;
  let seeded: Seeded;
  let campaignFile: string;
  let exportOutput = "";

  const admin = async <T>(p: string, method = "GET"): Promise<T> => {
    const res = await fetch(`${store.url}/__admin/${p}`, { method });
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const idsOf = (data: Data) => Object.fromEntries(COLLECTIONS.map((c) => [c, data[c].map((o) => o.id)]));

  beforeAll(async () => {
    // a generous quota: the point here is the round trip, not the rate limit
    store = await startLocalStore({ accessToken: TOKEN, quota: 100_000 });
    api = new BigCommerceClient({ storeHash: "e2estore", accessToken: TOKEN, apiUrl: store.url });
    const dir = workDir(NAME);
    campaignFile = path.join(dir, "campaigns", "store.yaml");
    fs.rmSync(path.join(dir, "campaigns"), { recursive: true, force: true });
    stack = new TestStack({
      workDir: dir,
      projectName: `${NAME}-e2e`,
      stackName: `${NAME}-${process.pid}`,
      program: path.join(REPO, "dist", "tools", "programs", "campaign.js"),
      programArgs: { files: [campaignFile] },
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "e2estore" },
      secretConfig: { "bigcommerce:accessToken": TOKEN },
    });
  });

  afterAll(async () => {
    await store?.close();
    // The adopted store is left as it is (a destroy would delete or disable its objects): the
    // stack's state is removed instead.
    try {
      execFileSync("pulumi", ["stack", "rm", "--force", "--yes", "--stack", `${NAME}-${process.pid}`], {
        cwd: workDir(NAME),
        env: { ...process.env, ...offlinePulumiEnv() },
        stdio: "ignore",
      });
    } catch {
      /* nothing to remove */
    }
  });

  test("the store is seeded with at least 50 mixed objects, some of them used", async () => {
    seeded = await seedStore({ client: api, adminUrl: store.url });
    expect(seeded.total).toBeGreaterThanOrEqual(50);
    const data = await admin<Data & { coupons: Array<{ num_uses: number }> }>("data");
    for (const c of COLLECTIONS) expect(data[c].length).toBeGreaterThan(0);
    expect(data.coupons.some((c) => c.num_uses > 0)).toBe(true);
  });

  test("npm run export writes every object, marked for adoption, and no secret", async () => {
    const env = {
      ...process.env,
      BIGCOMMERCE_STORE_HASH: "e2estore",
      BIGCOMMERCE_ACCESS_TOKEN: TOKEN,
      BIGCOMMERCE_API_URL: store.url,
    };
    const r = await run(EXPORT, ["--out", campaignFile, "--name", "Seeded store"], env);
    exportOutput = r.stdout + r.stderr;
    expect(r).toMatchObject({ code: 0 });
    expect(r.stderr).toMatch(
      /wrote .*store\.yaml: 10 promotions, 11 couponCodes, 15 coupons, 9 banners, 7 giftCertificates/,
    );
    const text = fs.readFileSync(campaignFile, "utf8");
    expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\/campaign\.schema\.json$/);
    const parsed = YAML.parse(text) as Record<string, Record<string, { adoptId: number }>>;
    const count = Object.values(parsed).reduce(
      (n, section) => n + (section === parsed.campaign ? 0 : Object.keys(section).length),
      0,
    );
    expect(count).toBe(seeded.total);
    for (const g of store.state.data.gift_certificates) expect(text).not.toContain(String(g.code));
    expect(text + exportOutput).not.toContain(TOKEN);
  });

  test("up of the export adopts every object: no POST, no DELETE, no PUT, every id kept", async () => {
    const before = await admin<Data>("data");
    await admin("stats", "DELETE");
    const up = await stack.ok("up");
    const stats = await admin<Stats>("stats");
    const after = await admin<Data>("data");

    // Pulumi counts a take-over as a create step; the store saw none
    expect(up.changeSummary).toEqual({ create: seeded.total + 1 }); // + the stack itself
    expect(stats.byMethod.POST ?? 0).toBe(0);
    expect(stats.byMethod.DELETE ?? 0).toBe(0);
    expect(stats.byMethod.PUT ?? 0).toBe(0);
    expect(stats.rateLimited).toBe(0);
    expect(idsOf(after)).toEqual(idsOf(before));
    // nothing at all changed in the store (counters, balances and dates included)
    expect(after).toEqual(before);
    expect(up.stdout).toMatch(
      /adopted the existing Coupon with id \d+ \(adoptId \d+\) instead of creating one; it already holds the declared values/,
    );
    expect(up.stdout).not.toMatch(/updating \w+/);

    // the resources are named <file stem>.<key> and hold the store's ids
    const resources = (up.deployment as { resources: Array<{ urn: string; type: string; id?: string }> }).resources;
    const spring = resources.find((r) => r.type.endsWith(":Coupon") && r.urn.endsWith("::store.spring15"));
    expect(spring?.id).toBe(String(seeded.coupons[1]));
  });

  test("a second preview shows no change, also after a refresh from the store", async () => {
    await admin("stats", "DELETE");
    const objects = (r: { steps: Array<{ op: string; type: string }> }) =>
      r.steps.filter((s) => !s.type.startsWith("pulumi:"));
    const preview = await stack.ok("preview", { expectNoChanges: true });
    expect(objects(preview).map((s) => s.op)).toEqual(Array(seeded.total).fill("same"));
    const refreshed = await stack.ok("previewRefresh", { expectNoChanges: true });
    expect(objects(refreshed).filter((s) => s.op !== "same" && s.op !== "refresh")).toEqual([]);
    const stats = await admin<Stats>("stats");
    expect((stats.byMethod.POST ?? 0) + (stats.byMethod.PUT ?? 0) + (stats.byMethod.DELETE ?? 0)).toBe(0);
  });

  test("export --stack reads the store settings from the stack's config (the token a secret there); --skip-managed leaves out what the stack manages", async () => {
    const env = { ...process.env, ...offlinePulumiEnv() };
    for (const k of ["BIGCOMMERCE_STORE_HASH", "BIGCOMMERCE_ACCESS_TOKEN", "BIGCOMMERCE_API_URL"]) delete env[k];
    const r = await run(
      EXPORT,
      ["--stack", `${NAME}-${process.pid}`, "--out", "-", "--name", "Seeded store"],
      env,
      workDir(NAME),
    );
    expect(r.stderr).toMatch(/export: read store e2estore \(\d+ requests\)/);
    expect(r.code).toBe(0);
    expect(YAML.parse(r.stdout)).toEqual(YAML.parse(fs.readFileSync(campaignFile, "utf8")));
    expect(r.stdout + r.stderr).not.toContain(TOKEN);

    // --skip-managed: what the stack now manages is left out; an object added since is not
    const none = await run(
      EXPORT,
      ["--stack", `${NAME}-${process.pid}`, "--skip-managed", "--out", "-"],
      env,
      workDir(NAME),
    );
    expect(none.code).toBe(0);
    expect(Object.keys(YAML.parse(none.stdout))).toEqual(["campaign"]);
    expect(none.stdout).toMatch(/# coupons: 15 objects of this kind already managed by the stack are left out\./);
    const added = (await api.post<{ id: number }>("/v2/banners", {
      name: "Added later",
      content: "<p>new</p>",
      page: "home_page",
      location: "top",
      date_type: "always",
    }))!;
    try {
      const rest = await run(
        EXPORT,
        ["--stack", `${NAME}-${process.pid}`, "--skip-managed", "--out", "-"],
        env,
        workDir(NAME),
      );
      const parsed = YAML.parse(rest.stdout);
      expect(Object.keys(parsed)).toEqual(["campaign", "banners"]);
      expect(parsed.banners).toEqual({
        "added-later": {
          adoptId: added.id,
          name: "Added later",
          content: "<p>new</p>",
          page: "home_page",
          location: "top",
        },
      });
    } finally {
      await api.delete(`/v2/banners/${added.id}`);
    }
  });

  test("the adopted objects are really under code: a store edit shows as drift, a file edit as an update", async () => {
    const coupon = store.state.data.coupons.find((c) => c.id === seeded.coupons[1]) as Record<string, unknown>;
    await api.put(`/v2/coupons/${coupon.id as number}`, { amount: "16", applies_to: coupon.applies_to });
    const drift = await stack.ok("previewRefresh");
    expect(drift.steps.filter((s) => s.op === "update").map((s) => [s.urn.split("::").pop(), s.changed])).toEqual([
      ["store.spring15", ["amount"]],
    ]);
    await api.put(`/v2/coupons/${coupon.id as number}`, { amount: "15", applies_to: coupon.applies_to });

    const original = fs.readFileSync(campaignFile, "utf8");
    try {
      const edited = original.replace(/^( {2}welcome:\n(?: {4}.*\n)*? {4}name: )Welcome$/m, "$1Welcome back");
      expect(edited).not.toBe(original);
      fs.writeFileSync(campaignFile, edited);
      const update = await stack.ok("preview");
      expect(
        update.steps
          .filter((s) => s.op !== "same" && !s.type.startsWith("pulumi:"))
          .map((s) => [s.op, s.urn.split("::").pop(), s.changed]),
      ).toEqual([["update", "store.welcome", ["name"]]]);
    } finally {
      fs.writeFileSync(campaignFile, original);
    }
  });

  test("neither the state nor any output holds the access token or a gift certificate code", async () => {
    const r = await stack.ok("export");
    const state = JSON.stringify(r.deployment);
    expect(state).not.toContain(TOKEN);
    expect(stack.log.join("\n")).not.toContain(TOKEN);
    // the certificates' codes are secret outputs: state holds them encrypted only
    for (const g of store.state.data.gift_certificates) {
      expect(state).not.toContain(String(g.code));
      expect(stack.log.join("\n")).not.toContain(String(g.code));
    }
  });
});
