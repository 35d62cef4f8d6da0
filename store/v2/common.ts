import { StoreResponse, V2Error } from "../http";

/** Stores an amount as the v2 API returns it: a string with four decimals. */
export function toAmount(v: unknown): string | undefined {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : undefined;
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text).toFixed(4);
}

const RFC2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|GMT|UT|UTC|[ECMP][SD]T|Z)$/i;

/** Parses an RFC 2822 date (the only form the v2 API takes). */
export function parseRfc2822(s: string): Date | undefined {
  if (!RFC2822.test(s.trim())) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** RFC 2822 in GMT, as the v2 API returns dates. */
export function formatRfc2822(d: Date): string {
  return d.toUTCString().replace(/GMT$/, "+0000");
}

/** One page of a v2 list: `page` from 1, `limit` up to 250 (default 50); an empty page is 204. */
export function listPage<T>(items: T[], q: URLSearchParams): StoreResponse {
  const page = q.has("page") ? Number(q.get("page")) : 1;
  const limit = q.has("limit") ? Number(q.get("limit")) : 50;
  if (!Number.isInteger(page) || page < 1) throw new V2Error(400, "The field 'page' is invalid: it must be a positive integer.");
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new V2Error(400, "The field 'limit' is invalid: it must be between 1 and 250.");
  const slice = items.slice((page - 1) * limit, page * limit);
  return slice.length ? { status: 200, body: slice } : { status: 204 };
}
