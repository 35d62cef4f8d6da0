/**
 * Client-side view of a store's API quota, fed by the rate-limit headers of every response.
 *
 * BigCommerce counts requests per store in a window (standard plans: 150 per 30 s) shared by
 * every app on the store. The limiter hands out the requests it believes are left and, when
 * none are, holds callers until the window resets, so steady work does not run into 429s. A 429
 * (another app spent the quota) empties it until the reset the server names.
 *
 * One limiter per store per process: `limiterFor` keeps them in this module's registry, and
 * this module is `require`d at run time by the dynamic provider, so every resource of a
 * `pulumi` run shares it.
 */
export interface RateLimitSnapshot {
  quota?: number;
  left?: number;
  resetMs?: number;
  windowMs?: number;
}

export class RateLimiter {
  private left = Number.POSITIVE_INFINITY;
  private resetAt = 0;
  private quota: number | undefined;
  /** Requests handed out since the last header reading, not yet answered. */
  private inFlight = 0;
  /** Total time spent waiting, for figures. */
  waitedMs = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Waits until a request may be sent, then counts it. */
  async acquire(maxWaitMs = 120_000): Promise<void> {
    const started = this.now();
    for (;;) {
      const now = this.now();
      if (this.resetAt && now >= this.resetAt) {
        this.left = this.quota ?? Number.POSITIVE_INFINITY;
        this.resetAt = 0;
      }
      if (this.left - this.inFlight > 0) {
        this.inFlight++;
        return;
      }
      const wait = Math.max(5, (this.resetAt || now + 1000) - now + 5);
      if (now - started + wait > maxWaitMs) {
        throw new Error(`rate limit: no request slot within ${maxWaitMs} ms`);
      }
      this.waitedMs += wait;
      await sleep(wait);
    }
  }

  /** Records a response (or a failure: pass no snapshot). */
  release(snapshot?: RateLimitSnapshot): void {
    if (this.inFlight > 0) this.inFlight--;
    if (!snapshot) return;
    const now = this.now();
    if (snapshot.quota !== undefined) this.quota = snapshot.quota;
    if (snapshot.left !== undefined) this.left = snapshot.left;
    if (snapshot.resetMs !== undefined) this.resetAt = now + snapshot.resetMs;
  }

  /** A 429: nothing is left until `waitMs` from now. */
  exhausted(waitMs: number): void {
    this.left = 0;
    this.resetAt = this.now() + waitMs;
  }
}

const registry = new Map<string, RateLimiter>();

/** The process-wide limiter of one store (keyed by API base URL and store hash). */
export function limiterFor(key: string): RateLimiter {
  let l = registry.get(key);
  if (!l) {
    l = new RateLimiter();
    registry.set(key, l);
  }
  return l;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
