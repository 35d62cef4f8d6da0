/**
 * `npm run demo` in CI: the demo itself (dist/tools/demo.js), on a free port with its own data
 * file and stack, so that it runs beside a store on 4567 and leaves the user's demo stack alone.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { freePort, REPO, runCli } from "./engine";

describe("npm run demo", () => {
  const stack = `demo-test-${process.pid}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bc-demo-"));
  const dataFile = path.join(tmp, "data.json");
  let port: number;
  let out = "";

  afterAll(() => {
    // The demo leaves its stack (like a user's demo run); remove this one.
    const bin = process.env.PULUMI_CLI_BIN as string;
    execFileSync(path.join(bin, "pulumi"), ["stack", "rm", "--force", "--yes", "--stack", stack], {
      cwd: path.join(REPO, ".tmp", "demo"),
      env: {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        PULUMI_HOME: path.join(REPO, ".tmp", "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${path.join(REPO, ".tmp", "pulumi-backend")}`,
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
      stdio: "ignore",
    });
    const stacks = path.join(REPO, ".tmp", "pulumi-backend", ".pulumi", "stacks", "holiday-campaign");
    for (const f of fs.existsSync(stacks) ? fs.readdirSync(stacks) : [])
      if (f.startsWith(`${stack}.`)) fs.rmSync(path.join(stacks, f));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("applies the campaign, prints the preview summary, catches the store edit with the drift check, in a few minutes", async () => {
    port = await freePort();
    const t0 = Date.now();
    const r = await runCli("demo", ["--port", String(port), "--data", dataFile, "--stack", stack], undefined, {
      timeoutMs: 300_000,
    });
    out = r.stdout + r.stderr;
    if (r.code !== 0) throw new Error(`demo exited ${r.code}\n${out}`);
    expect(Date.now() - t0).toBeLessThan(300_000);

    // progress, step by step
    expect(out).toMatch(/==> \[1, \d+s\] Pulumi CLI/);
    expect(out).toContain(`started (data in`);
    // the campaign applied with the real engine
    expect(out).toMatch(/Resources:\s+\+ \d+ created/);
    // the preview summary of the planned change
    expect(out).toContain("### Pulumi preview of the pull request: 1 to create, 2 to update");
    expect(out).toMatch(/- :warning: Promotion "[^"]+": discount raised from 20 % to 30 %/);
    expect(out).toContain("| Coupon EARLYBIRD10 | type per total discount, amount 10.00, minimum purchase 50.00");
    // the drift check catching the store edit, then passing after up --refresh
    expect(out).toMatch(/Drift in stack demo-test-\d+: 2 objects changed in the store/);
    expect(out).toContain("status: store DISABLED, state ENABLED");
    expect(out).toMatch(/amount: store 500\.00, state \d+\.00/);
    expect(out.indexOf("(exit code 1)")).toBeGreaterThan(0);
    expect(out.indexOf("(exit code 0)")).toBeGreaterThan(out.indexOf("(exit code 1)"));
    expect(out).toContain("The store is stopped; its data stays");
  });

  test("leaves the store stopped with its data kept, and prints no secret", async () => {
    await expect(fetch(`http://127.0.0.1:${port}/__admin/health`)).rejects.toThrow();
    const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
    expect(JSON.stringify(data)).toContain("Holiday");
    // the example's gift certificate code and the local store's token never show
    expect(out).not.toContain("HOLIDAY-BOB-2027");
    expect(out).not.toContain("local-store-token");
  });
});
