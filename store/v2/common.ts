import { StoreResponse, V2Error } from "../http";
import { StoredObject, StoreState } from "../state";

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
  if (!Number.isInteger(page) || page < 1)
    throw new V2Error(400, "The field 'page' is invalid: it must be a positive integer.");
  if (!Number.isInteger(limit) || limit < 1 || limit > 250)
    throw new V2Error(400, "The field 'limit' is invalid: it must be between 1 and 250.");
  const slice = items.slice((page - 1) * limit, page * limit);
  return slice.length ? { status: 200, body: slice } : { status: 204 };
}

/** A 400 naming the field a write or a query got wrong, and the rule it broke. */
export function invalidField(field: string, rule: string): V2Error {
  return new V2Error(400, `The field '${field}' is invalid: ${rule}.`, { invalid_reason: field });
}

/** The 405 of a method a v2 resource does not take. */
export function methodNotAllowed(method: string): V2Error {
  return new V2Error(405, `The method ${method} is not allowed on this resource.`);
}

/** What a v2 resource lets a write carry. */
export interface WriteShape {
  /** The resource's name in "not a valid <noun> field", e.g. "gift certificate". */
  noun: string;
  readOnly: readonly string[];
  writable: readonly string[];
  /** Fields a create must carry (not undefined, not null). */
  required: readonly string[];
  creating: boolean;
}

/**
 * The checks every v2 write starts with: the body is a JSON object, it carries no read-only
 * field and nothing but writable fields, and a create carries every required field.
 * Returns the body as a record.
 */
export function checkWriteShape(body: unknown, shape: WriteShape): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new V2Error(400, "The request body must be a JSON object.");
  }
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (shape.readOnly.includes(key))
      throw new V2Error(400, `The field '${key}' is read-only and cannot be written.`, { invalid_reason: key });
    if (!shape.writable.includes(key))
      throw new V2Error(400, `The field '${key}' is not a valid ${shape.noun} field.`, { invalid_reason: key });
  }
  if (shape.creating) {
    for (const key of shape.required) {
      if (b[key] === undefined || b[key] === null)
        throw new V2Error(400, `The required field '${key}' was not supplied.`, { invalid_reason: key });
    }
  }
  return b;
}

/** Any text `Number` reads as an integer is an id (the default of `findById`). */
const integerText = (idText: string) => Number.isInteger(Number(idText));

/** The object of a `/v2/{resource}/{id}` path; 404 when `idText` is no id (as `isId` says) or no object has it. */
export function findById<T extends { id: number }>(
  items: T[],
  idText: string,
  isId: (idText: string) => boolean = integerText,
): T {
  const found = isId(idText) ? items.find((x) => x.id === Number(idText)) : undefined;
  if (!found) throw new V2Error(404, "The requested resource was not found.");
  return found;
}

/** The collections of the store the v2 routes serve. */
export type Collection = "coupons" | "banners" | "gift_certificates";

/** Deletes every object of a collection: 204. */
export function deleteAll(state: StoreState, collection: Collection): StoreResponse {
  state.data[collection] = [];
  state.save();
  return { status: 204 };
}

/** Deletes one stored object (found beforehand): 204. */
export function deleteOne(state: StoreState, collection: Collection, existing: StoredObject): StoreResponse {
  state.data[collection] = state.data[collection].filter((x) => x.id !== existing.id);
  state.save();
  return { status: 204 };
}

/** The amount a write carries in `field`, in stored form; 400 when it is not a non-negative decimal number. */
export function amountField(field: string, v: unknown): string {
  const amount = toAmount(v);
  if (amount === undefined) throw invalidField(field, "it must be a non-negative decimal number");
  return amount;
}

/** A JSON number that is a non-negative integer (an id, a count). */
export function isWholeNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}

/** The count or id a write carries in `field`; 400 when it is not a non-negative integer. */
export function wholeNumberField(field: string, v: unknown): number {
  if (!isWholeNumber(v)) throw invalidField(field, "it must be a non-negative integer");
  return v;
}

/** The text a write carries in `field`; 400 when it is not a string with something but white space. */
export function nonEmptyStringField(field: string, v: unknown): string {
  if (typeof v !== "string" || !v.trim()) throw invalidField(field, "it must be a non-empty string");
  return v;
}

/** The value a write carries in `field`; 400 naming the allowed values when it is not one of them. */
export function oneOfField(field: string, v: unknown, allowed: readonly string[]): string {
  if (typeof v !== "string" || !allowed.includes(v))
    throw invalidField(field, `it must be one of ${allowed.join(", ")}`);
  return v;
}

/** `GET /v2/{resource}/count`: how many objects the collection holds; 405 for another method. */
export function countOf(method: string, items: readonly unknown[]): StoreResponse {
  if (method !== "GET") throw methodNotAllowed(method);
  return { status: 200, body: { count: items.length } };
}

/** The date a write carries in `field`; 400 when it is not a string in RFC 2822 format. */
export function dateField(field: string, v: unknown): Date {
  const d = typeof v === "string" ? parseRfc2822(v) : undefined;
  if (!d) throw invalidField(field, "it must be a date in RFC 2822 format");
  return d;
}
