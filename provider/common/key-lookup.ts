/**
 * Store objects by a unique key (a coupon's code or name, a gift certificate's code, a promotion
 * code), for the look-up a check makes before a new object is created, and the keyless twins a
 * create looks for. The engine checks one resource after the other, so look-ups cannot wait for
 * each other: the first of a collection in a run is one filtered request; the second lists the
 * whole collection once (250 objects a page) and that listing answers every later look-up of the
 * run, by any of the collection's fields. A collection costs at most one request per field plus
 * one listing per run, however many new objects it has. Keys compare case-insensitively, as the
 * store's uniqueness does.
 *
 * The listing is not refreshed within a run: what it misses are objects created later in the
 * same run, which are this program's own (two resources of a program with one key are caught
 * in the program, `resource.ts`; a create takes over no object another resource holds).
 */
import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { collect, itemsOf, v2Pages, v3Pages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";
import { listCodes } from "./promotion-codes";

/** Ids of the store objects that hold `value` as their key. */
export type KeyLookup = (client: BigCommerceClient, value: string) => Promise<string[]>;

const fold = (v: string) => v.trim().toLowerCase();

type Pairs = Array<[key: string, id: string]>;

function idsOf(pairs: Pairs, value: string): string[] {
  return pairs.filter(([k]) => fold(k) === fold(value)).map(([, id]) => id);
}

/** Per client (one run has one per store), a value made once; a failure is not kept. */
function perRun<T>(): (client: BigCommerceClient, make: () => Promise<T>) => Promise<T> {
  const made = new WeakMap<BigCommerceClient, Promise<T>>();
  return (client, make) => {
    let p = made.get(client);
    if (!p) {
      p = make();
      made.set(client, p);
      p.catch(() => made.delete(client));
    }
    return p;
  };
}

/**
 * A look-up from `one` (a filtered request for a single key) and `all` (every object of the
 * collection as `[key, id]` pairs), as the module comment says.
 */
export function runKeyLookup(
  one: (client: BigCommerceClient, value: string) => Promise<Pairs>,
  all?: (client: BigCommerceClient) => Promise<Pairs>,
): KeyLookup {
  const asked = new WeakMap<BigCommerceClient, number>();
  const listing = perRun<Pairs>();
  return async (client, value) => {
    const n = (asked.get(client) ?? 0) + 1;
    asked.set(client, n);
    if (!all || n === 1) return idsOf(await one(client, value), value);
    return idsOf(await listing(client, () => all(client)), value);
  };
}

/** Every object of a v2 collection, listed once per run and shared by the look-ups of all its fields. */
const v2Listings = new Map<string, (client: BigCommerceClient, make: () => Promise<unknown[]>) => Promise<unknown[]>>();

function v2Listing<T>(client: BigCommerceClient, path: string): Promise<T[]> {
  let listing = v2Listings.get(path);
  if (!listing) {
    listing = perRun<unknown[]>();
    v2Listings.set(path, listing);
  }
  return listing(client, () => collect(v2Pages<T>(client, path))) as Promise<T[]>;
}

/** The look-up of a v2 collection by one of its fields (`/v2/coupons` by `code`). */
export function v2KeyLookup<T extends { id: number }>(path: string, field: keyof T & string): KeyLookup {
  const pairs = (items: T[]): Pairs =>
    items.filter((o) => typeof o[field] === "string").map((o) => [o[field] as string, String(o.id)]);
  return runKeyLookup(
    async (client, value) => pairs(await client.list<T>(path, { [field]: value })),
    async (client) => pairs(await v2Listing<T>(client, path)),
  );
}

/** Which promotions this run's own creates made: their codes are all this program's. */
export interface MadeHere {
  isMade(client: BigCommerceClient, promotionId: string): boolean;
  count(client: BigCommerceClient): number;
}

/**
 * The look-up of a promotion code in the whole store. The API finds one code at a time
 * (`GET /v3/promotions/codes?code=`) and lists codes only per promotion, so listing every code
 * costs a page per 250 promotions and a request (or more) per promotion. Each look-up is one
 * filtered request until the look-ups of the run have cost as much as that listing would (its
 * cost read once, from a one-item page of promotions); then the listing, made once, answers the
 * rest of the run. Promotions this run created are left out of the listing and of its cost: their
 * codes are this program's own. A stack of many codes under few promotions so costs a few
 * requests, not one per code; one code per promotion stays at one request per code.
 */
export function promotionCodeLookup(madeHere: MadeHere): KeyLookup {
  const asked = new WeakMap<BigCommerceClient, number>();
  const cost = perRun<number>();
  const listing = perRun<Pairs>();
  const one = async (client: BigCommerceClient, value: string): Promise<Pairs> => {
    const body = await client.get<{ data?: Array<{ id: number; code: string }> }>(`${PROMOTIONS}/codes`, {
      code: value,
    });
    return (body?.data ?? []).map((c): [string, string] => [c.code, String(c.id)]);
  };
  const listingCost = async (client: BigCommerceClient): Promise<number> => {
    const body = await client.get<{ meta?: { pagination?: { total?: number } } }>(PROMOTIONS, { page: 1, limit: 1 });
    const total = body?.meta?.pagination?.total;
    if (typeof total !== "number") return Number.POSITIVE_INFINITY; // cannot tell: stay with one request a code
    return Math.ceil(total / 250) + Math.max(0, total - madeHere.count(client));
  };
  const all = async (client: BigCommerceClient): Promise<Pairs> => {
    const others: string[] = [];
    for await (const p of itemsOf(v3Pages<{ id: number }>(client, PROMOTIONS)))
      if (!madeHere.isMade(client, String(p.id))) others.push(String(p.id));
    // a promotion deleted since it was listed has no codes left
    const codes = await Promise.all(others.map(async (id) => (await unlessGone(listCodes(client, id))) ?? []));
    return codes.flat().map((c): [string, string] => [c.code, String(c.id)]);
  };
  return async (client, value) => {
    const n = (asked.get(client) ?? 0) + 1;
    asked.set(client, n);
    if (n > 1 && n > (await cost(client, () => listingCost(client)).catch(() => Number.POSITIVE_INFINITY))) {
      try {
        return idsOf(await listing(client, () => all(client)), value);
      } catch {
        // a listing cut short proves nothing: this code is asked for on its own (the next look-up lists again)
      }
    }
    return idsOf(await one(client, value), value);
  };
}
