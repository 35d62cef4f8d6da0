/**
 * List-based reads. The engine calls `read` (and `delete`, which reads first) once per resource,
 * in one provider process, in whatever order and at whatever pace it likes. A batched reader
 * answers them from list calls (250 objects a page), in two ways that together make the number of
 * requests a matter of how the objects lie in the store, not of the engine's timing:
 *
 * - reads that arrive within a few milliseconds of each other share one flush of list calls;
 * - every object a list call returned, asked for or not, answers later reads of it for a while
 *   (`READ_MAX_AGE_MS`; the read before a delete, `JUDGE_MAX_AGE_MS`), unless this process has
 *   written it since. A v2 list starts up to 249 ids below the lowest id asked for, so that the
 *   objects created with it (ids close by, below or above: a destroy goes from the newest down)
 *   come with it.
 *
 * An id the lists do not return is read with its own GET, so that an object deleted in the store
 * is still seen as gone. Nothing outlives the process (one Pulumi operation); a listing older than
 * the age allowed is never used.
 */
import { unlessGone } from "../client/errors";
import { BigCommerceClient, NotSentError } from "../client/http";
import { MAX_PAGE_SIZE, v2Page } from "../client/paging";

/**
 * How long a batch waits for another read to join it: the engine sends the reads of a refresh
 * one after another over a few milliseconds each, so the batch closes when none came for this long...
 */
export const BATCH_WINDOW_MS = 10;
/** ...or when its first read has waited this long. */
export const BATCH_MAX_WAIT_MS = 100;

/**
 * How old a listing may be to answer a read (refresh, adoption): its answer arrived at most this
 * long before the read is answered. A refresh of many objects takes longer than this anyway.
 */
export const READ_MAX_AGE_MS = 10_000;
/**
 * How old the uses or balance a delete is judged on may be when its DELETE is sent: at most this
 * long after the answer of the listing that told them. A delete that waited longer for the quota
 * is not sent; it reads again and is judged anew (`deleteJudged`). Half a quota window: a DELETE
 * that waited for the quota's reset is always judged on a read after it, and a destroy of many
 * objects lists each kind about once per window rather than once per delete.
 */
export const JUDGE_MAX_AGE_MS = 15_000;

export interface BatchSource<T> {
  /** One object by id, or undefined when it is gone. */
  one(client: BigCommerceClient, id: string): Promise<T | undefined>;
  /**
   * Many objects by numeric id, with list calls: every object the calls returned, by id (the ids
   * asked for that are missing are read with `one`).
   */
  many(client: BigCommerceClient, ids: number[]): Promise<Map<number, T>>;
  /** The path of one object, whose writes by this process make what was listed of it stale (`/v2/coupons/12`). */
  path(id: string): string;
}

/** A read's answer and when the store gave it (the arrival of the answer, ms since the epoch). */
export interface Listed<T> {
  value: T | undefined;
  at: number;
}

interface Waiter<T> {
  resolve(v: Listed<T>): void;
  reject(e: unknown): void;
}

interface Batch<T> {
  waiting: Map<string, Array<Waiter<T>>>;
  timer?: NodeJS.Timeout;
  opened: number;
}

/** What a reader keeps per client: the open batch, the flushes under way, and what its lists returned. */
interface PerClient<T> {
  batch?: Batch<T>;
  flushing: Set<Promise<void>>;
  seen: Map<string, Listed<T>>;
}

/** Reads one object by id (`READ_MAX_AGE_MS`); `listed` says when the answer is from, with another age if asked. */
export interface BatchedReader<T> {
  (client: BigCommerceClient, id: string): Promise<T | undefined>;
  /** The object and when the store said so: from a listing at most `maxAgeMs` old and newer than `after`. */
  listed(client: BigCommerceClient, id: string, maxAgeMs?: number, after?: number): Promise<Listed<T>>;
}

/** A function that reads one object by id, batched with the reads that arrive with it (see the module comment). */
export function batchedReader<T>(
  source: BatchSource<T>,
  windowMs = BATCH_WINDOW_MS,
  maxWaitMs = BATCH_MAX_WAIT_MS,
): BatchedReader<T> {
  const clients = new WeakMap<BigCommerceClient, PerClient<T>>();
  const stateOf = (client: BigCommerceClient): PerClient<T> => {
    let s = clients.get(client);
    if (!s) {
      s = { seen: new Map(), flushing: new Set() };
      clients.set(client, s);
    }
    return s;
  };

  async function flush(client: BigCommerceClient, s: PerClient<T>, batch: Batch<T>): Promise<void> {
    if (s.batch === batch) s.batch = undefined;
    const ids = [...batch.waiting.keys()];
    const settle = (id: string, l: Listed<T>) => {
      s.seen.set(id, l);
      batch.waiting.get(id)?.forEach((w) => w.resolve(l));
    };
    const fail = (id: string, e: unknown) => batch.waiting.get(id)?.forEach((w) => w.reject(e));
    const readOne = (id: string) =>
      source.one(client, id).then(
        (value) => settle(id, { value, at: Date.now() }),
        (e) => fail(id, e),
      );
    const numeric = ids.filter((id) => /^\d+$/.test(id));
    if (numeric.length === 0) {
      await Promise.all(ids.map(readOne));
      return;
    }
    let found: Map<number, T>;
    try {
      found = await source.many(client, numeric.map(Number));
    } catch (e) {
      for (const id of ids) fail(id, e);
      return;
    }
    const at = Date.now();
    // everything listed answers later reads too; entries past every age allowed are dropped
    for (const [id, l] of s.seen) if (at - l.at > Math.max(READ_MAX_AGE_MS, JUDGE_MAX_AGE_MS)) s.seen.delete(id);
    for (const [n, value] of found) s.seen.set(String(n), { value, at });
    await Promise.all(
      ids.map((id) => {
        const value = /^\d+$/.test(id) ? found.get(Number(id)) : undefined;
        if (value === undefined) return readOne(id); // not listed: gone, or not listable; its own GET decides
        settle(id, { value, at });
        return Promise.resolve();
      }),
    );
  }

  function listed(client: BigCommerceClient, id: string, maxAgeMs = READ_MAX_AGE_MS, after = 0): Promise<Listed<T>> {
    const s = stateOf(client);
    const known = s.seen.get(id);
    const fresh = (l: Listed<T>) =>
      l.at > after && Date.now() - l.at <= maxAgeMs && client.lastWriteAt(source.path(id)) < l.at;
    if (known && fresh(known)) return Promise.resolve(known);
    // a list under way may return this object: wait for it rather than list again
    if (s.flushing.size > 0) return Promise.all([...s.flushing]).then(() => listed(client, id, maxAgeMs, after));
    return new Promise<Listed<T>>((resolve, reject) => {
      const batch: Batch<T> = s.batch ?? (s.batch = { waiting: new Map(), opened: Date.now() });
      // every read that joins keeps the batch open a little longer, up to the longest wait
      clearTimeout(batch.timer);
      batch.timer = setTimeout(
        () => {
          const done = flush(client, s, batch).finally(() => s.flushing.delete(done));
          s.flushing.add(done);
        },
        Math.max(0, Math.min(windowMs, batch.opened + maxWaitMs - Date.now())),
      );
      const list = batch.waiting.get(id) ?? [];
      list.push({ resolve, reject });
      batch.waiting.set(id, list);
    });
  }

  return Object.assign(async (client: BigCommerceClient, id: string) => (await listed(client, id)).value, { listed });
}

/**
 * The batched reader of a v2 collection (`/v2/coupons`): one object with its own GET, many with
 * id-range lists (`listV2Around`); a 404 is an object gone.
 */
export function v2BatchedReader<T extends { id: number }>(path: string): BatchedReader<T> {
  return batchedReader<T>({
    one: (client, id) => unlessGone(client.get<T>(`${path}/${id}`)),
    many: (client, ids) => listV2Around<T>(client, path, ids),
    path: (id) => `${path}/${id}`,
  });
}

/**
 * A v2 list by id range (`min_id`, sorted by id) that covers every wanted id: the first page
 * starts 249 ids below the lowest (fewer than 250 objects can lie there, so it still reaches that
 * id), then each page starts at the next wanted id the pages so far did not reach. So it never
 * takes more calls than there are wanted ids, however many other objects lie between them, and
 * the objects just below and above the wanted ones come with them. Returns every object listed.
 */
export async function listV2Around<T extends { id: number }>(
  client: BigCommerceClient,
  path: string,
  ids: number[],
): Promise<Map<number, T>> {
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  const found = new Map<number, T>();
  let from = Math.max(0, wanted[0] - (MAX_PAGE_SIZE - 1));
  let i = 0;
  while (i < wanted.length) {
    const page = await v2Page<T>(client, path, { min_id: from });
    for (const o of page.items) found.set(o.id, o);
    if (page.last) break; // the collection ends here: every wanted id left is covered (and gone if not listed)
    const covered = Math.max(...page.items.map((o) => o.id));
    while (i < wanted.length && wanted[i] <= covered) i++;
    if (i < wanted.length) from = wanted[i];
  }
  return found;
}

/**
 * Reads that share one request: callers asking for the same key (the code list of one promotion)
 * while its request is in flight, or up to `maxAgeMs` after its answer arrived, get that answer
 * (unless this process has written below `pathOf(key)` since). A refresh of many codes of one
 * promotion lists them once.
 */
export function shared<T>(
  fetch: (client: BigCommerceClient, key: string) => Promise<T>,
  pathOf: (key: string) => string,
  maxAgeMs = READ_MAX_AGE_MS,
) {
  const byClient = new WeakMap<BigCommerceClient, Map<string, { answer: Promise<T>; at?: number }>>();
  return (client: BigCommerceClient, key: string): Promise<T> => {
    let byKey = byClient.get(client);
    if (!byKey) {
      byKey = new Map();
      byClient.set(client, byKey);
    }
    const known = byKey.get(key);
    const now = Date.now();
    if (known && (known.at === undefined || (now - known.at <= maxAgeMs && client.lastWriteAt(pathOf(key)) < known.at)))
      return known.answer;
    const entry: { answer: Promise<T>; at?: number } = { answer: Promise.resolve() as Promise<T> };
    const map = byKey;
    entry.answer = fetch(client, key).then(
      (v) => {
        entry.at = Date.now();
        return v;
      },
      (e: unknown) => {
        if (map.get(key) === entry) map.delete(key); // a failure is not kept
        throw e;
      },
    );
    map.set(key, entry);
    return entry.answer;
  };
}

/** How many times a delete reads again because its quota wait made the judgement stale, before giving up. */
const JUDGE_ROUNDS = 5;

/**
 * The read a delete is judged on (uses, balance) and the delete's own requests, kept fresh: the
 * object is read from a listing at most `JUDGE_MAX_AGE_MS` old, and `act` gets a `sendIf` for
 * its DELETE that holds it back once that listing is older than `JUDGE_MAX_AGE_MS` (a wait for
 * the quota). Then it is read again, from a newer listing, and judged anew. Undefined: the object
 * is gone, nothing to do.
 */
export async function deleteJudged<T>(
  read: BatchedReader<T>,
  client: BigCommerceClient,
  id: string,
  act: (o: T, sendIf: () => boolean) => Promise<void>,
): Promise<void> {
  let after = 0;
  for (let round = 1; ; round++) {
    const { value, at } = await read.listed(client, id, JUDGE_MAX_AGE_MS, after);
    if (value === undefined) return;
    try {
      await act(value, () => Date.now() - at <= JUDGE_MAX_AGE_MS);
      return;
    } catch (e) {
      if (!(e instanceof NotSentError) || round >= JUDGE_ROUNDS) throw e;
      after = at;
    }
  }
}
