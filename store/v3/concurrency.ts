/**
 * The concurrency caps of the promotions endpoints: at most 40 requests in flight on
 * `/v3/promotions...` and at most 10 on a promotion's `/codes` and `/codegen`. A request over its
 * cap is answered 429 at once.
 */

export const PROMOTIONS_CONCURRENCY = 40;
export const CODES_CONCURRENCY = 10;

/** The pool a v3 path counts against, or undefined when it is not capped. */
export function concurrencyPool(apiPath: string): "codes" | "promotions" | undefined {
  if (/^\/v3\/promotions\/[^/]+\/(codes|codegen)(\/|$)/.test(apiPath)) return "codes";
  if (/^\/v3\/promotions(\/|$)/.test(apiPath)) return "promotions";
  return undefined;
}

export class ConcurrencyGate {
  private readonly inFlight = { codes: 0, promotions: 0 };

  constructor(private readonly caps = { codes: CODES_CONCURRENCY, promotions: PROMOTIONS_CONCURRENCY }) {}

  /** Takes a slot for a request on `apiPath`: a release function (call it once the answer is sent), or undefined when the cap is reached. */
  enter(apiPath: string): (() => void) | undefined {
    const pool = concurrencyPool(apiPath);
    if (!pool) return () => undefined;
    if (this.inFlight[pool] >= this.caps[pool]) return undefined;
    this.inFlight[pool]++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight[pool]--;
    };
  }

  /** Requests in flight per pool. */
  current(): { codes: number; promotions: number } {
    return { ...this.inFlight };
  }
}
