#!/usr/bin/env node
/**
 * Markdown summary of a Pulumi preview, for a pull-request comment.
 *
 *   pulumi preview --json > preview.json && bigcommerce-preview-summary preview.json
 *   pulumi preview --refresh --json | bigcommerce-preview-summary -
 *
 * Options: `--title <text>` (heading); `--policy-events <file>` (the engine events of a preview with a
 * policy pack, see tools/summary/policy.ts); `--help`. Exit codes: 0 summary printed, 2 unreadable input.
 */
import { command, exitWith, runCommand, UsageError } from "./cli";
import { parsePlan, renderSummary } from "./summary";
import { parseJsonDocument, readInput } from "./summary/input";
import { policyViolations } from "./summary/policy";

export const PREVIEW_SUMMARY_COMMAND = command({
  name: "preview-summary",
  usage: [
    "bigcommerce-preview-summary [file | -] [--title <text>] [--policy-events <file>]   (reads `pulumi preview [--refresh] --json` output; - or nothing: stdin)",
  ],
  description:
    "Turns the JSON of `pulumi preview --json` into Markdown for a pull-request comment: risks first (discounts raised, limits removed, used objects deleted), then one table per operation naming each object the way people know it. With `pulumi preview --refresh --json`, it also says which changes put back an edit made in the store (drift).",
  options: {
    title: { type: "string", value: "TEXT", description: "the summary's heading" },
    "policy-events": {
      type: "string",
      value: "FILE",
      description:
        "the engine events of the same preview, with a policy pack (`PULUMI_DEBUG_COMMANDS=true pulumi preview --json --event-log FILE --policy-pack ...`): adds the policy violations, mandatory first",
    },
  },
  positionals: {
    value: "file | -",
    description: "the JSON of `pulumi preview [--refresh] --json` (- or nothing: standard input)",
    max: 1,
  },
  exitCodes: [
    [0, "the summary was printed"],
    [2, "bad arguments, or input that is not preview JSON"],
  ],
  examples: [
    "pulumi preview --refresh --json --stack prod | bigcommerce-preview-summary - --title Preview",
    "PULUMI_DEBUG_COMMANDS=true pulumi preview --json --event-log events.jsonl --policy-pack node_modules/pulumi-bigcommerce/policy > preview.json; bigcommerce-preview-summary preview.json --policy-events events.jsonl",
  ],
});

/** The summary on a command line; resolves with the exit code (unreadable input rejects). */
export function main(argv: string[]): Promise<number> {
  return runCommand(PREVIEW_SUMMARY_COMMAND, argv, async ({ values, positionals }) => {
    const file = positionals[0] ?? "-";
    if (file === "-" && process.stdin.isTTY) throw new UsageError(`nothing on stdin`);
    const plan = parsePlan(parseJsonDocument(await readInput(file), file === "-" ? "stdin" : file));
    const events = values["policy-events"];
    const policy = events === undefined ? undefined : policyViolations(await readInput(events));
    process.stdout.write(renderSummary(plan, { title: values.title, policy }));
    return 0;
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "preview-summary: ", code: 2 });
