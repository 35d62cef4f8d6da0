/**
 * The package as a user gets it: `npm pack`, then fresh Pulumi projects outside the repository
 * that install the tarball and run it with the real `pulumi` CLI against the local store started
 * by the package's own command. A TypeScript project (Pulumi's default TypeScript handling, a
 * strict tsconfig) and a YAML-only campaign folder at the pinned end of the @pulumi/pulumi peer
 * range, with the whole flow; a TypeScript project at the low end of the range (installed from
 * the npm registry), with a shorter one.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RUNTIME_MODULE } from "../../provider/dynamic";
import { pulumiEnv } from "../../tools/pulumi-env";
import { CommandResult, REPO, runCommand, runPulumi } from "./engine";

const TOKEN = "e2e-Package-Token-3e8b57c1d2";
const STACK = "dev";
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** The ends of the peer range: its lower bound, and the version the repository pins. */
const PEER_LOW = /^>=\s*(\d+\.\d+\.\d+)/.exec(pkg.peerDependencies["@pulumi/pulumi"])?.[1] as string;
const PEER_PINNED = pkg.devDependencies["@pulumi/pulumi"];

// Outside the repository: nothing may resolve from the repository's node_modules.
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-bigcommerce-consumer-"));
let tarball: string;
let packed: string[];

beforeAll(async () => {
  // dist/ is compiled by `npm run test:e2e`; the prepare script would compile it again
  const r = await runCommand("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", ROOT], { cwd: REPO });
  if (r.code !== 0) throw new Error(`npm pack failed\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(ROOT, info.filename);
  packed = info.files.map((f) => f.path);
}, 120000);

afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

describe("the tarball", () => {
  test("holds at most 150 files: the compiled package, its schema and docs, no tests, examples, scripts or CI", () => {
    expect(packed.length).toBeLessThanOrEqual(150);
    expect(packed.filter((f) => /^(test|examples|scripts|\.ci|campaigns|docs|tools|provider|store)\//.test(f))).toEqual(
      [],
    );
    expect(packed.filter((f) => /\.(test\.[jt]s|map|ts)$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(packed).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "campaign-program.js",
        "schema/campaign.schema.json",
      ]),
    );
    expect(packed).not.toContain("Pulumi.yaml");
  });

  test("every relative require and import of a packed file is packed, and so is every bin and export", () => {
    const have = new Set(packed);
    const missing: string[] = [];
    for (const f of packed.filter((p) => p.endsWith(".js") || p.endsWith(".d.ts"))) {
      const text = fs.readFileSync(path.join(REPO, f), "utf8");
      const ext = f.endsWith(".d.ts") ? ".d.ts" : ".js";
      for (const m of text.matchAll(/(?:require\(|from\s+|import\()\s*"(\.{1,2}\/[^"]+)"/g)) {
        const base = path.posix.join(path.posix.dirname(f), m[1]);
        if (![`${base}${ext}`, `${base}/index${ext}`, base].some((c) => have.has(c))) missing.push(`${f} -> ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
    const targets = [
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t))),
    ].map((t) => t.replace(/^\.\//, ""));
    expect(targets.filter((t) => !have.has(t))).toEqual([]);
    for (const bin of Object.values(pkg.bin))
      expect(fs.readFileSync(path.join(REPO, bin), "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });

  test("in the repository, the module the dynamic provider names resolves to the compiled runtime", () => {
    expect(require.resolve(RUNTIME_MODULE)).toBe(path.resolve(REPO, "dist/provider/runtime.js"));
  });
});

/** A Pulumi project in a folder of ROOT, with a backend of its own. */
class Consumer {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private store?: ChildProcess;
  storeUrl = "";

  constructor(name: string) {
    this.dir = path.join(ROOT, name);
    fs.mkdirSync(path.join(this.dir, ".backend"), { recursive: true });
    this.env = { PULUMI_BACKEND_URL: `file://${path.join(this.dir, ".backend")}` };
  }

  write(files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, name), text);
    }
  }

  async npmInstall(): Promise<void> {
    const r = await runCommand("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: this.dir,
      env: { ...process.env, npm_config_loglevel: "error" },
    });
    if (r.code !== 0) throw new Error(`npm install failed\n${r.stdout}\n${r.stderr}`);
  }

  /**
   * One of the package's commands, as `npx <name>` finds it (node_modules/.bin of the project),
   * with the environment `pulumi` gets (the CLI of the tests, this project's backend).
   */
  command(name: string, args: string[], input?: string): Promise<CommandResult> {
    return runCommand(path.join(this.dir, "node_modules", ".bin", name), args, {
      cwd: this.dir,
      env: { ...process.env, ...pulumiEnv(), ...this.env },
      input,
    });
  }

  pulumi(...args: string[]): Promise<CommandResult> {
    return runPulumi(args, this.dir, this.env);
  }

  async ok(...args: string[]): Promise<CommandResult> {
    const r = await this.pulumi(...args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  /** Starts `bigcommerce-store` of the installed package on a free port. */
  startStore(): Promise<void> {
    const child = spawn(
      path.join(this.dir, "node_modules", ".bin", "bigcommerce-store"),
      ["--port", "0", "--token", TOKEN],
      {
        cwd: this.dir,
      },
    );
    this.store = child;
    return new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += String(d);
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m && !this.storeUrl) {
          this.storeUrl = m[1];
          resolve();
        }
      });
      child.on("exit", (code) => reject(new Error(`bigcommerce-store exited ${code}\n${out}`)));
    });
  }

  stopStore(): void {
    this.store?.removeAllListeners("exit");
    this.store?.kill();
  }

  /** The store's content, as its control panel shows it. */
  async data(): Promise<Record<string, Array<Record<string, unknown>>>> {
    return (await (await fetch(`${this.storeUrl}/__admin/data`)).json()) as Record<
      string,
      Array<Record<string, unknown>>
    >;
  }

  /** An edit made in the store, not in the code. */
  async editInStore(collection: string, id: unknown, body: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.storeUrl}/__admin/${collection}/${String(id)}`, {
      method: "PATCH",
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }

  async initStack(): Promise<void> {
    await this.ok("stack", "init", STACK);
    await this.ok("config", "set", "bigcommerce:apiUrl", this.storeUrl);
    await this.ok("config", "set", "bigcommerce:storeHash", "consumer");
    await this.ok("config", "set", "--secret", "bigcommerce:accessToken", TOKEN);
  }
}

const tarballDependency = () => `file:${tarball}`;

/** A TypeScript project as `pulumi new typescript` makes it, with a strict tsconfig. */
function typescriptProject(c: Consumer, pulumiVersion: string): void {
  c.write({
    "package.json": JSON.stringify(
      {
        name: path.basename(c.dir),
        main: "index.ts",
        devDependencies: {
          "@types/node": pkg.devDependencies["@types/node"],
          typescript: pkg.devDependencies.typescript,
        },
        dependencies: { "@pulumi/pulumi": pulumiVersion, "pulumi-bigcommerce": tarballDependency() },
      },
      null,
      2,
    ),
    "Pulumi.yaml": `name: ${path.basename(c.dir)}\nruntime: nodejs\ndescription: a shop's coupons\n`,
    "tsconfig.json": JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          outDir: "bin",
          target: "es2020",
          module: "commonjs",
          moduleResolution: "node",
          sourceMap: true,
          experimentalDecorators: true,
          pretty: true,
          noFallthroughCasesInSwitch: true,
          noImplicitReturns: true,
          forceConsistentCasingInFileNames: true,
        },
        files: ["index.ts"],
      },
      null,
      2,
    ),
    "index.ts": `import { Banner, Coupon, CouponCode, Promotion } from "pulumi-bigcommerce";

const coupon = new Coupon("spring", {
  name: "Spring 10 off",
  code: "SPRING10",
  type: "percentage_discount",
  amount: 10,
  minPurchase: 40,
});
new Banner("spring-top", {
  name: "Spring banner",
  content: "<p>Spring sale</p>",
  page: "home_page",
  location: "top",
});
const promotion = new Promotion("vip", {
  redemptionType: "COUPON",
  name: "VIP 15 off",
  rules: [{ action: { cartValue: { discount: { percentageAmount: 15 } } } }],
});
new CouponCode("vip-code", { promotionId: promotion.promotionId, code: "VIP15", maxUses: 10 });

export const couponId: unknown = coupon.couponId;
`,
  });
}

/** The schema comment the docs give a campaign file of a YAML-only folder. */
const SCHEMA_COMMENT = "# yaml-language-server: $schema=../node_modules/pulumi-bigcommerce/schema/campaign.schema.json";

/** A YAML-only campaign folder, as the docs describe it: no program of its own. */
function yamlProject(c: Consumer, pulumiVersion: string): void {
  c.write({
    "package.json": JSON.stringify(
      {
        name: path.basename(c.dir),
        dependencies: { "@pulumi/pulumi": pulumiVersion, "pulumi-bigcommerce": tarballDependency() },
      },
      null,
      2,
    ),
    "Pulumi.yaml": [
      `name: ${path.basename(c.dir)}`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: false",
      "main: node_modules/pulumi-bigcommerce/campaign-program.js",
      "",
    ].join("\n"),
    "campaigns/spring.yaml": `${SCHEMA_COMMENT}
campaign:
  name: Spring 2027
  namePrefix: "Spring: "
  startDate: 2027-03-20T00:00:00Z
  endDate: 2027-06-20T23:59:59Z

coupons:
  spring:
    name: 10 off
    code: SPRING10
    type: percentage_discount
    amount: 10
    minPurchase: 40

banners:
  spring-top:
    name: Spring banner
    content: "<p>Spring sale</p>"
    page: home_page
    location: top
`,
  });
}

/**
 * up, a preview with no change, refresh, the drift check (0, then 1 after an edit in the store),
 * the preview summary of the drift, destroy. `short`: up, the preview, the drift check's 0, destroy.
 * `help`: also every command's --help (the same package in every project: once is enough).
 */
function consumerFlow(
  name: string,
  make: (c: Consumer, v: string) => void,
  pulumiVersion: string,
  opts: { short?: boolean; help?: boolean } = {},
): Consumer {
  const c = new Consumer(name);

  beforeAll(async () => {
    make(c, pulumiVersion);
    await c.npmInstall();
    await c.startStore();
    await c.initStack();
  }, 600000);

  afterAll(async () => {
    await c.pulumi("destroy", "--yes", "--stack", STACK).catch(() => undefined);
    c.stopStore();
  });

  test(`installs the tarball with @pulumi/pulumi ${pulumiVersion}, and one copy of it`, () => {
    const installed = (p: string) =>
      (JSON.parse(fs.readFileSync(path.join(c.dir, "node_modules", p, "package.json"), "utf8")) as { version: string })
        .version;
    expect(installed("@pulumi/pulumi")).toBe(pulumiVersion);
    expect(installed("pulumi-bigcommerce")).toBe(pkg.version);
    expect(fs.existsSync(path.join(c.dir, "node_modules", "pulumi-bigcommerce", "node_modules", "@pulumi"))).toBe(
      false,
    );
  });

  test("pulumi up creates the objects in the store, and a second preview shows no change", async () => {
    const up = await c.ok("up", "--yes", "--stack", STACK);
    expect(up.stdout).toMatch(/created/);
    const data = await c.data();
    expect(data.coupons.map((x) => x.code)).toEqual(["SPRING10"]);
    expect(data.banners).toHaveLength(1);
    await c.ok("preview", "--expect-no-changes", "--stack", STACK);
  });

  test("the drift check exits 0 while the store matches the state", async () => {
    const r = await c.command("bigcommerce-drift-check", ["--dir", ".", "--stack", STACK]);
    expect({ code: r.code, out: r.stdout, err: r.stderr }).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^No drift/),
    });
  });

  if (!opts.short) {
    test("a refresh finds nothing changed", async () => {
      const r = await c.ok("refresh", "--yes", "--stack", STACK);
      expect(r.stdout).not.toMatch(/\bupdated\b|\bdeleted\b/);
    });

    test("after an edit in the store the drift check exits 1 naming it, and the preview summary shows it", async () => {
      const [coupon] = (await c.data()).coupons;
      await c.editInStore("coupons", coupon.id, { amount: "25.0000" });
      const drift = await c.command("bigcommerce-drift-check", ["--dir", ".", "--stack", STACK]);
      expect({ code: drift.code, err: drift.stderr }).toEqual({ code: 1, err: "" });
      expect(drift.stdout).toMatch(/SPRING10/);
      expect(drift.stdout).toMatch(/amount/i);
      const preview = await c.pulumi("preview", "--refresh", "--json", "--stack", STACK);
      expect(preview.code).toBe(0);
      const summary = await c.command("bigcommerce-preview-summary", ["-", "--title", "Preview"], preview.stdout);
      expect({ code: summary.code, err: summary.stderr }).toEqual({ code: 0, err: "" });
      expect(summary.stdout).toMatch(/^### Preview/);
      expect(summary.stdout).toMatch(/SPRING10[\s\S]*drift: changed in the store/);
    });
  }

  if (opts.help) {
    test("each command answers --help from the project folder", async () => {
      for (const name of Object.keys(pkg.bin)) {
        const r = await c.command(name, ["--help"]);
        expect({ name, code: r.code, usage: r.stdout.split("\n")[0] }).toEqual({
          name,
          code: 0,
          usage: expect.stringContaining(`usage: ${name}`),
        });
      }
    });
  }

  test("pulumi destroy leaves the store empty", async () => {
    await c.ok("destroy", "--yes", "--stack", STACK);
    const data = await c.data();
    expect(data.coupons.length + data.banners.length + data.promotions.length).toBe(0);
  });
  return c;
}

describe(`a TypeScript project (strict tsconfig) with @pulumi/pulumi ${PEER_PINNED}, the pinned end of the peer range`, () => {
  consumerFlow("ts-pinned", typescriptProject, PEER_PINNED, { help: true });
});

describe(`a YAML-only campaign folder with @pulumi/pulumi ${PEER_PINNED}`, () => {
  const c = consumerFlow("yaml-pinned", yamlProject, PEER_PINNED);
  test("the schema comment of its campaign file names the installed JSON Schema", () => {
    const rel = (/\$schema=(\S+)$/.exec(SCHEMA_COMMENT) as RegExpExecArray)[1];
    const schema = JSON.parse(fs.readFileSync(path.resolve(c.dir, "campaigns", rel), "utf8")) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["campaign", "coupons", "banners"]));
  });
});

describe(`a TypeScript project with @pulumi/pulumi ${PEER_LOW}, the low end of the peer range (shorter flow)`, () => {
  consumerFlow("ts-low", typescriptProject, PEER_LOW, { short: true });
});
