/** preview-summary on preview JSON files, run in-process as the command: exit code and output. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../tools/preview-summary";
import { runMain } from "./run-command";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);

const previewSummary = (...argv: string[]) => runMain(main, argv);

describe("preview-summary", () => {
  test("prints the Markdown summary of a preview and exits 0", async () => {
    const { code, out, err } = await previewSummary(fixture("preview.json"));
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toMatch(/^### /);
    expect(out).toContain("SPRING15");
    expect(out).toMatch(/replace/i);
  });

  test("uses the --title given as the heading", async () => {
    const { code, out } = await previewSummary(fixture("preview.json"), "--title", "Plan of prod");
    expect(code).toBe(0);
    expect(out).toMatch(/^### Plan of prod/);
  });

  test("adds the policy violations of --policy-events, the engine events of the same preview", async () => {
    const events = fixture("preview-policy-failed.events.jsonl");
    const { code, out } = await previewSummary(fixture("preview-policy-failed.json"), "--policy-events", events);
    expect(code).toBe(0);
    expect(out).toContain("Mandatory (3): the preview fails until these are fixed");
    expect(out).toContain("`max-discount` Coupon BIG: amount: 150 off is above the cap of 100");
  });

  test("summarises a refreshed preview's drift as well", async () => {
    const { code, out } = await previewSummary(fixture("preview-refresh.json"));
    expect(code).toBe(0);
    expect(out).toContain("Spring brands");
    expect(out).toMatch(/DISABLED/);
  });

  test("refuses input that is not preview JSON, naming the file (the command exits 2)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-summary-"));
    try {
      const file = path.join(dir, "bad.json");
      fs.writeFileSync(file, "{ not json");
      await expect(previewSummary(file)).rejects.toThrow(/bad\.json: not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("exits 2 with the usage on a bad command line", async () => {
    for (const argv of [["--bogus"], ["a.json", "b.json"], ["--title"]]) {
      const { code, err } = await previewSummary(...argv);
      expect(code).toBe(2);
      expect(err).toMatch(
        /^preview-summary: (unknown argument "--bogus"|one input only \(got "a.json", "b.json"\)|--title needs a value)\nusage:/,
      );
    }
  });

  test("prints the usage and exits 0 with --help", async () => {
    const { code, out } = await previewSummary("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: bigcommerce-preview-summary /);
  });
});
