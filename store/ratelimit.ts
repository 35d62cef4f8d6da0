/**
 * The store's request quota: a fixed window per store (BigCommerce's standard plans allow 150
 * requests per 30 s, shared by every app). Every answer carries the rate-limit headers; past
 * the quota the answer is 429 with `X-Retry-After` (seconds).
 */
export class QuotaWindow {
  /** Start of the current window; -Infinity until the first request (a clock may start at 0). */
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

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

  /** Counts one request; false when the quota is spent. */
  take(): boolean {
    this.roll();
    if (this.used >= this.quota) return false;
    this.used++;
    return true;
  }

  /** Spends requests as another app on the store would. */
  spend(n: number): void {
    this.roll();
    this.used = Math.min(this.quota, this.used + n);
  }

  headers(): Record<string, string> {
    this.roll();
    const resetMs = Math.max(0, this.windowStart + this.windowMs - this.now());
    return {
      "X-Rate-Limit-Requests-Quota": String(this.quota),
      "X-Rate-Limit-Requests-Left": String(Math.max(0, this.quota - this.used)),
      "X-Rate-Limit-Time-Reset-Ms": String(resetMs),
      "X-Rate-Limit-Time-Window-Ms": String(this.windowMs),
    };
  }

  retryAfterSeconds(): number {
    const resetMs = Math.max(0, this.windowStart + this.windowMs - this.now());
    return Math.max(1, Math.ceil(resetMs / 1000));
  }
}
