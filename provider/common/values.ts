/**
 * Value normalisation shared by every resource: the API returns amounts, dates and flags in
 * its own spelling, users write them in theirs, and the diff compares the two only after both
 * went through these functions.
 */

/** The placeholder a preview passes for values not known yet (pulumi/pulumi#6310). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  if (v && typeof v === "object") return Object.values(v as Record<string, unknown>).some(isUnknown);
  return false;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * The whole and fractional digits of a non-negative decimal, from a numeric string or a number
 * (through its decimal text, so 1e21 is not a decimal); undefined for anything else.
 */
export function decimalParts(v: unknown): { whole: string; frac: string } | undefined {
  if (typeof v === "number" && !Number.isFinite(v)) return undefined;
  if (typeof v !== "string" && typeof v !== "number") return undefined;
  const s = String(v).trim();
  if (!DECIMAL.test(s)) return undefined;
  const [whole, frac = ""] = s.split(".");
  return { whole: BigInt(whole).toString(), frac };
}

/**
 * A money or percentage value as the v2 API returns it: a string with four decimals.
 * Accepts numbers and numeric strings; returns undefined for anything else. More than four
 * significant decimals are refused (the store would round them and the diff would never settle).
 */
export function money4(v: unknown): string | undefined {
  const d = decimalParts(v);
  if (!d || (d.frac.length > 4 && /[1-9]/.test(d.frac.slice(4)))) return undefined;
  return `${d.whole}.${(d.frac + "0000").slice(0, 4)}`;
}

/** True when a value is a non-negative decimal with at most four decimals. */
export function isMoney(v: unknown): boolean {
  return money4(v) !== undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const RFC2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{4})\s+\d{2}:\d{2}(?::\d{2})?\s*([+-]\d{4}|GMT|UT|UTC|[ECMP][SD]T|Z)?$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** True when the day exists in that month (Date.parse rolls 30 February over into March). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a date written as ISO 8601 (`2026-12-31`, `2026-12-31T23:59:00Z`) or RFC 2822
 * (`Thu, 31 Dec 2026 23:59:00 +0000`). Date-only values are midnight UTC, and a time without
 * a zone is UTC too (not the zone of whatever machine runs the provider).
 */
export function parseDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  let text: string;
  const iso = ISO_DATE.exec(s);
  const rfc = iso ? null : RFC2822.exec(s);
  if (iso) {
    const [year, month, day] = s.slice(0, 10).split("-").map(Number);
    if (!isCalendarDate(year, month, day)) return undefined;
    text = s.length === 10 ? `${s}T00:00:00Z` : iso[4] ? s : `${s}Z`;
  } else if (rfc) {
    if (!isCalendarDate(Number(rfc[3]), MONTHS.indexOf(rfc[2].toLowerCase()) + 1, Number(rfc[1]))) return undefined;
    text = rfc[4] ? s : `${s} +0000`;
  } else {
    return undefined;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms);
}

/** RFC 2822 in GMT, as the v2 API returns dates: `Thu, 31 Dec 2026 23:59:00 +0000`. */
export function rfc2822(d: Date): string {
  return d.toUTCString().replace(/GMT$/, "+0000");
}

/** A date in the API's RFC 2822 GMT form, or undefined when it does not parse. */
export function normalizeDate(v: unknown): string | undefined {
  const d = parseDate(v);
  return d ? rfc2822(d) : undefined;
}

/** Deep equality of plain JSON values, with object keys in any order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** Drops keys whose value is undefined (Pulumi state cannot hold them). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
