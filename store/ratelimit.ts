/**
 * The store's request quota: a fixed window per store (BigCommerce's standard plans allow 150
 * requests per 30 s, shared by every app). Every answer carries the rate-limit headers; past
 * the quota the answer is 429 with `X-Retry-After` (seconds).
 *
 * Other apps on the store spend part of the same quota: `spend(n)` at once (the admin
 * endpoint), or a share of every window spread evenly over it (`othersShare`, a fault option),
 * so the requests left fall faster than the client's own use explains.
 */
export class QuotaWindow {
  /** Start of the current window; -Infinity until the first request (a clock may start at 0). */
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;
  /** Share (0..1) of each window that other apps spend, spread over the window. */
  othersShare = 0;

  constructor(
    public quota: number,
    public windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  /** What other apps have spent so far in this window (by `othersShare`). */
  private others(): number {
    if (!this.othersShare) return 0;
    const elapsed = Math.min(1, Math.max(0, (this.now() - this.windowStart) / this.windowMs));
    return Math.floor(this.othersShare * this.quota * elapsed);
  }

  private spent(): number {
    return Math.min(this.quota, this.used + this.others());
  }

  /** Counts one request; false when the quota is spent. */
  take(): boolean {
    this.roll();
    if (this.spent() >= this.quota) return false;
    this.used++;
    return true;
  }

  /** Spends requests as another app on the store would. */
  spend(n: number): void {
    this.roll();
    this.used = Math.min(this.quota, this.used + n);
  }

  /** Requests left in the current window. */
  left(): number {
    this.roll();
    return Math.max(0, this.quota - this.spent());
  }

  headers(): Record<string, string> {
    this.roll();
    const resetMs = Math.max(0, this.windowStart + this.windowMs - this.now());
    return {
      "X-Rate-Limit-Requests-Quota": String(this.quota),
      "X-Rate-Limit-Requests-Left": String(Math.max(0, this.quota - this.spent())),
      "X-Rate-Limit-Time-Reset-Ms": String(resetMs),
      "X-Rate-Limit-Time-Window-Ms": String(this.windowMs),
    };
  }

  retryAfterSeconds(): number {
    const resetMs = Math.max(0, this.windowStart + this.windowMs - this.now());
    return Math.max(1, Math.ceil(resetMs / 1000));
  }
}
