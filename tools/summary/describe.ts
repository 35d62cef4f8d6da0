/**
 * Business terms for store objects: labels ("Coupon SPRING15", "Gift certificate for Alyss"),
 * field names ("use limit") and values ("15 %", "30 Jun 2027", "unlimited"), secrets masked.
 */
import type { SummarySpec } from "../../provider/common/definition";
import { definitionOf, KINDS } from "../../provider/kinds";
import { isAlwaysSecret, isSecretValue, UNKNOWN } from "./plan";

export const MASK = "(secret)";

/** The summary words of a resource kind (`Coupon`), or undefined for a kind the package does not have. */
export function summaryOf(kind: string): SummarySpec | undefined {
  return definitionOf(kind)?.summary;
}

/** The object's natural label: coupon code, promotion or banner name, certificate recipient. */
export function objectLabel(kind: string, name: string, inputs: Record<string, unknown> | undefined): string {
  const s = summaryOf(kind);
  if (!s) return `${kind} ${name}`;
  const v = s.labelBy ? (inputs ?? {})[s.labelBy.property] : undefined;
  const text = typeof v === "string" && v !== "" && !isSecretValue(v) && v !== UNKNOWN ? v : undefined;
  if (!s.labelBy || !text) return `${s.label} ${name}`;
  if (s.labelBy.form === "quoted") return `${s.label} "${text}"`;
  return s.labelBy.form === "for" ? `${s.label} for ${text}` : `${s.label} ${text}`;
}

function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** `rules[0].action.cartValue.discount.percentageAmount` -> "discount" (or "rule 1 discount"). */
export function fieldLabel(kind: string, path: string, ruleCount = 1): string {
  const names = summaryOf(kind)?.fieldNames ?? {};
  if (names[path]) return names[path];
  const discount = /^rules\[(\d+)\]\.action\.\w+\.discount\.(percentageAmount|fixedAmount)$/.exec(path);
  if (discount) return ruleCount > 1 ? `rule ${Number(discount[1]) + 1} discount` : "discount";
  const parts: string[] = [];
  for (const seg of path.split(".")) {
    const m = /^(\w+)((?:\[\d+\])*)$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    const idx = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1);
    const key = m[1] === "rules" ? "rule" : (names[m[1]] ?? words(m[1]));
    parts.push(idx.length ? `${key} ${idx.join(".")}` : key);
  }
  return parts.join(" › ");
}

/** "15.0000" -> "15", "12.5000" -> "12.5". */
function number(v: unknown): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(Math.round(n * 10000) / 10000) : String(v);
}

/** Money with two decimals: "50.0000" -> "50.00". */
function money(v: unknown): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return Number.isInteger(n * 100) ? n.toFixed(2) : String(Math.round(n * 10000) / 10000);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Wed, 30 Jun 2027 00:00:00 +0000" or "2027-06-30T00:00:00Z" -> "30 Jun 2027" (UTC, time when not midnight). */
export function day(v: unknown): string {
  if (typeof v !== "string" && typeof v !== "number") return String(v);
  const d = new Date(typeof v === "number" ? v * 1000 : v);
  if (Number.isNaN(d.getTime())) return String(v);
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return h === 0 && m === 0 ? date : `${date} ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")} UTC`;
}

const DATE_FIELDS = new Set(["expires", "expiryDate", "purchaseDate", "dateFrom", "dateTo", "startDate", "endDate"]);
const NEVER_WHEN_EMPTY = new Set(["expires", "expiryDate", "endDate", "dateTo"]);
const UNLIMITED_WHEN_ZERO = new Set(["maxUses", "maxUsesPerCustomer"]);
const MONEY_FIELDS = new Set([
  "minPurchase",
  "balance",
  "fixedAmount",
  "minimumSpend",
  "maximumAllowedDiscountAmount",
  "fixedPrice",
]);
const FREE_TEXT = new Set(["name", "displayName", "content", "message", "toName", "fromName"]);

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * A value in business terms. `inputs` are the object's inputs the value belongs to (a coupon's
 * amount reads as a percentage or money by its type).
 */
export function formatValue(kind: string, path: string, value: unknown, inputs?: Record<string, unknown>): string {
  const key = path.slice(path.lastIndexOf(".") + 1).replace(/\[\d+\]$/, "");
  const s = summaryOf(kind);
  if (isSecretValue(value) || isAlwaysSecret(kind, path)) return value === undefined ? "(none)" : MASK;
  if (value === UNKNOWN) return "(known after apply)";
  if (value === undefined || value === null) {
    if (NEVER_WHEN_EMPTY.has(key)) return "never";
    if (s?.unlimitedWhenAbsent?.includes(key)) return "unlimited";
    return "(none)";
  }
  if (DATE_FIELDS.has(key))
    return value === "" || value === 0 ? (NEVER_WHEN_EMPTY.has(key) ? "never" : "(none)") : day(value);
  if (UNLIMITED_WHEN_ZERO.has(key) && Number(value) === 0) return "unlimited";
  if (s?.amountByType && key === "amount") {
    const type = inputs?.type;
    if (type === s.amountByType.percent) return `${number(value)} %`;
    if (type === s.amountByType.free) return "free shipping";
    return money(value);
  }
  if (key === "percentageAmount") return `${number(value)} %`;
  if (MONEY_FIELDS.has(key) || s?.moneyFields?.includes(key)) return money(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") {
    if (value === "") return "(empty)";
    const s = truncate(value.replace(/\s+/g, " "));
    return FREE_TEXT.has(key) ? `"${s}"` : s.replace(/_/g, " ");
  }
  if (Array.isArray(value))
    return value.length === 0
      ? "none"
      : truncate(value.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(", "));
  if (typeof value === "object") return Object.keys(value).length === 0 ? "none" : truncate(JSON.stringify(value));
  return `${value as number}`; // what is left of a JSON value is a number
}

/** How many rules a promotion has (to number discounts only when there are several). */
export function ruleCount(inputs: Record<string, unknown> | undefined): number {
  return Array.isArray(inputs?.rules) ? (inputs?.rules as unknown[]).length : 0;
}

/** The fields worth a line when an object is created or deleted, by kind. */
export const KEY_FIELDS: Record<string, readonly string[]> = Object.fromEntries(
  KINDS.map((d) => [d.kind.name, d.summary.keyFields]),
);

/** Fields shown on create/delete only when they differ from the store's default. */
const SHOW_UNLESS: Record<string, unknown> = {
  minPurchase: "0.0000",
  maxUsesPerCustomer: 0,
  enabled: true,
  visible: true,
};

/** One line of an object's key values, for the create and delete tables. */
export function describeObject(kind: string, inputs: Record<string, unknown> | undefined): string[] {
  const i = inputs ?? {};
  const s = summaryOf(kind);
  const out: string[] = [];
  for (const key of s?.keyFields ?? []) {
    if (!(key in i)) continue;
    if (key in SHOW_UNLESS && JSON.stringify(i[key]) === JSON.stringify(SHOW_UNLESS[key])) continue;
    if (s?.amountByType && key === "amount" && i.type === s.amountByType.free) continue;
    if (s?.keyFieldsWhenSet?.includes(key) && !i[key]) continue;
    out.push(`${fieldLabel(kind, key)} ${formatValue(kind, key, i[key], i)}`);
  }
  if (s?.ruleDiscounts && Array.isArray(i.rules)) {
    const discounts = (i.rules as unknown[]).map((r) => ruleDiscount(r)).filter((d): d is string => !!d);
    if (discounts.length) out.splice(1, 0, discounts.join(" + "));
  }
  if (typeof i.adoptId === "number") out.push(`takes over store object #${i.adoptId}`);
  else if (i.adopt === true) out.push("takes over a matching store object if there is one");
  return out;
}

/** "10 % off the order", "5.00 off items", "free shipping", ... */
function ruleDiscount(rule: unknown): string | undefined {
  const action = (rule as { action?: Record<string, Record<string, unknown>> })?.action;
  if (!action) return undefined;
  const [form, body] = Object.entries(action)[0] ?? [];
  const discount = body?.discount as { percentageAmount?: unknown; fixedAmount?: unknown } | undefined;
  const amount =
    discount?.percentageAmount !== undefined
      ? `${number(discount.percentageAmount)} %`
      : discount?.fixedAmount !== undefined
        ? money(discount.fixedAmount)
        : undefined;
  switch (form) {
    case "cartValue":
      return amount ? `${amount} off the order` : undefined;
    case "cartItems":
      return amount ? `${amount} off items` : undefined;
    case "shipping":
      return "free shipping";
    case "giftItem":
      return "a free gift item";
    case "fixedPriceSet":
      return `fixed price ${money(body?.fixedPrice)}`;
    default:
      return undefined;
  }
}
