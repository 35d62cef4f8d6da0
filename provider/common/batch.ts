/**
 * List-based refresh. The engine calls `read` once per resource, concurrently, in one
 * provider process. A batched reader collects the reads of one kind that arrive within a few
 * milliseconds on the same client, and fetches them with list calls (250 objects a page) instead
 * of one GET each. An id the lists do not return is read with its own GET, so that an object
 * deleted in the store is still seen as gone. A read arriving alone is a plain GET.
 *
 * Nothing outlives the batch: every refresh reads the store anew.
 */
import { unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { MAX_PAGE_SIZE, v2Page } from "../client/paging";

/**
 * How long a batch waits for another read to join it: the engine sends the reads of a refresh
 * one after another over a few milliseconds each, so the batch closes when none came for this long...
 */
export const BATCH_WINDOW_MS = 10;
/** ...or when its first read has waited this long. */
export const BATCH_MAX_WAIT_MS = 100;

export interface BatchSource<T> {
  /** One object by id, or undefined when it is gone. */
  one(client: BigCommerceClient, id: string): Promise<T | undefined>;
  /** Many objects by numeric id, with list calls; ids it leaves out are read with `one`. */
  many(client: BigCommerceClient, ids: number[]): Promise<Map<number, T>>;
}

interface Waiter<T> {
  resolve(v: T | undefined): void;
  reject(e: unknown): void;
}

interface Batch<T> {
  waiting: Map<string, Array<Waiter<T>>>;
  timer?: NodeJS.Timeout;
  opened: number;
}

/**
 * The engine saves the state after each delete before it sends the next, so in a destroy the
 * deletes (and the reads each one makes first: uses, balance) arrive tens of milliseconds apart,
 * not a few: the batch of those reads waits longer for company. A quota-bound destroy saves far
 * more time on requests than the wait costs.
 */
export const DELETE_BATCH_WINDOW_MS = 120;
export const DELETE_BATCH_MAX_WAIT_MS = 600;

type ReadOne<T> = (client: BigCommerceClient, id: string) => Promise<T | undefined>;

/** Reads one object by id, batched with the reads that arrive with it; `beforeDelete`, the read a delete makes first. */
export interface BatchedReader<T> extends ReadOne<T> {
  beforeDelete: ReadOne<T>;
}

/** A function that reads one object by id, batched with the reads that arrive with it. */
export function batchedReader<T>(
  source: BatchSource<T>,
  windowMs = BATCH_WINDOW_MS,
  maxWaitMs = BATCH_MAX_WAIT_MS,
): BatchedReader<T> {
  return Object.assign(batchOf(source, windowMs, maxWaitMs), {
    beforeDelete: batchOf(source, DELETE_BATCH_WINDOW_MS, DELETE_BATCH_MAX_WAIT_MS),
  });
}

function batchOf<T>(source: BatchSource<T>, windowMs: number, maxWaitMs: number): ReadOne<T> {
  const batches = new WeakMap<BigCommerceClient, Batch<T>>();

  async function flush(client: BigCommerceClient, batch: Batch<T>): Promise<void> {
    batches.delete(client);
    const entries = [...batch.waiting.entries()];
    const settle = (id: string, f: (w: Waiter<T>) => void) => batch.waiting.get(id)?.forEach(f);
    const readOne = (id: string) =>
      source.one(client, id).then(
        (v) => settle(id, (w) => w.resolve(v)),
        (e) => settle(id, (w) => w.reject(e)),
      );
    const numeric = entries.map(([id]) => id).filter((id) => /^\d+$/.test(id));
    if (numeric.length < 2) {
      await Promise.all(entries.map(([id]) => readOne(id)));
      return;
    }
    let found: Map<number, T>;
    try {
      found = await source.many(client, numeric.map(Number));
    } catch (e) {
      for (const [id] of entries) settle(id, (w) => w.reject(e));
      return;
    }
    await Promise.all(
      entries.map(([id]) => {
        const v = /^\d+$/.test(id) ? found.get(Number(id)) : undefined;
        if (v !== undefined) {
          settle(id, (w) => w.resolve(v));
          return Promise.resolve();
        }
        return readOne(id); // not listed: gone, or not listable; its own GET decides
      }),
    );
  }

  return (client, id) =>
    new Promise<T | undefined>((resolve, reject) => {
      let batch = batches.get(client);
      if (!batch) {
        batch = { waiting: new Map(), opened: Date.now() };
        batches.set(client, batch);
      }
      // every read that joins keeps the batch open a little longer, up to the longest wait
      const b = batch;
      clearTimeout(b.timer);
      b.timer = setTimeout(
        () => void flush(client, b),
        Math.max(0, Math.min(windowMs, b.opened + maxWaitMs - Date.now())),
      );
      const list = batch.waiting.get(id) ?? [];
      list.push({ resolve, reject });
      batch.waiting.set(id, list);
    });
}

/**
 * The batched reader of a v2 collection (`/v2/coupons`): one object with its own GET, many with
 * id-range lists (`listV2ByIds`); a 404 is an object gone.
 */
export function v2BatchedReader<T extends { id: number }>(path: string): BatchedReader<T> {
  return batchedReader<T>({
    one: (client, id) => unlessGone(client.get<T>(`${path}/${id}`)),
    many: (client, ids) => listV2ByIds<T>(client, path, ids),
  });
}

/**
 * A v2 list by id range (`min_id`/`max_id`, sorted by id): each call covers the next (at most)
 * 250 wanted ids, so it never takes more calls than there are ids, however many other objects
 * lie between them.
 */
export async function listV2ByIds<T extends { id: number }>(
  client: BigCommerceClient,
  path: string,
  ids: number[],
): Promise<Map<number, T>> {
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  const wantedSet = new Set(wanted);
  const found = new Map<number, T>();
  let i = 0;
  while (i < wanted.length) {
    const max = wanted[Math.min(i + MAX_PAGE_SIZE - 1, wanted.length - 1)];
    const page = await v2Page<T>(client, path, { min_id: wanted[i], max_id: max });
    for (const o of page.items) if (wantedSet.has(o.id)) found.set(o.id, o);
    // the last page of the range covered all of it; a full one up to its last id
    const covered = page.last ? max : Math.max(...page.items.map((o) => o.id));
    const next = wanted.findIndex((id) => id > covered);
    i = next < 0 ? wanted.length : Math.max(next, i + 1);
  }
  return found;
}

/**
 * Reads that share one request: concurrent callers asking for the same key (the code list of one
 * promotion) within the batch window get the one answer. Nothing is kept once it is answered.
 */
export function coalesced<T>(
  fetch: (client: BigCommerceClient, key: string) => Promise<T>,
  windowMs = BATCH_WINDOW_MS,
) {
  const inFlight = new WeakMap<BigCommerceClient, Map<string, Promise<T>>>();
  return (client: BigCommerceClient, key: string): Promise<T> => {
    let byKey = inFlight.get(client);
    if (!byKey) {
      byKey = new Map();
      inFlight.set(client, byKey);
    }
    const pending = byKey.get(key);
    if (pending) return pending;
    const map = byKey;
    const p = new Promise<void>((resolve) => setTimeout(resolve, windowMs)).then(() => {
      map.delete(key); // later callers start a new request: they may need a fresher answer
      return fetch(client, key);
    });
    map.set(key, p);
    return p;
  };
}
