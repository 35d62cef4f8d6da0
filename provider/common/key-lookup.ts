/**
 * Store objects by a key (a coupon's code or name, a gift certificate's code, a promotion code, a
 * promotion's name), for the look-up a check makes before a new object is created and the twin a
 * keyless create looks for. The engine checks one resource after the other, so look-ups cannot
 * wait for each other, and a run does not know how many will come. Each look-up is one filtered
 * request, until listing the whole collection once is the cheaper way: that listing then answers
 * every later look-up of the run, by any of the collection's keys. Where a cheap read tells what
 * the listing costs (a count), the listing is made once the look-ups have cost that much; else
 * each look-up after the first pays for one more request of the listing. Either way a run's
 * look-ups cost at most about twice the cheaper of the two ways, so a store of many objects the
 * stack does not manage is never listed whole for a few new ones, and many new objects in a small
 * store cost a page or two. Keys compare as the store's uniqueness does: whatever their case,
 * except a gift certificate's code.
 *
 * A listing is not refreshed within a run: what it misses are objects created later in the same
 * run, which are this program's own (two resources of a program with one key are caught in the
 * program, `resource.ts`; a create takes over no object another resource holds), and the store's
 * refusal of a duplicate still names the holder at `up`.
 */
import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { itemsOf, MAX_PAGE_SIZE, v2Page, v3Pages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";
import { isMadeHere, madeHereCount, oncePerRun } from "./claims";
import { comparable } from "./kind";
import { listCodes } from "./promotion-codes";

/** Ids of the store objects that hold `value` as their key. */
export type KeyLookup = (client: BigCommerceClient, value: string) => Promise<string[]>;

/** One request's worth of a listing: its objects, and whether it was the listing's last. */
export interface Step<T> {
  items: T[];
  last: boolean;
}

/** A collection as its look-ups see it: `steps` yields the listing one request at a time. */
export interface Collection<T> {
  steps(client: BigCommerceClient): AsyncIterable<Step<T>>;
  /** How many requests the whole listing takes, when one cheap read (or none) tells. */
  cost?(client: BigCommerceClient): Promise<number>;
}

interface Run<T> {
  asked: number;
  items: T[];
  done: boolean;
  paid: number;
  iterator?: AsyncIterator<Step<T>>;
  /** The listing's steps run one after the other. */
  queue: Promise<unknown>;
  cost?: Promise<number>;
}

/**
 * The look-ups of one collection, shared by its keys: `lookUp(one, keyOf)` gives the look-up by
 * one key (`one` is the filtered request, `keyOf` an object's value of that key).
 */
export function collectionLookups<T extends { id: number | string }>(collection: Collection<T>) {
  const runs = new WeakMap<BigCommerceClient, Run<T>>();
  const runOf = (client: BigCommerceClient): Run<T> => {
    let run = runs.get(client);
    if (!run) {
      run = { asked: 0, items: [], done: false, paid: 0, queue: Promise.resolve() };
      runs.set(client, run);
    }
    return run;
  };
  /** One more request of the listing (none once it is done). A failed request starts the listing over. */
  const step = (client: BigCommerceClient, run: Run<T>): Promise<unknown> =>
    (run.queue = run.queue.then(async () => {
      if (run.done) return;
      run.iterator ??= collection.steps(client)[Symbol.asyncIterator]();
      run.paid++;
      try {
        const next = await run.iterator.next();
        if (!next.done) run.items.push(...next.value.items);
        if (next.done || next.value.last) run.done = true;
      } catch {
        // a listing cut short proves nothing: begin again at the next look-up
        Object.assign(run, { items: [], paid: 0, iterator: undefined });
      }
    }));
  const listingAnswers = async (client: BigCommerceClient, run: Run<T>): Promise<boolean> => {
    if (run.done) return true;
    if (run.asked < 2) return false;
    let budget = run.asked - 1; // each look-up after the first pays for one more request of the listing
    if (collection.cost) {
      run.cost ??= collection.cost(client).catch(() => Number.POSITIVE_INFINITY);
      // none until the look-ups have cost as much as the listing; then all of it
      budget = run.asked > (await run.cost) ? Number.POSITIVE_INFINITY : 0;
    }
    while (!run.done && run.paid < budget) {
      const before = run.paid;
      await step(client, run);
      if (run.paid <= before) break; // it failed and started over: ask this key on its own
    }
    return run.done;
  };
  return {
    lookUp(
      one: (client: BigCommerceClient, value: string) => Promise<T[]>,
      keyOf: (item: T) => unknown,
      caseSensitive = false,
    ): KeyLookup {
      const match = (items: T[], value: string) =>
        items
          .filter(
            (o) =>
              typeof keyOf(o) === "string" &&
              comparable(keyOf(o) as string, caseSensitive) === comparable(value, caseSensitive),
          )
          .map((o) => String(o.id));
      return async (client, value) => {
        const run = runOf(client);
        run.asked++;
        if (await listingAnswers(client, run)) return match(run.items, value);
        return match(await one(client, value), value);
      };
    },
  };
}

/** A v2 collection listed one page (250 objects) a request, by ascending id: a page the store changes meanwhile shifts nothing. */
export async function* v2Steps<T extends { id: number }>(
  client: BigCommerceClient,
  path: string,
): AsyncGenerator<Step<T>> {
  for (let from = 1; ;) {
    const { items, last } = await v2Page<T>(client, path, { min_id: from }, MAX_PAGE_SIZE);
    yield { items, last: last || items.length === 0 };
    from = Math.max(...items.map((o) => o.id)) + 1;
  }
}

/** A v3 collection with offset pages as steps of a listing. */
export async function* v3Steps<T>(client: BigCommerceClient, path: string): AsyncGenerator<Step<T>> {
  for await (const { items, number, totalPages } of v3Pages<T>(client, path))
    yield { items, last: totalPages !== undefined ? number >= totalPages : items.length < MAX_PAGE_SIZE };
}

const counts = new Map<string, (client: BigCommerceClient) => Promise<number>>();

/**
 * How many objects a v2 collection holds (`GET <path>/count`), read once per run (the run's
 * first read of the store, `preflight.ts`, is this read of the coupons). A failure is not kept.
 */
export function collectionCount(client: BigCommerceClient, path: string): Promise<number> {
  let count = counts.get(path);
  if (!count) {
    // an answer without a count tells nothing: as if the collection were too big to list
    count = oncePerRun(async (c) => {
      const body = await c.get<{ count?: number }>(`${path}/count`);
      return typeof body?.count === "number" ? body.count : Number.POSITIVE_INFINITY;
    });
    counts.set(path, count);
  }
  return count(client);
}

/** The requests a v2 listing of `count` objects takes (a full last page is followed by an empty one). */
export function v2ListingCost(count: number): number {
  return Math.floor(count / MAX_PAGE_SIZE) + 1;
}

/** The look-ups of a v2 collection by its keys (`/v2/coupons` by `code` and by `name`). */
export function v2Lookups<T extends { id: number }>(path: string, cost?: Collection<T>["cost"]) {
  const lookups = collectionLookups<T>({ steps: (client) => v2Steps<T>(client, path), cost });
  return (field: keyof T & string, caseSensitive = false): KeyLookup =>
    lookups.lookUp(
      (client, value) => client.list<T>(path, { [field]: value }),
      (o) => o[field],
      caseSensitive,
    );
}

type Code = { id: number; code: string };

/**
 * The look-up of a promotion code in the whole store. The API finds one code at a time
 * (`GET /v3/promotions/codes?code=`) and lists codes only per promotion, so the listing costs a
 * page per 250 promotions and a request (or more) per promotion: its cost is read once from a
 * one-item page of promotions. Promotions this run created (in the claim space `promotionSpace`) are left out of the listing and of its
 * cost: their codes are this program's own. Many codes under few promotions so cost a few
 * requests, not one per code; one code per promotion of the store stays at one request per code.
 */
export function promotionCodeLookup(promotionSpace: string): KeyLookup {
  const codes = collectionLookups<Code>({
    async *steps(client) {
      const others: string[] = [];
      for await (const p of itemsOf(v3Pages<{ id: number }>(client, PROMOTIONS)))
        if (!isMadeHere(client, promotionSpace, p.id)) others.push(String(p.id));
      // ten promotions' codes at a time; one deleted since it was listed has none left
      if (others.length === 0) yield { items: [], last: true };
      for (let i = 0; i < others.length; i += 10) {
        const some = await Promise.all(
          others.slice(i, i + 10).map(async (id) => (await unlessGone(listCodes(client, id))) ?? []),
        );
        yield { items: some.flat(), last: i + 10 >= others.length };
      }
    },
    async cost(client) {
      const body = await client.get<{ meta?: { pagination?: { total?: number } } }>(PROMOTIONS, { page: 1, limit: 1 });
      const total = body?.meta?.pagination?.total;
      if (typeof total !== "number") return Number.POSITIVE_INFINITY; // cannot tell: one request a code
      return Math.ceil(total / MAX_PAGE_SIZE) + Math.max(0, total - madeHereCount(client, promotionSpace));
    },
  });
  return codes.lookUp(
    async (client, value) => (await client.get<{ data?: Code[] }>(`${PROMOTIONS}/codes`, { code: value }))?.data ?? [],
    (c) => c.code,
  );
}
