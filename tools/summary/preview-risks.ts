/**
 * Risk flags of what a preview predicts will go wrong for customers, beyond the money rules of
 * `risks.ts`: a date already past (an object that ends before it starts), and a bulk batch
 * replaced or deleted (every code already handed out stops working).
 */
import { parseDate } from "../../provider/common/values";
import { fieldLabel, formatValue, objectLabel, summaryOf } from "./describe";
import { Plan } from "./plan";

export function previewRisks(plan: Plan, now = Date.now()): string[] {
  const out: string[] = [];
  for (const c of plan.changes) {
    const label = objectLabel(c.kind, c.name, c.before ?? c.after);
    if (c.op === "create" || c.op === "update" || c.op === "replace") {
      for (const f of summaryOf(c.kind)?.expiryFields ?? []) {
        const v = c.after?.[f];
        const d = parseDate(v);
        const changed = c.op === "create" || c.before?.[f] !== v;
        if (d && d.getTime() < now && changed)
          out.push(`${label}: ${fieldLabel(c.kind, f)} ${formatValue(c.kind, f, v, c.after)} is already past`);
      }
    }
    if (c.kind === "BulkCouponCodes" && (c.op === "delete" || c.op === "replace") && !c.deletedInStore) {
      const what = c.op === "delete" ? "deleted" : "replaced (the old batch is deleted)";
      out.push(`${label} ${what}: every code of the batch already handed out stops working`);
    }
  }
  return out;
}
