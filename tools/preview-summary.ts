/**
 * Markdown summary of a Pulumi preview, for a pull-request comment.
 *
 *   pulumi preview --json > preview.json && node dist/tools/preview-summary.js preview.json
 *   pulumi preview --refresh --json | node dist/tools/preview-summary.js -
 *
 * Options: `--title <text>` (heading). Exit codes: 0 summary printed, 2 unreadable input.
 */
import { parsePlan, renderSummary } from "./summary";
import { parseJsonDocument, readInput } from "./summary/input";

const USAGE =
  "usage: preview-summary [file | -] [--title <text>]   (reads `pulumi preview [--refresh] --json` output; - or nothing: stdin)";

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  let title: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--title") {
      title = argv[++i];
      if (title === undefined) throw new Error(`--title needs a value\n${USAGE}`);
    } else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else throw new Error(`one input only\n${USAGE}`);
  }
  file = file ?? "-";
  if (file === "-" && process.stdin.isTTY) throw new Error(`nothing on stdin\n${USAGE}`);
  const plan = parsePlan(parseJsonDocument(await readInput(file), file === "-" ? "stdin" : file));
  process.stdout.write(renderSummary(plan, { title }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`preview-summary: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
  },
);
