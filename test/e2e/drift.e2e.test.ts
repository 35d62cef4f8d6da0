/**
 * The drift check and the preview summary as commands, on a real stack against the local store:
 * `drift-check` through the driver and on `pulumi preview --refresh --json` read from stdin,
 * `preview-summary` on `pulumi preview --json`.
 */
import * as path from "node:path";
import { startLocalStore, LocalStore } from "../../store/server";
import { REPO, runCli, storeAndStack, TestStack, workDir } from "./engine";

const TOKEN = "e2e-Drift-Token-5d3e9a1c";
const NAME = "drift";
const spring = {
  name: "Spring 15",
  code: "SPRING15",
  type: "percentage_discount",
  amount: 15,
  expires: "2027-06-30",
  maxUses: 100,
};
const programArgs = { coupons: { spring } };
const driftCheckArgs = [
  "--program",
  path.join(REPO, "dist", "tools", "programs", "coupons.js"),
  "--project",
  `${NAME}-e2e`,
  "--work-dir",
  workDir(NAME),
  "--stack",
  `${NAME}-${process.pid}`,
  "--program-args",
  JSON.stringify(programArgs),
];

describe("drift-check and preview-summary against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;
  const logs: string[] = [];

  beforeAll(async () => {
    ({ store, stack } = await storeAndStack({ name: NAME, program: "coupons", programArgs, token: TOKEN }));
    await stack.ok("up");
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  const couponId = () => store.state.data.coupons[0].id;

  test("exit 0 and `No drift` right after up", async () => {
    const r = await runCli("drift-check", driftCheckArgs);
    logs.push(r.stdout, r.stderr);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      `No drift in stack ${NAME}-${process.pid}: the store matches the state of the last \`pulumi up\`.\n`,
    );
    expect(r.code).toBe(0);
  });

  test("exit 1 after an edit made directly in the store, naming the object, the field and both values; no state written", async () => {
    const res = await fetch(`${store.url}/__admin/coupons/${couponId()}`, {
      method: "PATCH",
      body: JSON.stringify({ amount: "40.0000", max_uses: 0 }),
    });
    expect(res.ok).toBe(true);
    const r = await runCli("drift-check", driftCheckArgs);
    logs.push(r.stdout, r.stderr);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Drift in stack ${NAME}-${process.pid}: 1 object changed in the store`);
    expect(r.stdout).toContain(
      "- Coupon SPRING15 (spring):\n    amount: store 40 %, state 15 %\n    use limit (maxUses): store unlimited, state 100\n",
    );
    // preview mode: the state still holds the values of the last up
    const exported = await stack.ok("export");
    const coupon = (
      exported.deployment as { resources: Array<{ type: string; inputs: Record<string, unknown> }> }
    ).resources.find((x) => x.type.endsWith(":Coupon"));
    expect(coupon?.inputs.amount).toBe("15.0000");
    expect(coupon?.inputs.maxUses).toBe(100);
  });

  test("the same from `pulumi preview --refresh --json` on stdin, and as Markdown", async () => {
    const preview = await stack.ok("previewJson", { refresh: true });
    const json = JSON.stringify(preview.json);
    const text = await runCli("drift-check", ["-"], json);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("    amount: store 40 %, state 15 %\n");
    const md = await runCli("drift-check", ["-", "--markdown"], json);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain(
      "| Coupon SPRING15 | amount | 40 % | 15 % |\n| Coupon SPRING15 | use limit | unlimited | 100 |\n",
    );
    // `pulumi refresh --preview-only --json` says that the coupon changed, not how
    const refreshOnly = await stack.ok("refreshPreviewJson");
    const counted = await runCli("drift-check", ["-"], JSON.stringify(refreshOnly.json));
    expect(counted.code).toBe(1);
    expect(counted.stdout).toContain(
      "1 more object(s) changed; `pulumi refresh --preview-only --json` does not say how",
    );
    const summary = await runCli("preview-summary", ["-"], json);
    logs.push(text.stdout, md.stdout, summary.stdout, summary.stderr);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain(
      "| Coupon SPRING15 | amount 40 % -> 15 % *(drift: changed in the store from 15 %; this puts it back)*, use limit unlimited -> 100 *(drift: changed in the store from 100; this puts it back)* |",
    );
  });

  test("preview-summary of a planned change of the code, with its risk flags", async () => {
    await stack.ok("up", { refresh: true }); // puts the store back (without --refresh, up would not see the edit)
    const preview = await stack.ok("previewJson", {
      programArgs: { coupons: { spring: { ...spring, amount: 25, expires: "", maxUses: 0 } } },
    });
    const r = await runCli("preview-summary", ["-", "--title", "Preview"], JSON.stringify(preview.json));
    logs.push(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### Preview: 1 to update\n");
    expect(r.stdout).toContain("- :warning: Coupon SPRING15: discount raised from 15 % to 25 %\n");
    expect(r.stdout).toContain(
      "- :warning: Coupon SPRING15: expires date removed (was 30 Jun 2027): it no longer ends\n",
    );
    expect(r.stdout).toContain("- :warning: Coupon SPRING15: use limit removed (was 100): unlimited uses\n");
    expect(r.stdout).toContain(
      "| Coupon SPRING15 | amount 15 % -> 25 %, expires 30 Jun 2027 -> never, use limit 100 -> unlimited |",
    );
    expect(r.stdout).not.toContain("exports.handler");
    // and the drift check does not count a code change as drift
    const drift = await runCli(
      "drift-check",
      ["-"],
      JSON.stringify(
        (
          await stack.ok("previewJson", {
            refresh: true,
            programArgs: { coupons: { spring: { ...spring, amount: 25 } } },
          })
        ).json,
      ),
    );
    expect(drift.stdout).toMatch(/^No drift/);
    expect(drift.code).toBe(0);
  });

  test("exit 2 when the store cannot be reached, saying why", async () => {
    const port = Number(new URL(store.url).port);
    await store.close();
    try {
      const r = await runCli("drift-check", driftCheckArgs);
      logs.push(r.stdout, r.stderr);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/drift-check: pulumi preview --refresh failed/);
      expect(r.stderr).toMatch(/BigCommerce API GET \/v2\/coupons/);
    } finally {
      store = await startLocalStore({ port, accessToken: TOKEN });
    }
  });

  test("bad arguments and input that is not preview JSON: exit 2", async () => {
    const r = await runCli("drift-check", ["--program", "x.js"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--stack is required/);
    const s = await runCli("drift-check", ["-"], '{"config": {}}');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/no `steps` list/);
  });

  test("no output contains the access token", () => {
    expect(logs.join("\n")).not.toContain(TOKEN);
    expect(stack.log.join("\n")).not.toContain(TOKEN);
  });
});
