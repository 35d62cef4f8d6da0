/**
 * The concurrency caps of the promotions endpoints, as each operation's text in the spec gives
 * them: at most 10 requests in flight listing a promotion's codes (`GET .../codes`) or generating
 * codes (`POST .../codegen`), and at most 40 on every promotions and codes operation, the
 * 10-pool's included (the strict reading). A request over a cap is answered 429 at once, without
 * the quota's rate-limit headers (it is not the quota).
 */

export const PROMOTIONS_CONCURRENCY = 40;
export const CODES_CONCURRENCY = 10;

type Pool = "codes" | "promotions";

/** The pools a v3 request counts against (none for other paths). */
export function concurrencyPools(method: string, apiPath: string): Pool[] {
  if (!/^\/v3\/promotions(\/|$)/.test(apiPath)) return [];
  const listing = method === "GET" && /^\/v3\/promotions\/[^/]+\/codes$/.test(apiPath);
  const codegen = method === "POST" && /^\/v3\/promotions\/[^/]+\/codegen$/.test(apiPath);
  return listing || codegen ? ["codes", "promotions"] : ["promotions"];
}

export class ConcurrencyGate {
  private readonly inFlight = { codes: 0, promotions: 0 };

  constructor(private readonly caps = { codes: CODES_CONCURRENCY, promotions: PROMOTIONS_CONCURRENCY }) {}

  /** Takes a slot for a request: a release function (call it once the answer is sent), or undefined when a cap is reached. */
  enter(method: string, apiPath: string): (() => void) | undefined {
    const pools = concurrencyPools(method, apiPath);
    if (pools.some((p) => this.inFlight[p] >= this.caps[p])) return undefined;
    for (const p of pools) this.inFlight[p]++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const p of pools) this.inFlight[p]--;
    };
  }

  /** Requests in flight per pool. */
  current(): { codes: number; promotions: number } {
    return { ...this.inFlight };
  }
}
