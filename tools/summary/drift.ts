/**
 * Drift: what the store holds that differs from the state of the last `pulumi up`, per object,
 * read from a refreshed preview (see plan.ts for how the JSON tells drift from code changes).
 */
import { fieldLabel, formatValue, ruleCount } from "./describe";
import { cell, label } from "./markdown";
import { Plan } from "./plan";

export interface DriftItem {
  /** "Coupon SPRING15". */
  object: string;
  /** Pulumi resource name. */
  name: string;
  kind: string;
  deleted: boolean;
  fields: Array<{ field: string; path: string; store: string; state: string }>;
}

export interface DriftReport {
  items: DriftItem[];
  /** Objects the refresh would change that the JSON does not describe (refresh --preview-only). */
  unexplained: number;
  drifted: boolean;
}

export function driftReport(plan: Plan): DriftReport {
  if (plan.errors.length) throw new Error(`the preview failed:\n${plan.errors.join("\n")}`);
  if (!plan.refreshed) {
    throw new Error(
      "this preview did not refresh from the store: run `pulumi preview --refresh --json` (or `pulumi refresh --preview-only --json`)",
    );
  }
  const items: DriftItem[] = [];
  for (const c of plan.changes) {
    if (!c.deletedInStore && !c.drift.length) continue;
    const rules = ruleCount(c.before);
    items.push({
      object: label(c),
      name: c.name,
      kind: c.kind,
      deleted: c.deletedInStore,
      fields: c.drift.map((d) => ({
        field: fieldLabel(c.kind, d.path, rules),
        path: d.path,
        store: formatValue(c.kind, d.path, d.store, c.before),
        state: formatValue(c.kind, d.path, d.state, c.before),
      })),
    });
  }
  return {
    items,
    unexplained: plan.unexplainedRefreshUpdates,
    drifted: items.length > 0 || plan.unexplainedRefreshUpdates > 0,
  };
}

/** Plain text for a CI log. */
export function renderDriftText(report: DriftReport, where = ""): string {
  if (!report.drifted)
    return `No drift${where ? ` in ${where}` : ""}: the store matches the state of the last \`pulumi up\`.\n`;
  const n = report.items.length + report.unexplained;
  const lines = [
    `Drift${where ? ` in ${where}` : ""}: ${n} object${n === 1 ? "" : "s"} changed in the store since the last \`pulumi up\`.`,
  ];
  for (const i of report.items) {
    if (i.deleted) {
      lines.push(`- ${i.object} (${i.name}): deleted in the store`);
      continue;
    }
    lines.push(`- ${i.object} (${i.name}):`);
    for (const f of i.fields)
      lines.push(`    ${f.field}${f.field === f.path ? "" : ` (${f.path})`}: store ${f.store}, state ${f.state}`);
  }
  if (report.unexplained) {
    lines.push(
      `- ${report.unexplained} more object(s) changed; \`pulumi refresh --preview-only --json\` does not say how: run \`pulumi preview --refresh --json\` for the fields.`,
    );
  }
  lines.push(
    "`pulumi up --refresh` puts the code's values back; `pulumi refresh` accepts the store's instead (then change the code to match).",
  );
  return lines.join("\n") + "\n";
}

/** Markdown, e.g. for an issue opened by the nightly job. */
export function renderDriftMarkdown(report: DriftReport, where = ""): string {
  if (!report.drifted)
    return `### No drift${where ? ` in ${where}` : ""}\n\nThe store matches the state of the last \`pulumi up\`.\n`;
  const lines = [
    `### Drift${where ? ` in ${where}` : ""}`,
    "",
    "| Object | Field | In the store | Last applied |",
    "|---|---|---|---|",
  ];
  for (const i of report.items) {
    if (i.deleted) lines.push(`| ${cell(i.object)} | | deleted | |`);
    for (const f of i.fields)
      lines.push(`| ${cell(i.object)} | ${cell(f.field)} | ${cell(f.store)} | ${cell(f.state)} |`);
  }
  if (report.unexplained)
    lines.push(
      "",
      `${report.unexplained} more object(s) changed; run \`pulumi preview --refresh --json\` for the fields.`,
    );
  return lines.join("\n") + "\n";
}
