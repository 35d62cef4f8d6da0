/**
 * Fault injection for the local store: the ways a real API fails a client, on demand and
 * reproducible. Every random decision comes from one seeded generator, so a run with the same
 * seed and the same order of requests meets the same faults.
 *
 * Faults apply to API requests only (`/stores/...`), never to `/__admin/...`.
 */

export interface FaultOptions {
  /** Seed of the generator behind every fraction below (default 1). */
  seed?: number;
  /** Fraction (0..1) of requests answered 500, 502 or 503 without being carried out. */
  errorRate?: number;
  /** Fraction (0..1) of requests whose connection is destroyed before any answer; nothing is done. */
  dropRate?: number;
  /**
   * Fraction (0..1) of writes (POST, PUT, DELETE) that are carried out and whose answer is then
   * lost: the connection is destroyed instead of answering. The client cannot tell it from a drop.
   */
  lostResponseRate?: number;
  /** Fraction (0..1) of requests answered `slowMs` later than usual. */
  slowRate?: number;
  /** Extra delay of a slow answer, in ms (default 2000). */
  slowMs?: number;
  /**
   * Share (0..1) of every quota window spent by other apps on the store, spread evenly over
   * the window (so the requests left fall faster than this client's own use explains).
   */
  othersShare?: number;
  /**
   * A 429 storm: every request is answered 429 for this many ms (each answer naming the
   * quota window's reset as usual, so a client that waits is refused again until it ends).
   */
  stormMs?: number;
  /** The storm starts once this many API requests have arrived (default 0: at once). */
  stormAfterRequests?: number;
}

/** What the fault layer decided for one request. */
export type FaultDecision =
  | { kind: "none"; slowMs: number }
  | { kind: "storm"; remainingMs: number }
  | { kind: "drop" }
  | { kind: "error"; status: number; slowMs: number }
  | { kind: "lose"; slowMs: number };

export interface FaultCounts {
  errors: number;
  dropped: number;
  lostResponses: number;
  slowed: number;
  storm429: number;
}

export function emptyFaultCounts(): FaultCounts {
  return { errors: 0, dropped: 0, lostResponses: 0, slowed: 0, storm429: 0 };
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRACTIONS = ["errorRate", "dropRate", "lostResponseRate", "slowRate", "othersShare"] as const;
const DURATIONS = ["slowMs", "stormMs", "stormAfterRequests"] as const;

/** Checks fault options (from the CLI or the admin endpoint); throws naming the bad field. */
export function validateFaults(input: unknown): FaultOptions {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw new Error("faults must be a JSON object");
  const out: FaultOptions = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if ((FRACTIONS as readonly string[]).includes(key)) {
      if (typeof value !== "number" || !(value >= 0 && value <= 1))
        throw new Error(`${key}: must be a number from 0 to 1`);
    } else if ((DURATIONS as readonly string[]).includes(key) || key === "seed") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
        throw new Error(`${key}: must be a non-negative integer`);
    } else {
      throw new Error(`${key}: is not a fault option (known: seed, ${[...FRACTIONS, ...DURATIONS].join(", ")})`);
    }
    (out as Record<string, number>)[key] = value;
  }
  return out;
}

/**
 * The store's fault layer. `decide` is called once per API request, after the token check and
 * before the quota; the server then acts on the decision.
 */
export class FaultInjector {
  private opts: FaultOptions = {};
  private random: () => number = seededRandom(1);
  private requests = 0;
  private stormStart: number | undefined;
  counts: FaultCounts = emptyFaultCounts();

  constructor(
    options: FaultOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.configure(options);
  }

  /** Replaces every option (missing ones are off), restarts the generator and the storm. */
  configure(options: FaultOptions): void {
    this.opts = { ...options };
    this.random = seededRandom(options.seed ?? 1);
    this.requests = 0;
    this.stormStart = undefined;
  }

  get options(): FaultOptions {
    return { ...this.opts };
  }

  get othersShare(): number {
    return this.opts.othersShare ?? 0;
  }

  /** Decides the fate of one request. */
  decide(method: string): FaultDecision {
    this.requests++;
    const o = this.opts;
    if (o.stormMs) {
      const now = this.now();
      if (this.stormStart === undefined && this.requests > (o.stormAfterRequests ?? 0)) this.stormStart = now;
      if (this.stormStart !== undefined && now - this.stormStart < o.stormMs) {
        this.counts.storm429++;
        return { kind: "storm", remainingMs: this.stormStart + o.stormMs - now };
      }
    }
    // One draw per fault kind and request, always in the same order: the sequence of
    // decisions depends on the seed and the number of requests only.
    const drop = this.random() < (o.dropRate ?? 0);
    const error = this.random() < (o.errorRate ?? 0);
    const lose = this.random() < (o.lostResponseRate ?? 0);
    const slow = this.random() < (o.slowRate ?? 0);
    const statusDraw = this.random();
    const slowMs = slow ? (o.slowMs ?? 2000) : 0;
    if (drop) {
      this.counts.dropped++;
      return { kind: "drop" };
    }
    if (slow) this.counts.slowed++;
    if (error) {
      this.counts.errors++;
      return { kind: "error", status: [500, 502, 503][Math.floor(statusDraw * 3)], slowMs };
    }
    if (lose && method !== "GET") {
      this.counts.lostResponses++;
      return { kind: "lose", slowMs };
    }
    return { kind: "none", slowMs };
  }
}
