import { limiterFor, RateLimiter } from "../../../provider/client/ratelimit";

/** Resolves to whether a promise has settled, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  // let pending microtasks run
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

describe("RateLimiter with a fake clock", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const limiter = () => new RateLimiter(() => Date.now());

  it("hands out requests without waiting while nothing is known about the quota", async () => {
    const l = limiter();
    const all = Promise.all(Array.from({ length: 50 }, () => l.acquire()));
    expect(await settled(all)).toBe(true);
    expect(l.waitedMs).toBe(0);
  });

  it("hands out slots while left > 0 and holds the next caller until the reset", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 2, resetMs: 1000 });

    expect(await settled(l.acquire())).toBe(true);
    expect(await settled(l.acquire())).toBe(true);
    const third = l.acquire();
    expect(await settled(third)).toBe(false);

    await jest.advanceTimersByTimeAsync(900);
    expect(await settled(third)).toBe(false);

    await jest.advanceTimersByTimeAsync(200);
    expect(await settled(third)).toBe(true);
    expect(l.waitedMs).toBeGreaterThanOrEqual(1000);
  });

  it("counts requests in flight against what is left", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ left: 1, resetMs: 500 });
    await l.acquire(); // in flight, not answered yet: it takes the one slot left
    const next = l.acquire();
    expect(await settled(next)).toBe(false);
    await jest.advanceTimersByTimeAsync(400);
    expect(await settled(next)).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(await settled(next)).toBe(true);
  });

  it("refills to the quota after the reset", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 3, left: 0, resetMs: 100 });
    await jest.advanceTimersByTimeAsync(150);
    // three slots at once, no fourth until one is answered
    const three = Promise.all([l.acquire(), l.acquire(), l.acquire()]);
    expect(await settled(three)).toBe(true);
    expect(await settled(l.acquire())).toBe(false);
  });

  it("exhausted(ms) empties the quota until that many ms from now", async () => {
    const l = limiter();
    l.exhausted(300);
    const p = l.acquire();
    await jest.advanceTimersByTimeAsync(250);
    expect(await settled(p)).toBe(false);
    await jest.advanceTimersByTimeAsync(100);
    expect(await settled(p)).toBe(true);
  });

  it("exhausted overrides a quota that still looked available", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 100, resetMs: 30_000 });
    l.exhausted(200);
    const p = l.acquire();
    expect(await settled(p)).toBe(false);
    await jest.advanceTimersByTimeAsync(250);
    expect(await settled(p)).toBe(true);
  });

  it("gives up when no slot comes within maxWaitMs", async () => {
    const l = limiter();
    l.exhausted(10_000);
    const p = l.acquire(500);
    const check = expect(p).rejects.toThrow(/no request slot within 500 ms/);
    await jest.advanceTimersByTimeAsync(2000);
    await check;
  });

  it("release without a snapshot frees the slot but keeps what it knew", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ left: 1, resetMs: 5000 });
    await l.acquire();
    l.release(); // a failed request: no headers
    expect(await settled(l.acquire())).toBe(true);
    expect(await settled(l.acquire())).toBe(false);
  });
});

describe("RateLimiter with real time", () => {
  it("waits for the reset when exhausted", async () => {
    const l = new RateLimiter();
    l.exhausted(40);
    const started = Date.now();
    await l.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(38);
    expect(l.waitedMs).toBeGreaterThanOrEqual(40);
  });
});

describe("limiterFor", () => {
  it("returns the same instance for the same key and another for another key", () => {
    const a = limiterFor("https://api.example/stores/one");
    expect(limiterFor("https://api.example/stores/one")).toBe(a);
    expect(a).toBeInstanceOf(RateLimiter);
    expect(limiterFor("https://api.example/stores/two")).not.toBe(a);
  });
});
