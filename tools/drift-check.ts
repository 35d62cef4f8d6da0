#!/usr/bin/env node
/**
 * Drift check: refreshes from the store in preview mode (nothing is written to the state),
 * prints what changed in the store per object (field, store value, state value) and exits
 * 1 when anything drifted, 0 when nothing did, 2 on errors (store unreachable, bad input).
 *
 * Three ways to run it:
 *   bigcommerce-drift-check --dir . --stack prod
 *       runs `pulumi preview --refresh --json --stack prod` with the `pulumi` CLI in the project
 *       folder (any program Pulumi runs: TypeScript, JavaScript, a YAML-only campaign folder);
 *   pulumi preview --refresh --json --stack prod | bigcommerce-drift-check -
 *       reads that JSON (a file name instead of `-` reads a file; the JSON of
 *       `pulumi refresh --preview-only --json` is read too, but says only which objects
 *       changed, not how);
 *   --program <file.js> --project <name> --work-dir <dir>: a bare compiled program of this
 *       repository through the Automation API driver, `--program-args <json>` for what its
 *       default export receives.
 * `--markdown` prints Markdown instead of plain text; `--help` lists every option.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { command, exitWith, Parsed, runCommand, UsageError } from "./cli";
import { parseJsonOutput, runOperation } from "./driver";
import { driftReport, parsePlan, renderDriftMarkdown, renderDriftText } from "./summary";
import { parseJsonDocument, readInput } from "./summary/input";

export const DRIFT_CHECK_COMMAND = command({
  name: "drift-check",
  usage: [
    "bigcommerce-drift-check --dir <project folder> --stack <stack> [--markdown]",
    "bigcommerce-drift-check [file | -] [--markdown]     (JSON of `pulumi preview --refresh --json`; -: stdin)",
    "bigcommerce-drift-check --program <compiled program.js> --project <name> --work-dir <dir> --stack <stack> [--program-args <json>] [--markdown]",
  ],
  description:
    "Refreshes from the store in preview mode (nothing is written to the state) and prints each object that changed in the store since the last `pulumi up`, with each field's store value and state value. With --dir it runs `pulumi preview --refresh --json` with the `pulumi` CLI in that project folder (whatever program the folder's Pulumi.yaml runs); it also reads that JSON from a file or standard input, or runs a bare compiled program through the Automation API driver (--program). The JSON of `pulumi refresh --preview-only --json` is read too, but says only which objects changed, not how.",
  options: {
    dir: {
      type: "string",
      value: "DIR",
      description: "a project folder with a Pulumi.yaml: runs the `pulumi` CLI there (PULUMI_CLI_BIN's, else PATH's)",
    },
    program: { type: "string", value: "FILE", description: "a compiled program (.js); needs --project and --work-dir" },
    project: { type: "string", value: "NAME", description: "the project name, with --program" },
    "work-dir": { type: "string", value: "DIR", description: "the working folder of the stack, with --program" },
    stack: { type: "string", value: "STACK", description: "the stack to check; required with --dir or --program" },
    "program-args": {
      type: "string",
      value: "JSON",
      description: "what the program's default export receives, with --program",
    },
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
    "bigcommerce-drift-check --dir . --stack prod",
    "pulumi preview --refresh --json --stack prod | bigcommerce-drift-check -",
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
  if (a.dir !== undefined && a.program !== undefined) throw new UsageError(`give either --dir or --program, not both`);
  if (a.programArgs !== undefined && a.program === undefined)
    throw new UsageError(`--program-args: only with --program (a --dir project reads its own config)`);
  if (a.program !== undefined && (!a.project || !a.workDir))
    throw new UsageError(`--program needs --project and --work-dir`);
  return a;
}

/**
 * Preview JSON of the stack of a project folder: `pulumi preview --refresh --json` run in the
 * folder by the `pulumi` CLI (PULUMI_CLI_BIN's, else the one on PATH), as a user runs it, so
 * that any program Pulumi runs works: TypeScript through Pulumi's own ts-node, JavaScript, the
 * YAML-only campaign program.
 */
function previewInFolder(a: Args): unknown {
  const dir = path.resolve(a.dir as string);
  if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) throw new Error(`--dir: no Pulumi.yaml in ${dir}`);
  const bin = process.env.PULUMI_CLI_BIN;
  const pulumi = bin && fs.existsSync(path.join(bin, "pulumi")) ? path.join(bin, "pulumi") : "pulumi";
  const r = spawnSync(pulumi, ["preview", "--refresh", "--json", "--stack", a.stack as string, "--non-interactive"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 30, // the JSON of hundreds of resources is well over the 1 MB default
  });
  if (r.error)
    throw new Error(`could not run \`${pulumi}\` (${r.error.message}): install the Pulumi CLI or put it on PATH`);
  const json = parseJsonOutput(r.stdout);
  if (r.status !== 0 || !json)
    throw new Error(`pulumi preview --refresh failed:\n${diagnostics(json) || engineErrors(r.stdout, r.stderr)}`);
  // (the preview JSON carries its errors too: parsePlan reads them from `diagnostics`)
  return json;
}

/** A compiled program of this repository (no Pulumi.yaml), through the Automation API driver. */
async function previewThroughDriver(a: Args): Promise<unknown> {
  const r = await runOperation({
    op: "previewJson",
    refresh: true,
    workDir: path.resolve(a.workDir as string),
    projectName: a.project as string,
    stackName: a.stack as string,
    program: path.resolve(a.program as string),
    programArgs: a.programArgs,
  });
  if (!r.ok || !r.json)
    throw new Error(
      `pulumi preview --refresh failed:\n${diagnostics(r.json) || engineErrors(r.error ?? "", r.stderr)}`,
    );
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
      doc = a.dir !== undefined ? previewInFolder(a) : await previewThroughDriver(a);
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
