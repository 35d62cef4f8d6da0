/**
 * The three ways the API pages a list, as async iterators of pages. Each page is fetched only
 * when the caller asks for it, so a caller that stops early (`break` in a `for await`) sends no
 * further request.
 *
 * - v2 (`v2Pages`): `page` from 1 and `limit`. A page past the end, like an empty list, is a
 *   204 with no body; a page shorter than `limit` is the last.
 * - v3 offset (`v3Pages`): `page` and `limit`, with `meta.pagination.total_pages`; without
 *   it, a short page is the last.
 * - v3 cursor (`v3CursorPages`): `after` the previous page's `meta.cursor_pagination.end_cursor`
 *   for as long as the answer has a `links.next`.
 *
 * An empty page ends every list, and is not yielded.
 */
import type { BigCommerceClient, Query } from "./http";

/** The largest page the list endpoints serve, v2 and v3 alike (`limit` at most 250). */
export const MAX_PAGE_SIZE = 250;

export interface Page<T> {
  items: T[];
  /** Which page this is, from 1. */
  number: number;
  /** How many pages the list has, when the answer says (v3 offset pages). */
  totalPages?: number;
}

export interface PageOptions {
  /** Filters and sorting, sent with every page. */
  query?: Query;
  /** Objects per page (default and at most `MAX_PAGE_SIZE`). */
  limit?: number;
}

type Lister = Pick<BigCommerceClient, "get" | "list">;

/** One page of a v2 list, and whether it is the last one (a 204, or shorter than `limit`). */
export async function v2Page<T>(
  client: Lister,
  path: string,
  query: Query,
  limit = MAX_PAGE_SIZE,
): Promise<{ items: T[]; last: boolean }> {
  const items = await client.list<T>(path, { ...query, limit });
  return { items, last: items.length < limit };
}

/** The pages of a v2 list (see the module comment). */
export async function* v2Pages<T>(
  client: Lister,
  path: string,
  { query, limit = MAX_PAGE_SIZE }: PageOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  for (let number = 1; ; number++) {
    const { items, last } = await v2Page<T>(client, path, { ...query, page: number }, limit);
    if (items.length > 0) yield { items, number };
    if (last) return;
  }
}

interface OffsetBody<T> {
  data?: T[];
  meta?: { pagination?: { total_pages?: number } };
}

/** The pages of a v3 list with offset pagination (see the module comment). */
export async function* v3Pages<T>(
  client: Lister,
  path: string,
  { query, limit = MAX_PAGE_SIZE }: PageOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  for (let number = 1; ; number++) {
    const body = await client.get<OffsetBody<T>>(path, { ...query, page: number, limit });
    const items = body?.data ?? [];
    if (items.length === 0) return;
    const totalPages = body?.meta?.pagination?.total_pages;
    yield { items, number, totalPages };
    if (totalPages !== undefined ? number >= totalPages : items.length < limit) return;
  }
}

interface CursorBody<T> {
  data?: T[];
  meta?: { cursor_pagination?: { end_cursor?: string; links?: { next?: string } } };
}

/** The pages of a v3 list with cursor pagination (see the module comment). */
export async function* v3CursorPages<T>(
  client: Lister,
  path: string,
  { query, limit = MAX_PAGE_SIZE }: PageOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const seen = new Set<string>();
  let after: string | undefined;
  for (let number = 1; ; number++) {
    const body = await client.get<CursorBody<T>>(path, { ...query, limit, after });
    const items = body?.data ?? [];
    if (items.length === 0) return;
    yield { items, number };
    const cursor = body?.meta?.cursor_pagination;
    const next = cursor?.links?.next ? cursor.end_cursor : undefined;
    // a cursor given twice would list the same page again, for ever
    if (!next || seen.has(next)) return;
    seen.add(next);
    after = next;
  }
}

/** The objects of the pages, one by one; stopping early stops the paging too. */
export async function* itemsOf<T>(pages: AsyncIterable<Page<T>>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page.items;
}

/** Every object of the pages, in order. */
export async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page.items);
  return all;
}
