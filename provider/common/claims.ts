/**
 * Which store objects the resources of this run hold, so that a create never takes over an
 * object another resource holds. A resource claims its object when it creates or adopts it, and
 * when the engine shows it to the provider (diff, read: the resource is in the state). Kept per
 * client: one run has one client per store, and a test's store restarts its ids.
 *
 * Lives in a module required at run time (see `dynamic.ts`), so it exists once per provider process.
 */
import { BigCommerceClient } from "../client/http";
import type { AnyKind } from "./kind";

type Spaces = WeakMap<BigCommerceClient, Map<string, Set<string>>>;

const claimed: Spaces = new WeakMap();
/** The objects this run's own POSTs made (a subset of the claimed ones). */
const made: Spaces = new WeakMap();

function claimsOf(client: BigCommerceClient, space: string, of: Spaces = claimed): Set<string> {
  let spaces = of.get(client);
  if (!spaces) {
    spaces = new Map();
    of.set(client, spaces);
  }
  let ids = spaces.get(space);
  if (!ids) {
    ids = new Set();
    spaces.set(space, ids);
  }
  return ids;
}

/** Records that a resource of this run holds the object `id` of a claim space (a kind's name). */
export function claim(client: BigCommerceClient, space: string, id: string | number): void {
  claimsOf(client, space).add(String(id));
}

/** True when a resource of this run holds the object. */
export function isClaimed(client: BigCommerceClient, space: string, id: string | number): boolean {
  return claimsOf(client, space).has(String(id));
}

/** Records that this run's POST made the object `id` (it held nothing of anyone else's before). */
export function madeHere(client: BigCommerceClient, space: string, id: string | number): void {
  claimsOf(client, space, made).add(String(id));
}

/** True when this run's POST made the object; false for one it adopted or found in the state. */
export function isMadeHere(client: BigCommerceClient, space: string, id: string | number): boolean {
  return claimsOf(client, space, made).has(String(id));
}

/** How many objects of a claim space this run's POSTs made. */
export function madeHereCount(client: BigCommerceClient, space: string): number {
  return claimsOf(client, space, made).size;
}

/** When the engine last showed this process a resource (check, diff, read), in ms since the epoch. */
let lastShownAt = 0;

/** Records that the engine is showing the provider a resource of the program (check, diff, read). */
export function shown(): void {
  lastShownAt = Date.now();
}

/** How long the engine must have shown no resource before the program's registrations count as seen. */
export const SHOWN_QUIET_MS = 2000;

/**
 * Resolves once the engine has shown no resource for `quietMs`. The engine diffs a resource of the
 * state when the program registers it, which may come after another resource's create has
 * started: a create about to take over an unclaimed twin waits for this, so that a twin the state
 * holds has been claimed by its own resource first. A process shown nothing does not wait.
 */
export async function registrationsSeen(quietMs: number = SHOWN_QUIET_MS): Promise<void> {
  for (;;) {
    const wait = lastShownAt === 0 ? 0 : lastShownAt + quietMs - Date.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Claims the object of a resource the engine shows the provider (diff, read), and the codes a
 * kind's state lists besides (`claimsToo`: a batch's code ids). Without a usable config (a
 * preview of a stack not configured yet) there is nothing to claim against.
 */
export function claimHeld(
  client: () => BigCommerceClient,
  kind: AnyKind,
  id: string,
  props: Record<string, unknown>,
): void {
  shown();
  let c: BigCommerceClient;
  try {
    c = client();
  } catch {
    return;
  }
  if (id) claim(c, kind.name, id);
  for (const [space, ids] of Object.entries(kind.claimsToo?.(props) ?? {})) for (const i of ids) claim(c, space, i);
}

const locks = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier work of the same key has settled. Two creates of identical
 * keyless objects (two banners declared alike on purpose) then look for an earlier create one
 * after the other, and the second sees the first's object as claimed instead of taking it too.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = locks.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(key, settled);
  void settled.then(() => {
    if (locks.get(key) === settled) locks.delete(key);
  });
  return run;
}

/**
 * A read made once per client (once per run) and shared by every caller after it: the banners as
 * the store held them before this run's first banner create, a collection's count. An object this
 * run creates later is claimed by its resource, and one whose answer was lost is found by a fresh
 * look-up instead.
 */
export function oncePerRun<T>(
  list: (client: BigCommerceClient) => Promise<T>,
): (client: BigCommerceClient) => Promise<T> {
  const made = new WeakMap<BigCommerceClient, Promise<T>>();
  return (client) => {
    let p = made.get(client);
    if (!p) {
      p = list(client);
      made.set(client, p);
      // a failed listing is not kept: the next create lists again
      p.catch(() => made.delete(client));
    }
    return p;
  };
}
