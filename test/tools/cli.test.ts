/** The shared command-line parser (tools/cli.ts) and every command's `--help`, in process. */
import { main as storeMain, STORE_COMMAND } from "../../store/cli";
import { main as benchPolicyMain, POLICY_BENCH_COMMAND } from "../../tools/bench/policy";
import { BENCH_COMMAND, main as benchMain } from "../../tools/bench/run";
import { CAMPAIGN_SCHEMA_COMMAND, main as campaignSchemaMain } from "../../tools/campaign-schema";
import { command, exitWith, helpText, parseCommandLine, runCommand, UsageError } from "../../tools/cli";
import { DEMO_COMMAND, main as demoMain } from "../../tools/demo";
import { DRIFT_CHECK_COMMAND, main as driftCheckMain } from "../../tools/drift-check";
import { EXPORT_COMMAND, main as exportMain } from "../../tools/export";
import { main as previewSummaryMain, PREVIEW_SUMMARY_COMMAND } from "../../tools/preview-summary";
import { main as seedMain, SEED_COMMAND } from "../../tools/seed";

const demo = command({
  name: "demo-cmd",
  usage: ["demo-cmd [--out FILE] [--count N] [--verbose] [input]"],
  description: "A command for the tests.",
  options: {
    out: { type: "string", value: "FILE", default: "out.txt", description: "where to write" },
    count: { type: "number", integer: true, min: 0, description: "how many", defaultText: "all of them" },
    ratio: { type: "number", description: "a fraction" },
    verbose: { type: "boolean", short: "v", description: "say more" },
    tag: { type: "string", multiple: true, description: "a tag" },
  },
  positionals: { value: "input", description: "the input file", max: 1 },
  exitCodes: [
    [0, "done"],
    [2, "bad arguments"],
  ],
  examples: ["demo-cmd --out x.txt in.json"],
});

function usageError(argv: string[]): string {
  try {
    parseCommandLine(demo, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(argv)} parsed`);
}

let stdout: string[];
let stderr: string[];
beforeEach(() => {
  stdout = [];
  stderr = [];
  jest.spyOn(process.stdout, "write").mockImplementation((s) => (stdout.push(String(s)), true));
  jest.spyOn(process.stderr, "write").mockImplementation((s) => (stderr.push(String(s)), true));
});
afterEach(() => jest.restoreAllMocks());

describe("parseCommandLine", () => {
  test("values typed, defaults applied, absent options left out", () => {
    const p = parseCommandLine(demo, ["--count", "3", "-v", "--tag", "a", "--tag=b", "--ratio=0.5", "in.json"]);
    expect(p).toMatchObject({ help: false, positionals: ["in.json"] });
    expect(p.values).toEqual({ out: "out.txt", count: 3, ratio: 0.5, verbose: true, tag: ["a", "b"] });
    expect(p.given).toEqual({ count: "3", verbose: true, tag: ["a", "b"], ratio: "0.5" });
    expect(parseCommandLine(demo, []).values).toEqual({ out: "out.txt" });
    // "-" is an input (standard input), also as a value
    expect(parseCommandLine(demo, ["--out", "-", "-"])).toMatchObject({ values: { out: "-" }, positionals: ["-"] });
  });

  test("--help and -h, also next to a mistake", () => {
    expect(parseCommandLine(demo, ["--help"]).help).toBe(true);
    expect(parseCommandLine(demo, ["-h"]).help).toBe(true);
    expect(parseCommandLine(demo, ["--bogus", "--help"]).help).toBe(true);
  });

  test("an unknown option is named", () => {
    expect(usageError(["--bogus"])).toBe('unknown argument "--bogus"');
    expect(usageError(["-x"])).toBe('unknown argument "-x"');
    expect(usageError(["--bogus=1"])).toBe('unknown argument "--bogus"');
    const own = command({ ...demo, unknownOption: (t: string) => `unknown flag ${t}` });
    expect(() => parseCommandLine(own, ["--nope"])).toThrow("unknown flag --nope");
  });

  test("a missing value, at the end, empty, or an option where the value should be", () => {
    expect(usageError(["--out"])).toBe("--out needs a value");
    expect(usageError(["--out="])).toBe("--out needs a value");
    expect(usageError(["--out", ""])).toBe("--out needs a value");
    expect(usageError(["--out", "--verbose"])).toBe(
      '--out needs a value (--verbose reads as an option; write --out=--verbose for a value starting with "-")',
    );
    expect(parseCommandLine(demo, ["--out=--verbose"]).values.out).toBe("--verbose");
  });

  test("a number option given text, a fraction where an integer is due, below the least", () => {
    expect(usageError(["--count", "many"])).toBe('--count: must be a non-negative integer (got "many")');
    expect(usageError(["--count", "1.5"])).toBe('--count: must be a non-negative integer (got "1.5")');
    expect(usageError(["--count", "-1"])).toMatch(/^--count needs a value/);
    expect(usageError(["--count=-1"])).toBe('--count: must be a non-negative integer (got "-1")');
    expect(usageError(["--ratio", "x"])).toBe('--ratio: must be a number (got "x")');
    expect(usageError(["--ratio", " "])).toBe('--ratio: must be a number (got " ")');
  });

  test("a value for a switch, too many inputs", () => {
    expect(usageError(["--verbose=yes"])).toBe("--verbose takes no value");
    expect(usageError(["a", "b"])).toBe('one input only (got "a", "b")');
    const none = command({ ...demo, positionals: undefined });
    expect(() => parseCommandLine(none, ["a"])).toThrow('unexpected argument "a"');
  });
});

describe("helpText", () => {
  const text = helpText(demo);

  test("usage, description, every option with its value, description and default, exit codes, example", () => {
    expect(text.startsWith("usage: demo-cmd [--out FILE]")).toBe(true);
    expect(text).toContain("A command for the tests.");
    expect(text).toMatch(/--out FILE +where to write \(default: out\.txt\)/);
    expect(text).toMatch(/--count N +how many \(default: all of them\)/);
    expect(text).toMatch(/--ratio N +a fraction\n/);
    expect(text).toMatch(/-v, --verbose +say more\n/);
    expect(text).toMatch(/--tag VALUE +a tag \(may be repeated\)/);
    expect(text).toMatch(/-h, --help +print this help and exit/);
    expect(text).toMatch(/input +the input file/);
    expect(text).toContain("Exit codes:\n  0  done\n  2  bad arguments");
    expect(text).toContain("Example:\n  demo-cmd --out x.txt in.json");
  });

  test("lines stay within 100 columns but for the usage and the examples", () => {
    const long = command({ ...demo, description: "word ".repeat(60) });
    for (const line of helpText(long)
      .split("\n")
      .filter((l) => !/^(usage:| {2}demo-cmd)/.test(l)))
      expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe("runCommand", () => {
  test("--help prints the help on stdout: exit 0, the body not run", async () => {
    const body = jest.fn(() => 0);
    expect(await runCommand(demo, ["--help"], body)).toBe(0);
    expect(body).not.toHaveBeenCalled();
    expect(stdout.join("")).toBe(helpText(demo));
  });

  test("a usage error, from the parse or from the body: exit 2, named, with the usage and --help", async () => {
    expect(await runCommand(demo, ["--bogus"], () => 0)).toBe(2);
    expect(stderr.join("")).toBe(
      'demo-cmd: unknown argument "--bogus"\nusage: demo-cmd [--out FILE] [--count N] [--verbose] [input]\n(--help lists every option)\n',
    );
    stderr = [];
    expect(
      await runCommand(demo, [], () => {
        throw new UsageError("--out and --count do not go together");
      }),
    ).toBe(2);
    expect(stderr.join("")).toMatch(/^demo-cmd: --out and --count do not go together\n/);
    expect(stdout).toEqual([]);
  });

  test("other errors are the caller's; the body's exit code is returned", async () => {
    await expect(
      runCommand(demo, [], () => {
        throw new Error("store unreachable");
      }),
    ).rejects.toThrow("store unreachable");
    expect(await runCommand(demo, ["--count", "2"], ({ values }) => values.count ?? 0)).toBe(2);
  });
});

describe("exitWith", () => {
  const settle = () => new Promise((r) => setImmediate(r));

  test("exits with the code, not at all without one, and with the failure code on an error", async () => {
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    exitWith(Promise.resolve(1), { prefix: "x: ", code: 2 });
    exitWith(Promise.resolve(), { prefix: "x: ", code: 2 });
    exitWith(Promise.reject(new Error("boom")), { prefix: "x: ", code: 2 });
    await settle();
    expect(exit.mock.calls).toEqual([[1], [2]]);
    expect(stderr.join("")).toBe("x: boom\n");
  });
});

describe("every command's --help", () => {
  test.each([
    [
      "export",
      exportMain,
      EXPORT_COMMAND,
      ["--out", "--name", "--force", "--stack", "--skip-managed", "--api-url", "--store-hash"],
    ],
    [
      "drift-check",
      driftCheckMain,
      DRIFT_CHECK_COMMAND,
      ["--dir", "--program", "--project", "--work-dir", "--stack", "--program-args", "--markdown"],
    ],
    ["preview-summary", previewSummaryMain, PREVIEW_SUMMARY_COMMAND, ["--title", "--policy-events"]],
    ["bench-policy", benchPolicyMain, POLICY_BENCH_COMMAND, ["--n", "--repeat"]],
    ["seed", seedMain, SEED_COMMAND, ["--api-url"]],
    ["demo", demoMain, DEMO_COMMAND, ["--port", "--data", "--stack"]],
    [
      "bench",
      benchMain,
      BENCH_COMMAND,
      [
        "--n",
        "--quick",
        "--no-baseline",
        "--scenarios",
        "--no-mix",
        "--repeat",
        "--latency-ms",
        "--quota",
        "--window-ms",
      ],
    ],
    [
      "store",
      storeMain,
      STORE_COMMAND,
      [
        "--port",
        "--data",
        "--quota",
        "--window-ms",
        "--latency-ms",
        "--token",
        "--read-only-token",
        "--fault-seed",
        "--fault-error-rate",
        "--fault-drop-rate",
        "--fault-lost-response-rate",
        "--fault-slow-rate",
        "--fault-slow-ms",
        "--fault-others-share",
        "--fault-storm-ms",
        "--fault-storm-after",
      ],
    ],
    ["campaign-schema", campaignSchemaMain, CAMPAIGN_SCHEMA_COMMAND, []],
  ])("%s: exit 0, every option, an example", async (_name, main, spec, flags) => {
    for (const h of ["--help", "-h"]) {
      stdout = [];
      expect(await main([h])).toBe(0);
      const text = stdout.join("");
      expect(text).toBe(helpText(spec));
      expect(text).toMatch(/^usage: /);
      for (const f of [...flags, "--help"]) expect(text).toMatch(new RegExp(`^ +(-\\w, )?${f}\\b`, "m"));
      // and nothing the table does not have
      expect(Object.keys(spec.options).map((o) => `--${o}`)).toEqual(flags);
      expect(text).toMatch(/\nExamples?:\n {2}\S/);
    }
    expect(stderr).toEqual([]);
  });

  test("the documented exit codes of the drift check", () => {
    expect(helpText(DRIFT_CHECK_COMMAND)).toMatch(
      /Exit codes:\n {2}0 {2}no drift\n {2}1 {2}something drifted\n {2}2 {2}the check could not run/,
    );
  });

  test.each([
    [
      "drift-check",
      ["--program", "x.js", "--stack", "s"],
      driftCheckMain,
      /^drift-check: --program needs --project and --work-dir\n/,
    ],
    ["drift-check", ["--program-args", "{"], driftCheckMain, /^drift-check: --program-args: must be JSON\n/],
    ["drift-check", ["a.json", "--dir", "x", "--stack", "s"], driftCheckMain, /either a JSON input or --dir/],
    ["preview-summary", ["--title"], previewSummaryMain, /^preview-summary: --title needs a value\n/],
    ["preview-summary", ["a", "b"], previewSummaryMain, /^preview-summary: one input only/],
    ["seed", ["--api-url"], seedMain, /^seed: --api-url needs a value\n/],
    ["demo", ["--port", "x"], demoMain, /^demo: --port: must be a positive integer \(got "x"\)\n/],
    ["bench", ["--n", "0"], benchMain, /^bench: --n: must be positive integers/],
    ["store", ["--fault-error-rate", "2"], storeMain, /^store: --fault-error-rate: must be a number from 0 to 1\n/],
    ["store", ["--port", "x"], storeMain, /^store: --port: must be a non-negative integer/],
    ["campaign-schema", ["--out", "x"], campaignSchemaMain, /^campaign-schema: unknown argument "--out"\n/],
  ])("%s %j: exit 2, says why and points to --help", async (_name, argv, main, message) => {
    expect(await main(argv)).toBe(2);
    expect(stderr.join("")).toMatch(message);
    expect(stderr.join("")).toContain("--help");
    expect(stdout).toEqual([]);
  });
});
