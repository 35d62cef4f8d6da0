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
 * `--markdown` prints Markdown instead of plain text.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { runOperation } from "./driver";
import { driftReport, parsePlan, renderDriftMarkdown, renderDriftText } from "./summary";
import { parseJsonDocument, readInput } from "./summary/input";

const USAGE = `usage:
  drift-check --dir <project folder> --stack <stack> [--program-args <json>] [--markdown]
  drift-check --program <compiled program.js> --project <name> --work-dir <dir> --stack <stack> [--program-args <json>] [--markdown]
  drift-check [file | -] [--markdown]     (JSON of \`pulumi preview --refresh --json\`; -: stdin)`;

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

function parseArgs(argv: string[]): Args {
  const a: Args = { markdown: false };
  const value = (i: number, name: string) => {
    const v = argv[i];
    if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const o = argv[i];
    switch (o) {
      case "--dir":
        a.dir = value(++i, o);
        break;
      case "--program":
        a.program = value(++i, o);
        break;
      case "--project":
        a.project = value(++i, o);
        break;
      case "--work-dir":
        a.workDir = value(++i, o);
        break;
      case "--stack":
        a.stack = value(++i, o);
        break;
      case "--program-args": {
        const raw = value(++i, o);
        try {
          a.programArgs = JSON.parse(raw);
        } catch {
          throw new Error(`--program-args: must be JSON`);
        }
        break;
      }
      case "--markdown":
        a.markdown = true;
        break;
      default:
        if (o.startsWith("--")) throw new Error(`unknown option ${o}\n${USAGE}`);
        if (a.file !== undefined) throw new Error(`one input only\n${USAGE}`);
        a.file = o;
    }
  }
  const engine = a.dir !== undefined || a.program !== undefined;
  if (engine && a.file !== undefined)
    throw new Error(`give either a JSON input or --dir/--program, not both\n${USAGE}`);
  if (engine && !a.stack) throw new Error(`--stack is required with --dir or --program\n${USAGE}`);
  if (a.program !== undefined && (!a.project || !a.workDir))
    throw new Error(`--program needs --project and --work-dir\n${USAGE}`);
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

/** The command with its arguments: 0 nothing drifted, 1 drift; throws on errors (the command exits 2). */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  const a = parseArgs(argv);
  let doc: unknown;
  let where = "";
  if (a.dir !== undefined || a.program !== undefined) {
    where = `stack ${a.stack}`;
    doc = await previewThroughDriver(a);
  } else {
    const file = a.file ?? "-";
    if (file === "-" && process.stdin.isTTY) throw new Error(`nothing on stdin\n${USAGE}`);
    doc = parseJsonDocument(await readInput(file), file === "-" ? "stdin" : file);
  }
  const report = driftReport(parsePlan(doc));
  process.stdout.write(a.markdown ? renderDriftMarkdown(report, where) : renderDriftText(report, where));
  return report.drifted ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`drift-check: ${e instanceof Error ? e.message : e}`);
      process.exit(2);
    },
  );
}
