/** drift-check on preview JSON files: its exit code (0 no drift, 1 drift, an error for 2) and what it prints. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../tools/drift-check";
import { runMain } from "./run-command";

const FIXTURES = path.join(__dirname, "fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);

const driftCheck = (...argv: string[]) => runMain(main, argv);

/** A refreshed preview in which the store holds what the state does: preview-refresh.json, its refresh steps unchanged. */
function noDriftFile(dir: string): string {
  const doc = JSON.parse(fs.readFileSync(fixture("preview-refresh.json"), "utf8")) as {
    steps: Array<{ op: string; urn: string; oldState?: unknown; newState?: unknown }>;
  };
  const refreshes = doc.steps.filter((s) => s.op === "refresh").map((s) => ({ ...s, newState: s.oldState }));
  const same = refreshes.map((s) => ({ op: "same", urn: s.urn, oldState: s.oldState, newState: s.oldState }));
  const file = path.join(dir, "no-drift.json");
  fs.writeFileSync(file, JSON.stringify({ ...doc, steps: [...refreshes, ...same], changeSummary: { same: 8 } }));
  return file;
}

describe("drift-check on preview JSON", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "drift-check-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("exits 1 on drift and lists each object's changed fields, store value against state value", async () => {
    const { code, out } = await driftCheck(fixture("preview-refresh.json"));
    expect(code).toBe(1);
    expect(out).toMatch(/^Drift: 4 objects changed in the store since the last `pulumi up`\./);
    expect(out).toContain("- Gift certificate for Alyss (alyss):\n    amount: store 100.00, state 50.00");
    expect(out).toContain('- Promotion "Spring brands" (brands):\n    status: store DISABLED, state ENABLED');
    expect(out).toContain('- Banner "Spring banner" (top): deleted in the store');
    expect(out).toContain(
      "- Coupon SPRING15 (spring):\n    amount: store 30 %, state 15 %\n    use limit (maxUses): store unlimited, state 100",
    );
    expect(out).toContain("`pulumi up --refresh` puts the code's values back");
  });

  test("prints the drift as a Markdown table with --markdown", async () => {
    const { code, out } = await driftCheck(fixture("preview-refresh.json"), "--markdown");
    expect(code).toBe(1);
    expect(out).toContain("### Drift");
    expect(out).toContain("| Object | Field | In the store | Last applied |");
    expect(out).toContain("| Coupon SPRING15 | use limit | unlimited | 100 |");
    expect(out).toContain('| Banner "Spring banner" | | deleted | |');
  });

  test("from `pulumi refresh --preview-only --json` names the deleted objects and counts the others", async () => {
    const { code, out } = await driftCheck(fixture("refresh-preview-only.json"));
    expect(code).toBe(1);
    expect(out).toContain('- Banner "Spring banner" (top): deleted in the store');
    expect(out).toContain("3 more object(s) changed; `pulumi refresh --preview-only --json` does not say how");
  });

  test("exits 0 when the store holds what the state does", async () => {
    const { code, out } = await driftCheck(noDriftFile(tmp));
    expect(code).toBe(0);
    expect(out).toBe("No drift: the store matches the state of the last `pulumi up`.\n");
  });

  test("refuses a preview that did not refresh, which cannot show drift", async () => {
    await expect(driftCheck(fixture("preview.json"))).rejects.toThrow(
      /^this preview did not refresh from the store: run `pulumi preview --refresh --json`/,
    );
  });

  test("fails with the errors of a failed preview: a check refused, the store down", async () => {
    await expect(driftCheck(fixture("preview-failed-check.json"))).rejects.toThrow(
      /^the preview failed:\na: .*property code value \{A A%\} has a problem: code: may contain only letters/,
    );
    await expect(driftCheck(fixture("preview-refresh-store-down.json"))).rejects.toThrow(
      /gave up after 5 attempts over 4\.5 s \(last: connection failed \(ECONNREFUSED\)\)/,
    );
  });

  test("fails on input that is not preview JSON", async () => {
    const notJson = path.join(tmp, "not.json");
    fs.writeFileSync(notJson, "no braces here");
    await expect(driftCheck(notJson)).rejects.toThrow(/no JSON found/);
    const noSteps = path.join(tmp, "no-steps.json");
    fs.writeFileSync(noSteps, "{}");
    await expect(driftCheck(noSteps)).rejects.toThrow(/it has no `steps` list/);
    await expect(driftCheck(path.join(tmp, "missing.json"))).rejects.toThrow();
  });

  test("refuses options it does not know and contradictory arguments with exit 2, the reason and the usage", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--bogus"], /^drift-check: unknown argument "--bogus"\nusage:/],
      [["a.json", "b.json"], /^drift-check: one input only/],
      [["a.json", "--dir", "x", "--stack", "s"], /either a JSON input or --dir/],
      [["--dir", "x"], /--stack is required/],
      [["--program", "p.js", "--stack", "s"], /--program needs --project/],
      [["--program-args", "{bad", "x.json"], /--program-args: must be JSON/],
    ];
    for (const [argv, reason] of cases) {
      const { code, out, err } = await driftCheck(...argv);
      expect({ argv, code, out }).toEqual({ argv, code: 2, out: "" });
      expect(err).toMatch(reason);
      expect(err).toContain("--help");
    }
  });

  test("prints the usage and exits 0 with --help", async () => {
    const { code, out, err } = await driftCheck("--help");
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toMatch(/^usage: bigcommerce-drift-check --dir/);
  });

  test("fails before running the engine on a --dir without Pulumi.yaml", async () => {
    await expect(driftCheck("--dir", tmp, "--stack", "dev")).rejects.toThrow(/^--dir: no Pulumi\.yaml in /);
  });
});
