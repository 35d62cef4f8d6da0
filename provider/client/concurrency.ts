/**
 * The v3 promotions API's caps on requests in flight per store, as each operation's text in the
 * spec gives them: 10 for listing a promotion's codes (`GET .../codes`) and for generating codes
 * (`POST .../codegen`), 40 for every other promotions and codes operation (creating and deleting
 * codes included). The safe reading: a request of the 10-pool counts against the 40 too. The
 * store answers a request over its cap with a 429 at once, so the client keeps to the caps
 * itself: a request on a capped endpoint waits here for a slot (before it takes a slot of the
 * rate limiter, so a waiting request holds nothing else), and gives it back when its answer
 * arrives.
 *
 * The engine runs `--parallel` resource operations at once (8 by default on 2 cores, more when
 * asked), all in one provider process: like the rate limiter, the gates are kept once per store
 * in this module's registry, which the dynamic provider `require`s at run time.
 */

/** The operations of the 10-pool: listing codes, generating codes. */
const CODES_LIST = /^\/v3\/promotions\/[^/?]+\/codes(\?|$)/;
const CODEGEN = /^\/v3\/promotions\/[^/?]+\/codegen(\?|$)/;

/** The caps, from the most specific: a request counts against every pool it belongs to. */
const POOLS: Array<{ name: string; cap: number; has(method: string, path: string): boolean }> = [
  {
    name: "codes",
    cap: 10,
    has: (method, path) => (method === "GET" && CODES_LIST.test(path)) || (method === "POST" && CODEGEN.test(path)),
  },
  { name: "promotions", cap: 40, has: (_method, path) => /^\/v3\/promotions(\/|\?|$)/.test(path) },
];

/** A counting semaphore with a FIFO queue. */
export class Semaphore {
  private inUse = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most slots ever in use at once, for tests and figures. */
  highWater = 0;

  constructor(readonly size: number) {}

  /** Resolves with a release function once a slot is free. */
  async take(): Promise<() => void> {
    if (this.inUse >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inUse++;
    this.highWater = Math.max(this.highWater, this.inUse);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.inUse--;
    };
  }

  get used(): number {
    return this.inUse;
  }
}

const registry = new Map<string, Semaphore>();

/** The process-wide gate of one pool of one store (keyed by API base URL and store hash). */
export function gateFor(storeKey: string, pool: string, size: number): Semaphore {
  const key = `${storeKey} ${pool}`;
  let g = registry.get(key);
  if (!g) {
    g = new Semaphore(size);
    registry.set(key, g);
  }
  return g;
}

/**
 * Waits for a slot in every pool the request counts against (in a fixed order, so two requests
 * never wait for each other's slots); resolves with one function that gives them all back.
 */
export async function enterCapped(storeKey: string, method: string, path: string): Promise<() => void> {
  const releases: Array<() => void> = [];
  for (const p of POOLS) {
    if (p.has(method, path)) releases.push(await gateFor(storeKey, p.name, p.cap).take());
  }
  return () => releases.reverse().forEach((r) => r());
}
