/**
 * Risk flags for reviewers: changes that give away money or lose track of it.
 * - a discount raised (coupon amount, promotion discount);
 * - an expiry or a use limit removed;
 * - a used coupon, promotion or coupon code deleted (a replacement deletes the old one too);
 * - a gift certificate deleted (or replaced), or its balance raised;
 * - and those of `preview-risks.ts` (past dates, bulk batches replaced or deleted).
 */
import { formatValue, objectLabel, fieldLabel, ruleCount, summaryOf } from "./describe";
import { leaves, ObjectChange, Plan } from "./plan";
import { previewRisks } from "./preview-risks";

function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function label(c: ObjectChange): string {
  return objectLabel(c.kind, c.name, c.before ?? c.after);
}

export function risks(plan: Plan): string[] {
  const out: string[] = [];
  for (const c of plan.changes) {
    const before = c.before ?? {};
    const after = c.after ?? {};
    const value = (path: string, v: unknown, inputs: Record<string, unknown>) => formatValue(c.kind, path, v, inputs);
    const s = summaryOf(c.kind);

    if (c.op === "update" || c.op === "replace") {
      // Discount raised.
      if (s?.amountByType && before.type === after.type && after.type !== s.amountByType.free) {
        const a = num(before.amount);
        const b = num(after.amount);
        if (a !== undefined && b !== undefined && b > a) {
          out.push(
            `${label(c)}: discount raised from ${value("amount", before.amount, before)} to ${value("amount", after.amount, after)}`,
          );
        }
      }
      if (s?.ruleDiscounts) {
        const a = leaves(before);
        const b = leaves(after);
        for (const [path, v] of b) {
          if (!/\.discount\.(percentageAmount|fixedAmount)$/.test(path)) continue;
          const x = num(a.get(path));
          const y = num(v);
          if (x !== undefined && y !== undefined && y > x) {
            out.push(
              `${label(c)}: ${fieldLabel(c.kind, path, ruleCount(after))} raised from ${value(path, a.get(path), before)} to ${value(path, v, after)}`,
            );
          }
        }
      }
      // Expiry removed.
      for (const f of s?.expiryFields ?? []) {
        const had = before[f] !== undefined && before[f] !== "" && before[f] !== null;
        const has = after[f] !== undefined && after[f] !== "" && after[f] !== null;
        if (had && !has)
          out.push(
            `${label(c)}: ${fieldLabel(c.kind, f)} date removed (was ${value(f, before[f], before)}): it no longer ends`,
          );
      }
      // Use limit removed.
      for (const f of s?.limitFields ?? []) {
        const a = num(before[f]);
        const b = num(after[f]);
        if (a !== undefined && a > 0 && (b === undefined || b === 0)) {
          out.push(`${label(c)}: ${fieldLabel(c.kind, f)} removed (was ${a}): unlimited uses`);
        }
      }
      // Gift certificate balance raised.
      if (s?.holdsMoney && after.balance !== undefined) {
        const was = before.balance ?? c.outputs?.declaredBalance ?? c.outputs?.balance;
        const a = num(was);
        const b = num(after.balance);
        if (a !== undefined && b !== undefined && b > a) {
          out.push(
            `${label(c)}: balance raised from ${value("balance", was, before)} to ${value("balance", after.balance, after)}`,
          );
        }
      }
    }

    if (c.op === "delete" || c.op === "replace") {
      const what = c.op === "delete" ? "deleted" : "replaced (the old one is deleted)";
      const usesKey = s?.usesOutput;
      const uses = usesKey ? num(c.outputs?.[usesKey]) : undefined;
      if (uses !== undefined && uses > 0 && !c.deletedInStore) {
        const asOf = plan.refreshed ? "" : " as of the last refresh";
        const policy = typeof before.deletionPolicy === "string" ? ` (deletion policy: ${before.deletionPolicy})` : "";
        out.push(`${label(c)} ${what} after ${uses} use${uses === 1 ? "" : "s"}${asOf}${policy}`);
      }
      if (s?.holdsMoney && !c.deletedInStore) {
        const balance = c.outputs?.balance;
        const left = balance !== undefined ? ` with a balance of ${value("balance", balance, before)}` : "";
        out.push(`${label(c)} ${what}${left}${c.op === "replace" ? "; the recipient gets a new code" : ""}`);
      }
    }
  }
  return [...out, ...previewRisks(plan)];
}
