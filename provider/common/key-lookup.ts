/**
 * Store objects by a unique key (a coupon's code or name, a gift certificate's code, a promotion
 * code), for the look-up a check makes before a new object is created. The engine checks one
 * resource after the other, so look-ups cannot wait for each other: the first of a kind in a run
 * is one filtered request; the second lists the whole collection once (250 objects a page) and
 * that listing answers every later look-up of the run. A kind costs at most one request plus one
 * listing per run, however many new objects it has. Keys compare case-insensitively, as the
 * store's uniqueness does.
 *
 * The listing is not refreshed within a run: what it misses are objects created later in the
 * same run, which are this program's own (two resources of a program with one key are caught
 * in the program, `resource.ts`).
 */
import { BigCommerceClient } from "../client/http";
import { collect, v2Pages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";

/** Ids of the store objects that hold `value` as their key. */
export type KeyLookup = (client: BigCommerceClient, value: string) => Promise<string[]>;

const fold = (v: string) => v.trim().toLowerCase();

type Pairs = Array<[key: string, id: string]>;

function idsOf(pairs: Pairs, value: string): string[] {
  return pairs.filter(([k]) => fold(k) === fold(value)).map(([, id]) => id);
}

/**
 * A look-up from `one` (a filtered request for a single key) and `all` (every object of the
 * collection as `[key, id]` pairs), as the module comment says.
 */
export function runKeyLookup(
  one: (client: BigCommerceClient, value: string) => Promise<Pairs>,
  all?: (client: BigCommerceClient) => Promise<Pairs>,
): KeyLookup {
  const runs = new WeakMap<BigCommerceClient, { asked: number; listing?: Promise<Pairs> }>();
  return async (client, value) => {
    let run = runs.get(client);
    if (!run) {
      run = { asked: 0 };
      runs.set(client, run);
    }
    run.asked++;
    if (!all || run.asked === 1) return idsOf(await one(client, value), value);
    run.listing ??= all(client);
    return idsOf(await run.listing, value);
  };
}

/** The look-up of a v2 collection by one of its fields (`/v2/coupons` by `code`). */
export function v2KeyLookup<T extends { id: number }>(path: string, field: keyof T & string): KeyLookup {
  const pairs = (items: T[]): Pairs =>
    items.filter((o) => typeof o[field] === "string").map((o) => [o[field] as string, String(o.id)]);
  return runKeyLookup(
    async (client, value) => pairs(await client.list<T>(path, { [field]: value })),
    async (client) => pairs(await collect(v2Pages<T>(client, path))),
  );
}

/** The look-up of a promotion code in the whole store (`GET /v3/promotions/codes?code=`): no listing of every code exists. */
export const promotionCodeLookup: KeyLookup = runKeyLookup(async (client, value) => {
  const body = await client.get<{ data?: Array<{ id: number; code: string }> }>(`${PROMOTIONS}/codes`, {
    code: value,
  });
  return (body?.data ?? []).map((c): [string, string] => [c.code, String(c.id)]);
});
