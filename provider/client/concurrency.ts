/**
 * The v3 promotions API's caps on requests in flight per store: 40 on `/v3/promotions...` and
 * 10 on a promotion's `/codes` and `/codegen` (counted against both here, the safe reading). The store answers a request over
 * its cap with a 429 at once, which the client would read as an empty quota and pause every
 * request for. So the client keeps to the caps itself: a request on a capped endpoint waits here
 * for a slot (before it takes a slot of the rate limiter, so a waiting request holds nothing
 * else), and gives it back when its answer arrives.
 *
 * The engine runs `--parallel` resource operations at once (8 by default on 2 cores, more when
 * asked), all in one provider process: like the rate limiter, the gates are kept once per store
 * in this module's registry, which the dynamic provider `require`s at run time.
 */

/** The caps, from the most specific pattern: a path counts against every pool it matches. */
const POOLS: Array<{ name: string; pattern: RegExp; cap: number }> = [
  { name: "codes", pattern: /^\/v3\/promotions\/[^/?]+\/(codes|codegen)(\/|\?|$)/, cap: 10 },
  { name: "promotions", pattern: /^\/v3\/promotions(\/|\?|$)/, cap: 40 },
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
 * Waits for a slot in every pool `path` counts against (in a fixed order, so two requests never
 * wait for each other's slots); resolves with one function that gives them all back.
 */
export async function enterCapped(storeKey: string, path: string): Promise<() => void> {
  const releases: Array<() => void> = [];
  for (const p of POOLS) {
    if (p.pattern.test(path)) releases.push(await gateFor(storeKey, p.name, p.cap).take());
  }
  return () => releases.reverse().forEach((r) => r());
}
