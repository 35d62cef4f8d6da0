/**
 * Drift check: refreshes from the store in preview mode (nothing is written to the state),
 * prints what changed in the store per object (field, store value, state value) and exits
 * 1 when anything drifted, 0 when nothing did, 2 on errors (store unreachable, bad input).
 *
 * Two ways to run it:
 *   node dist/tools/drift-check.js --dir examples/spring-campaign --stack demo
 *       runs `pulumi preview --refresh --json` of a program of this repository through the
 *       Automation API driver (the folder's Pulumi.yaml gives the project and the compiled
 *       program; `--program <file.js> --project <name> --work-dir <dir>` instead for a bare
 *       program, `--program-args <json>` for what its default export receives);
 *   pulumi preview --refresh --json --stack prod | node dist/tools/drift-check.js -
 *       reads the JSON of your own `pulumi` (a file name instead of `-` reads a file; the JSON
 *       of `pulumi refresh --preview-only --json` is read too, but says only which objects
 *       changed, not how).
 * `--markdown` prints Markdown instead of plain text; `--help` lists every option.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { command, exitWith, Parsed, runCommand, UsageError } from "./cli";
import { runOperation } from "./driver";
import { driftReport, parsePlan, renderDriftMarkdown, renderDriftText } from "./summary";
import { parseJsonDocument, readInput } from "./summary/input";

export const DRIFT_CHECK_COMMAND = command({
  name: "drift-check",
  usage: [
    "drift-check --dir <project folder> --stack <stack> [--program-args <json>] [--markdown]",
    "drift-check --program <compiled program.js> --project <name> --work-dir <dir> --stack <stack> [--program-args <json>] [--markdown]",
    "drift-check [file | -] [--markdown]     (JSON of `pulumi preview --refresh --json`; -: stdin)",
  ],
  description:
    "Refreshes from the store in preview mode (nothing is written to the state) and prints each object that changed in the store since the last `pulumi up`, with each field's store value and state value. It runs `pulumi preview --refresh --json` of a program of this repository through the Automation API driver (--dir, or --program for a bare program), or reads that JSON from a file or standard input. The JSON of `pulumi refresh --preview-only --json` is read too, but says only which objects changed, not how.",
  options: {
    dir: {
      type: "string",
      value: "DIR",
      description: "a project folder: its Pulumi.yaml gives the project name and the compiled program",
    },
    program: { type: "string", value: "FILE", description: "a compiled program (.js); needs --project and --work-dir" },
    project: { type: "string", value: "NAME", description: "the project name, with --program" },
    "work-dir": { type: "string", value: "DIR", description: "the working folder of the stack, with --program" },
    stack: { type: "string", value: "STACK", description: "the stack to check; required with --dir or --program" },
    "program-args": { type: "string", value: "JSON", description: "what the program's default export receives" },
    markdown: { type: "boolean", description: "print a Markdown table instead of plain text" },
  },
  positionals: {
    value: "file | -",
    description: "the JSON of `pulumi preview --refresh --json` (- or nothing: standard input)",
    max: 1,
  },
  exitCodes: [
    [0, "no drift"],
    [1, "something drifted"],
    [2, "the check could not run (store unreachable, bad arguments, input that is not preview JSON)"],
  ],
  examples: [
    "pulumi preview --refresh --json --stack prod | node dist/tools/drift-check.js -",
    "node dist/tools/drift-check.js --dir examples/spring-campaign --stack demo",
  ],
});

interface Args {
  file?: string;
  dir?: string;
  program?: string;
  project?: string;
  workDir?: string;
  stack?: string;
  programArgs?: unknown;
  markdown: boolean;
}

function driftArgs({ values: v, positionals }: Parsed<typeof DRIFT_CHECK_COMMAND.options>): Args {
  const a: Args = {
    file: positionals[0],
    dir: v.dir,
    program: v.program,
    project: v.project,
    workDir: v["work-dir"],
    stack: v.stack,
    markdown: v.markdown ?? false,
  };
  if (v["program-args"] !== undefined) {
    try {
      a.programArgs = JSON.parse(v["program-args"]);
    } catch {
      throw new UsageError(`--program-args: must be JSON`);
    }
  }
  const engine = a.dir !== undefined || a.program !== undefined;
  if (engine && a.file !== undefined) throw new UsageError(`give either a JSON input or --dir/--program, not both`);
  if (engine && !a.stack) throw new UsageError(`--stack is required with --dir or --program`);
  if (a.program !== undefined && (!a.project || !a.workDir))
    throw new UsageError(`--program needs --project and --work-dir`);
  return a;
}

/** Preview JSON of a stack of this repository's programs, through the driver. */
async function previewThroughDriver(a: Args): Promise<unknown> {
  let workDir: string;
  let projectName: string;
  let program: string;
  if (a.dir !== undefined) {
    workDir = path.resolve(a.dir);
    const file = path.join(workDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new Error(`--dir: no Pulumi.yaml in ${workDir}`);
    const project = parseYaml(fs.readFileSync(file, "utf8")) as { name?: string; main?: string };
    if (!project.name) throw new Error(`${file}: no project name`);
    projectName = project.name;
    program = path.resolve(workDir, project.main ?? "index.js");
    // As the pulumi CLI does: the program runs in its project folder (relative paths in config).
    process.chdir(workDir);
  } else {
    workDir = path.resolve(a.workDir as string);
    projectName = a.project as string;
    program = path.resolve(a.program as string);
  }
  if (!fs.existsSync(program)) throw new Error(`program ${program} not found (run \`npm run build\` first)`);
  const r = await runOperation({
    op: "previewJson",
    refresh: true,
    workDir,
    projectName,
    stackName: a.stack as string,
    program,
    programArgs: a.programArgs,
  });
  if (!r.ok || !r.json)
    throw new Error(
      `pulumi preview --refresh failed:\n${diagnostics(r.json) || engineErrors(r.error ?? "", r.stderr)}`,
    );
  // (the preview JSON carries its errors too: parsePlan reads them from `diagnostics`)
  return r.json;
}

/** The error diagnostics of the preview JSON (a failed preview prints them there), one per line. */
function diagnostics(json: unknown): string {
  const list =
    (json as { diagnostics?: Array<{ urn?: string; message?: string; severity?: string }> } | undefined)?.diagnostics ??
    [];
  const lines = list
    .filter((d) => d.severity === "error" && d.message)
    .map((d) => `${d.urn ? `${d.urn.slice(d.urn.lastIndexOf("::") + 2)}: ` : ""}${(d.message as string).trim()}`);
  return [...new Set(lines)].join("\n");
}

/** The error lines of a failed engine run, without the JSON document it printed. */
function engineErrors(error: string, stderr: string): string {
  const lines = `${error}\n${stderr}`.split("\n").map((l) => l.trim());
  const errors = lines.filter((l) => /error/i.test(l) && !l.startsWith("{") && !l.startsWith('"'));
  return [...new Set(errors)].slice(0, 20).join("\n") || error.slice(0, 2000);
}

/** The drift check on a command line; resolves with the exit code (runtime errors reject). */
export function main(argv: string[]): Promise<number> {
  return runCommand(DRIFT_CHECK_COMMAND, argv, async (parsed) => {
    const a = driftArgs(parsed);
    let doc: unknown;
    let where = "";
    if (a.dir !== undefined || a.program !== undefined) {
      where = `stack ${a.stack}`;
      doc = await previewThroughDriver(a);
    } else {
      const file = a.file ?? "-";
      if (file === "-" && process.stdin.isTTY) throw new UsageError(`nothing on stdin`);
      doc = parseJsonDocument(await readInput(file), file === "-" ? "stdin" : file);
    }
    const report = driftReport(parsePlan(doc));
    process.stdout.write(a.markdown ? renderDriftMarkdown(report, where) : renderDriftText(report, where));
    return report.drifted ? 1 : 0;
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "drift-check: ", code: 2 });
