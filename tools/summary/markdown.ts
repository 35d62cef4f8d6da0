/**
 * The Markdown of a preview for a pull-request comment: risk flags first, drift (with
 * `--refresh`), then one table per operation with one row per store object.
 */
import { describeObject, fieldLabel, formatValue, objectLabel, ruleCount, summaryOf } from "./describe";
import { ChangeOp, FieldChange, ObjectChange, Plan, UNKNOWN } from "./plan";
import { PolicyViolation, renderPolicySection } from "./policy";
import { risks } from "./risks";

const OPS: Array<{ op: ChangeOp; title: string; verb: string }> = [
  { op: "create", title: "Create", verb: "to create" },
  { op: "update", title: "Update", verb: "to update" },
  { op: "replace", title: "Replace", verb: "to replace" },
  { op: "delete", title: "Delete", verb: "to delete" },
];

/** Text for a Markdown table cell: no pipes, no line breaks, no HTML tags. */
export function cell(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

export function label(c: ObjectChange): string {
  return objectLabel(c.kind, c.name, c.before ?? c.after);
}

/** "amount 15 % -> 20 %", with the drift of the field when the store changed it. */
export function describeField(c: ObjectChange, f: FieldChange): string {
  const rules = ruleCount(c.after ?? c.before);
  const name = fieldLabel(c.kind, f.path, rules);
  const before = formatValue(c.kind, f.path, f.before, c.before);
  const after = formatValue(c.kind, f.path, f.after, c.after);
  let text = f.secret && before === after ? `${name} changed (secret)` : `${name} ${before} -> ${after}`;
  if (f.drift) {
    const state = formatValue(c.kind, f.path, f.drift.state, c.before);
    text +=
      state === after
        ? ` *(drift: changed in the store from ${state}; this puts it back)*`
        : ` *(drift: changed in the store from ${state}, and in the code)*`;
  }
  return text;
}

function details(c: ObjectChange): string {
  if (c.op === "update" || c.op === "replace")
    return c.fields.map((f) => describeField(c, f)).join(", ") || "no visible field change";
  const parts = describeObject(c.kind, c.op === "create" ? c.after : c.before);
  if (c.op === "delete") {
    const uses = c.outputs?.numUses ?? c.outputs?.currentUses;
    if (typeof uses === "number" && uses > 0) parts.push(`used ${uses} time${uses === 1 ? "" : "s"}`);
    if (summaryOf(c.kind)?.holdsMoney && c.outputs?.balance !== undefined)
      parts.push(`balance left ${formatValue(c.kind, "balance", c.outputs.balance)}`);
  }
  if (c.deletedInStore)
    parts.unshift(
      c.op === "create" ? "*drift: deleted in the store; this creates it again*" : "*drift: deleted in the store*",
    );
  return parts.join(", ");
}

function reasons(c: ObjectChange): string {
  const rules = ruleCount(c.after ?? c.before);
  // A reason whose new value is unknown comes from an object updated first (a promotion's id
  // for its codes): the engine plans the replacement in case the value changes.
  const unknown = c.replaceReasons.filter((r) => c.after?.[r] === UNKNOWN).map((r) => fieldLabel(c.kind, r, rules));
  const known = c.replaceReasons.filter((r) => c.after?.[r] !== UNKNOWN).map((r) => fieldLabel(c.kind, r, rules));
  const out: string[] = [];
  if (known.length) out.push(`${known.join(", ")} cannot change in place`);
  if (unknown.length) out.push(`${unknown.join(", ")} known only during the update: replaced only if it changes`);
  return out.join("; ");
}

/** Objects the store changed, as a sentence: `Coupon SPRING15 (amount, use limit)`. */
export function driftList(plan: Plan): string[] {
  const out: string[] = [];
  for (const c of plan.changes) {
    if (c.deletedInStore) out.push(`${label(c)} (deleted in the store)`);
    else if (c.drift.length) {
      const rules = ruleCount(c.before);
      out.push(`${label(c)} (${c.drift.map((d) => fieldLabel(c.kind, d.path, rules)).join(", ")})`);
    }
  }
  return out;
}

export interface SummaryOptions {
  /** Heading, e.g. "Pulumi preview: stack production". */
  title?: string;
  /** What a policy pack reported during the preview (./policy.ts): a section of its own. */
  policy?: PolicyViolation[];
}

export function renderSummary(plan: Plan, opts: SummaryOptions = {}): string {
  const lines: string[] = [];
  const counts = OPS.map((o) => ({ ...o, items: plan.changes.filter((c) => c.op === o.op) })).filter(
    (o) => o.items.length,
  );
  const title = opts.title ?? (plan.refreshOnly ? "Pulumi refresh (preview)" : "Pulumi preview");
  const policy = renderPolicySection(opts.policy ?? [], (urn) => {
    const c = plan.changes.find((x) => x.urn === urn);
    return c && label(c);
  });
  if (plan.errors.length) {
    // A failed preview lists only part of the changes: show why it failed, nothing else.
    lines.push(`### ${title}: failed`, "", ...policy);
    lines.push("The preview stopped with these errors; fix them and push again:", "");
    for (const e of plan.errors) lines.push(`- ${e.replace(/\s*\n\s*/g, " ")}`);
    return lines.join("\n") + "\n";
  }
  if (plan.refreshOnly) {
    // Nothing here is a change of the code: only what the refresh found in the store.
    const drift = driftList(plan);
    if (!drift.length && !plan.unexplainedRefreshUpdates)
      return `### ${title}: no drift\n\nThe store matches the state of the last \`pulumi up\`.\n`;
    lines.push(
      `### ${title}: drift`,
      "",
      "**Drift**: changed in the store since the last `pulumi up`, not in the code:",
      "",
    );
    for (const d of drift) lines.push(`- ${d}`);
    if (plan.unexplainedRefreshUpdates) {
      lines.push(
        `- ${plan.unexplainedRefreshUpdates} more object(s) changed; this JSON (from \`pulumi refresh --preview-only\`) does not say how: use \`pulumi preview --refresh --json\``,
      );
    }
    return lines.join("\n") + "\n";
  }
  if (!counts.length) {
    lines.push(`### ${title}: no changes`, "", ...policy, "The store already matches the code.");
    return lines.join("\n") + "\n";
  }
  lines.push(`### ${title}: ${counts.map((o) => `${o.items.length} ${o.verb}`).join(", ")}`, "", ...policy);

  const flags = risks(plan);
  if (flags.length) {
    lines.push("**Risks**", "");
    for (const f of flags) lines.push(`- :warning: ${f}`);
    lines.push("");
  }

  const drift = driftList(plan);
  if (drift.length) {
    lines.push("**Drift**: changed in the store since the last `pulumi up`, not in the code:", "");
    for (const d of drift) lines.push(`- ${d}`);
    lines.push("");
  } else if (!plan.refreshed) {
    lines.push(
      "_Compared with the state of the last `pulumi up` (no `--refresh`): edits made in the store since then are not shown._",
      "",
    );
  }

  for (const o of counts) {
    lines.push(`#### ${o.title} (${o.items.length})`, "");
    if (o.op === "replace") {
      lines.push("| Object | Changes | Why replaced |", "|---|---|---|");
      for (const c of o.items) lines.push(`| ${cell(label(c))} | ${cell(details(c))} | ${cell(reasons(c))} |`);
    } else {
      lines.push(`| Object | ${o.op === "update" ? "Changes" : "Details"} |`, "|---|---|");
      for (const c of o.items) lines.push(`| ${cell(label(c))} | ${cell(details(c))} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
