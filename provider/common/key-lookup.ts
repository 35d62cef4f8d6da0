/**
 * Store objects by a unique key (a coupon's code or name, a gift certificate's code, a promotion
 * code), for the look-up a preview makes before any new object is created. The look-ups of one
 * kind that arrive together (the checks of one preview come within milliseconds) share their
 * requests: one key alone is one filtered list call; several are one listing of the collection,
 * 250 objects a page, however many keys wait. Keys compare case-insensitively, as the store's
 * uniqueness does.
 */
import { BigCommerceClient } from "../client/http";
import { collect, v2Pages } from "../client/paging";
import { PROMOTIONS } from "../client/paths";
import { BATCH_MAX_WAIT_MS, BATCH_WINDOW_MS } from "./batch";

/** Ids of the store objects that hold `value` as their key. */
export type KeyLookup = (client: BigCommerceClient, value: string) => Promise<string[]>;

const fold = (v: string) => v.trim().toLowerCase();

interface Waiting {
  byKey: Map<string, { value: string; waiters: Array<{ resolve(ids: string[]): void; reject(e: unknown): void }> }>;
  timer?: NodeJS.Timeout;
  opened: number;
}

/**
 * A batched look-up: `one` answers a single key (filtered request), `all` lists every object of
 * the collection as `[key, id]` pairs (used when more than one key waits).
 */
export function batchedKeyLookup(
  one: (client: BigCommerceClient, value: string) => Promise<Array<[string, string]>>,
  all?: (client: BigCommerceClient) => Promise<Array<[string, string]>>,
): KeyLookup {
  const batches = new WeakMap<BigCommerceClient, Waiting>();

  async function flush(client: BigCommerceClient, w: Waiting): Promise<void> {
    batches.delete(client);
    const entries = [...w.byKey.entries()];
    const settle = (pairs: Array<[string, string]>, keys: typeof entries) => {
      const ids = new Map<string, string[]>();
      for (const [k, id] of pairs) ids.set(fold(k), [...(ids.get(fold(k)) ?? []), id]);
      for (const [k, e] of keys) e.waiters.forEach((x) => x.resolve(ids.get(k) ?? []));
    };
    const fail = (e: unknown, keys: typeof entries) => keys.forEach(([, x]) => x.waiters.forEach((y) => y.reject(e)));
    if (entries.length > 1 && all) {
      await all(client).then(
        (pairs) => settle(pairs, entries),
        (e) => fail(e, entries),
      );
      return;
    }
    await Promise.all(
      entries.map((entry) =>
        one(client, entry[1].value).then(
          (pairs) => settle(pairs, [entry]),
          (e) => fail(e, [entry]),
        ),
      ),
    );
  }

  return (client, value) =>
    new Promise<string[]>((resolve, reject) => {
      let w = batches.get(client);
      if (!w) {
        w = { byKey: new Map(), opened: Date.now() };
        batches.set(client, w);
      }
      const b = w;
      clearTimeout(b.timer);
      b.timer = setTimeout(
        () => void flush(client, b),
        Math.max(0, Math.min(BATCH_WINDOW_MS, b.opened + BATCH_MAX_WAIT_MS - Date.now())),
      );
      const k = fold(value);
      const entry = b.byKey.get(k) ?? { value, waiters: [] };
      entry.waiters.push({ resolve, reject });
      b.byKey.set(k, entry);
    });
}

/** The look-up of a v2 collection by one of its fields (`/v2/coupons` by `code`). */
export function v2KeyLookup<T extends { id: number }>(path: string, field: keyof T & string): KeyLookup {
  const pairs = (items: T[]): Array<[string, string]> =>
    items.filter((o) => typeof o[field] === "string").map((o) => [o[field] as string, String(o.id)]);
  return batchedKeyLookup(
    async (client, value) => pairs(await client.list<T>(path, { [field]: value })),
    async (client) => pairs(await collect(v2Pages<T>(client, path))),
  );
}

/** The look-up of a promotion code in the whole store (`GET /v3/promotions/codes?code=`): no listing of every code exists. */
export const promotionCodeLookup: KeyLookup = batchedKeyLookup(async (client, value) => {
  const body = await client.get<{ data?: Array<{ id: number; code: string }> }>(`${PROMOTIONS}/codes`, {
    code: value,
  });
  return (body?.data ?? []).map((c) => [c.code, String(c.id)]);
});
