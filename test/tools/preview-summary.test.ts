/** preview-summary on preview JSON files, run in-process as the command: exit code and output. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);

/** Loads the command's module with `argv` as its arguments and waits for its process.exit. */
async function previewSummary(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const savedArgv = process.argv;
  const spies = [
    jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    }),
    jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(`${a.join(" ")}\n`)),
    jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(`${a.join(" ")}\n`)),
  ];
  try {
    const code = await new Promise<number>((resolve) => {
      spies.push(jest.spyOn(process, "exit").mockImplementation(((c?: number) => resolve(c ?? 0)) as never));
      process.argv = ["node", "preview-summary", ...argv];
      // the module runs its main when loaded: a fresh copy per run
      jest.isolateModules(() => require("../../tools/preview-summary"));
    });
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    process.argv = savedArgv;
    for (const s of spies) s.mockRestore();
  }
}

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

  test("summarises a refreshed preview's drift as well", async () => {
    const { code, out } = await previewSummary(fixture("preview-refresh.json"));
    expect(code).toBe(0);
    expect(out).toContain("Spring brands");
    expect(out).toMatch(/DISABLED/);
  });

  test("exits 2 with the reason on input that is not preview JSON", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-summary-"));
    try {
      const file = path.join(dir, "bad.json");
      fs.writeFileSync(file, "{ not json");
      const { code, out, err } = await previewSummary(file);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toMatch(/^preview-summary: .*bad\.json: not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("exits 2 with the usage on a bad command line", async () => {
    for (const argv of [["--bogus"], ["a.json", "b.json"], ["--title"]]) {
      const { code, err } = await previewSummary(...argv);
      expect(code).toBe(2);
      expect(err).toMatch(/^preview-summary: (unknown option --bogus|one input only|--title needs a value)\nusage:/);
    }
  });

  test("prints the usage and exits 0 with --help", async () => {
    const { code, out } = await previewSummary("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: preview-summary /);
  });
});
