/**
 * What the v3 routes of the local store share: the 422 of an invalid write or query, ISO 8601
 * dates, offset pagination (`meta.pagination`) and cursor pagination (`meta.cursor_pagination`).
 */
import { V3Error } from "../http";

/** A 422 naming each field path that is wrong, e.g. `{"rules[0].action": "..."}`. */
export function unprocessable(title: string, errors: Record<string, string>): V3Error {
  return new V3Error(422, title, errors);
}

/** The 404 of an object the path names but the store does not hold. */
export function notFound(what: string): V3Error {
  return new V3Error(404, `The requested ${what} was not found.`);
}

/** The 405 of an operation the resource does not take. */
export function methodNotAllowed(method: string, why?: string): V3Error {
  return new V3Error(405, why ?? `The method ${method} is not allowed on this resource.`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO 8601 date-time with a time zone; undefined when it is not one. */
export function parseIsoDate(v: unknown): Date | undefined {
  if (typeof v !== "string" || !ISO_DATE.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** A date as the v3 store returns it: ISO 8601 in UTC, `2019-01-20T22:00:00+00:00`. */
export function formatIsoDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** A positive integer query parameter within `[min, max]`, or `fallback` when absent; 422 otherwise. */
export function intParam(
  q: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!q.has(name)) return fallback;
  const text = q.get(name) ?? "";
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw unprocessable(`Invalid query parameter '${name}'.`, {
      [name]: `must be an integer between ${min} and ${max}`,
    });
  }
  return n;
}

/** A comma-separated list of integer ids (`id:in=1,2,3`); 422 when absent or malformed. */
export function idList(q: URLSearchParams, name: string): number[] | undefined {
  const text = q.get(name);
  if (text === null) return undefined;
  const parts = text.split(",").map((s) => s.trim());
  if (!parts.length || !parts.every((s) => /^\d+$/.test(s))) return undefined;
  return parts.map(Number);
}

export interface OffsetPage<T> {
  data: T[];
  pagination: {
    total: number;
    count: number;
    per_page: number;
    current_page: number;
    total_pages: number;
    links: { previous?: string; current: string; next?: string };
  };
}

/** One page of `items` by `page` (from 1) and `limit` (1..250, default 50). */
export function offsetPage<T>(items: T[], q: URLSearchParams): OffsetPage<T> {
  const page = intParam(q, "page", 1, 1);
  const limit = intParam(q, "limit", 50, 1, 250);
  const data = items.slice((page - 1) * limit, page * limit);
  const totalPages = Math.ceil(items.length / limit);
  const link = (p: number) => `?page=${p}&limit=${limit}`;
  return {
    data,
    pagination: {
      total: items.length,
      count: data.length,
      per_page: limit,
      current_page: page,
      total_pages: totalPages,
      links: {
        ...(page > 1 ? { previous: link(page - 1) } : {}),
        current: link(page),
        ...(page < totalPages ? { next: link(page + 1) } : {}),
      },
    },
  };
}

/** The opaque cursor of an object: base64 of `{"id":"N"}`, as the real API's cursors look. */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id: String(id) })).toString("base64");
}

function decodeCursor(name: string, cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { id?: unknown };
    const id = Number(parsed.id);
    if (Number.isInteger(id) && id >= 0) return id;
  } catch {
    // falls through to the 422
  }
  throw unprocessable(`Invalid query parameter '${name}'.`, { [name]: "is not a valid cursor" });
}

export interface CursorMeta {
  pagination?: OffsetPage<unknown>["pagination"];
  cursor_pagination?: {
    count: number;
    per_page: number;
    start_cursor?: string;
    end_cursor?: string;
    links: { previous?: string; next?: string };
  };
}

/**
 * A page of `items` (sorted by id ascending) for a list with optional cursors: `after` gives the
 * `limit` items after the cursor, `before` the `limit` items before it. With `page` only the offset
 * `pagination` is in the meta; with a cursor only `cursor_pagination`; with neither, both.
 * `next`/`previous` links are there only when items lie beyond the page in that direction.
 */
export function cursorPage<T extends { id: number }>(items: T[], q: URLSearchParams): { data: T[]; meta: CursorMeta } {
  const before = q.get("before");
  const after = q.get("after");
  if (before !== null && after !== null) {
    throw unprocessable("The 'before' and 'after' cursors cannot be used together.", {
      before: "cannot be used with after",
    });
  }
  if (q.has("page") && (before !== null || after !== null)) {
    throw unprocessable("The 'page' parameter cannot be used with a cursor.", {
      page: "cannot be used with before or after",
    });
  }
  if (q.has("page")) {
    const p = offsetPage(items, q);
    return { data: p.data, meta: { pagination: p.pagination } };
  }
  const limit = intParam(q, "limit", 50, 1, 250);
  let data: T[];
  if (after !== null) {
    const id = decodeCursor("after", after);
    data = items.filter((x) => x.id > id).slice(0, limit);
  } else if (before !== null) {
    const id = decodeCursor("before", before);
    const earlier = items.filter((x) => x.id < id);
    data = earlier.slice(Math.max(0, earlier.length - limit));
  } else {
    data = items.slice(0, limit);
  }
  const first = data[0];
  const last = data[data.length - 1];
  const cursor: NonNullable<CursorMeta["cursor_pagination"]> = { count: data.length, per_page: limit, links: {} };
  if (first && last) {
    cursor.start_cursor = encodeCursor(first.id);
    cursor.end_cursor = encodeCursor(last.id);
    if (items.some((x) => x.id < first.id)) cursor.links.previous = `?limit=${limit}&before=${cursor.start_cursor}`;
    if (items.some((x) => x.id > last.id)) cursor.links.next = `?limit=${limit}&after=${cursor.end_cursor}`;
  }
  const meta: CursorMeta = { cursor_pagination: cursor };
  if (before === null && after === null) meta.pagination = offsetPage(items, q).pagination;
  return { data, meta };
}
