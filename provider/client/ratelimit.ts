/**
 * Client-side view of a store's API quota, fed by the rate-limit headers of every response.
 *
 * BigCommerce counts requests per store in a window (standard plans: 150 per 30 s) shared by
 * every app on the store. The limiter hands out the requests it believes are left and, when
 * none are, holds callers until the window resets, so steady work does not run into 429s:
 *
 * - Until the first answer, after a 429 and after an idle second, it lets one request through
 *   (a probe), so a run that starts while other apps have spent the quota, or a storm of 429s,
 *   costs one refused request per reset, not one per parallel resource. A server that sends no
 *   rate-limit headers is then not limited at all.
 * - `X-Rate-Limit-Requests-Left` is the store's count after the request; answers of one window
 *   may arrive out of order, so within a window the lowest count wins. Requests sent and not yet
 *   answered count against it as well.
 * - At the reset (`X-Rate-Limit-Time-Reset-Ms`) the whole quota is assumed free again.
 * - Other apps spend the same quota: the store's count beyond our own requests shows their pace,
 *   and what they will spend in the rest of the window at that pace is held back for them.
 * - A 429 (another app spent the quota) empties it until the reset the server names.
 *
 * One limiter per store per process: `limiterFor` keeps them in this module's registry, and
 * this module is `require`d at run time by the dynamic provider (`provider/runtime.ts`), so
 * every resource of a `pulumi` run shares it; nothing of it is serialised into state.
 */
export interface RateLimitSnapshot {
  quota?: number;
  left?: number;
  resetMs?: number;
  windowMs?: number;
}

/** Thrown by `acquire` when no request slot comes within the wait it was given. */
export class RateLimitWaitError extends Error {
  constructor(readonly waitedMs: number) {
    super(`no request slot in the store's rate limit within ${Math.round(waitedMs)} ms`);
    this.name = "RateLimitWaitError";
  }
}

export class RateLimiter {
  /** Requests left as the store last said (within the current window); unknown before any answer. */
  private left: number | undefined;
  /** When the current window ends (epoch ms); 0 when unknown. */
  private resetAt = 0;
  private quota: number | undefined;
  private windowMs: number | undefined;
  /** Our requests the store has counted in the current window (answers received). */
  private ownInWindow = 0;
  /** Requests of other apps seen in the current window: the store's count beyond ours. */
  private othersInWindow = 0;
  /**
   * One request at a time until an answer says how much is left: before the first answer,
   * after a 429, and after an idle spell (what it knew may be stale: other apps went on).
   */
  private probing = true;
  private lastAnswerAt = 0;
  /** Requests handed out and not answered yet. */
  private inFlight = 0;
  /** Total time callers spent waiting, for figures. */
  waitedMs = 0;
  /** 429s reported through `exhausted`, for figures. */
  rateLimited = 0;

  constructor(
    private readonly now: () => number = Date.now,
    /** Idle time after which what the limiter knew is stale and it probes again, in ms. */
    private readonly staleMs = 1000,
  ) {}

  /** Requests that may be sent now. */
  private available(): number {
    const now = this.now();
    if (this.resetAt && now >= this.resetAt) {
      // a new window: the whole quota (unknown quota: no limit until an answer says otherwise),
      // until about a window from now (answers of the new window will say exactly when)
      this.left = this.quota;
      this.resetAt = this.quota !== undefined ? now + (this.windowMs ?? 1000) : 0;
      this.ownInWindow = 0;
      this.othersInWindow = 0;
    }
    // idle for a while: what it knew is stale (other apps went on), probe again
    if (this.inFlight === 0 && this.lastAnswerAt !== 0 && now - this.lastAnswerAt > this.staleMs) this.probing = true;
    const byCount = this.left === undefined ? Number.POSITIVE_INFINITY : this.left - this.inFlight - this.reserve(now);
    if (this.probing) return Math.min(byCount, this.inFlight === 0 ? 1 : 0);
    return byCount;
  }

  /**
   * Waits until a request may be sent, then counts it. Throws `RateLimitWaitError` when no
   * slot comes within `maxWaitMs`.
   */
  async acquire(maxWaitMs = 120_000): Promise<void> {
    const started = this.now();
    for (;;) {
      if (this.available() > 0) {
        this.inFlight++;
        return;
      }
      const now = this.now();
      // Slots come back at the reset, or when a request in flight fails without an answer (or
      // the probe is answered): sleep until the reset, waking up now and then to look.
      const wait = Math.min(250, this.resetAt ? Math.max(5, this.resetAt - now + 5) : 20);
      const elapsed = now - started;
      if (elapsed + wait > maxWaitMs) {
        if (elapsed < maxWaitMs) {
          // sleep out what remains, then try a last time
          await sleep(maxWaitMs - elapsed);
          this.waitedMs += maxWaitMs - elapsed;
          if (this.available() > 0) {
            this.inFlight++;
            return;
          }
        }
        throw new RateLimitWaitError(this.now() - started);
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
    this.probing = false;
    this.lastAnswerAt = now;
    if (snapshot.quota !== undefined) this.quota = snapshot.quota;
    if (snapshot.windowMs !== undefined) this.windowMs = snapshot.windowMs;
    if (snapshot.left === undefined) return;
    if (snapshot.resetMs === undefined) {
      this.left = snapshot.left;
      return;
    }
    // Which window the answer speaks of, by the reset it names: answers overtake each other, and
    // one of an earlier window must not give back requests that a later one has spent.
    const end = now + snapshot.resetMs;
    const tolerance = Math.min(1000, (this.windowMs ?? 4000) / 4);
    if (this.left === undefined || this.resetAt === 0 || end > this.resetAt + tolerance) {
      this.left = snapshot.left; // a later window
      this.resetAt = end;
      this.ownInWindow = 0;
      this.othersInWindow = 0;
    } else if (end >= this.resetAt - tolerance) {
      // the same window: the lowest count wins, and the latest reset (ours may be an estimate)
      this.left = Math.min(this.left, snapshot.left);
      this.resetAt = Math.max(this.resetAt, end);
    } else {
      return; // an answer of an earlier window, overtaken: nothing to learn
    }
    this.ownInWindow++;
    if (this.quota !== undefined) {
      // what the store counted beyond our answered requests and those still in flight
      const others = this.quota - snapshot.left - this.ownInWindow - this.inFlight;
      this.othersInWindow = Math.max(this.othersInWindow, others);
    }
  }

  /**
   * Requests held back for other apps: when they have been spending this window, what they will
   * spend in the rest of it at the same pace, so that our burst does not meet 429s at its end.
   */
  private reserve(now: number): number {
    if (!this.othersInWindow || !this.windowMs || !this.resetAt || this.left === undefined) return 0;
    const remaining = Math.max(0, this.resetAt - now);
    const elapsed = Math.max(this.windowMs / 4, this.windowMs - remaining);
    return Math.min(this.left, Math.ceil((this.othersInWindow * remaining) / elapsed));
  }

  /** A 429: nothing is left until `waitMs` from now. */
  exhausted(waitMs: number): void {
    this.probing = true;
    this.rateLimited++;
    this.left = 0;
    this.resetAt = this.now() + waitMs;
  }

  /** What the limiter believes, for figures and tests. */
  snapshot(): { left: number | undefined; resetInMs: number; inFlight: number; quota: number | undefined } {
    this.available(); // a reset that has passed
    return {
      left: this.left,
      resetInMs: this.resetAt ? Math.max(0, this.resetAt - this.now()) : 0,
      inFlight: this.inFlight,
      quota: this.quota,
    };
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

/** How many limiters this process holds (one per store it talked to). */
export function limiterCount(): number {
  return registry.size;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
