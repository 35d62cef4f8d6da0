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

  it("sends one probe before any answer, then everything when the answer has no rate-limit headers", async () => {
    const l = limiter();
    await l.acquire();
    const second = l.acquire();
    expect(await settled(second)).toBe(false);
    l.release({}); // an answer without rate-limit headers
    await jest.advanceTimersByTimeAsync(25);
    expect(await settled(second)).toBe(true);
    const all = Promise.all(Array.from({ length: 50 }, () => l.acquire()));
    expect(await settled(all)).toBe(true);
  });

  it("a probe that fails without an answer lets the next probe go", async () => {
    const l = limiter();
    await l.acquire();
    const next = l.acquire();
    l.release(); // no answer at all
    await jest.advanceTimersByTimeAsync(25);
    expect(await settled(next)).toBe(true);
    expect(await settled(l.acquire())).toBe(false);
  });

  it("after a 429 sends one probe at the reset, and the rest once it is answered", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 100, resetMs: 30_000 });
    await l.acquire();
    l.release({ quota: 150, left: 0, resetMs: 500 });
    l.exhausted(500);
    const waiting = [l.acquire(), l.acquire(), l.acquire()];
    await jest.advanceTimersByTimeAsync(600);
    const done = await Promise.all(waiting.map(settled));
    expect(done.filter(Boolean)).toHaveLength(1); // the probe
    l.release({ quota: 150, left: 149, resetMs: 30_000 });
    await jest.advanceTimersByTimeAsync(300);
    expect(await settled(Promise.all(waiting))).toBe(true);
  });

  it("probes again after an idle second, since other apps may have spent what it knew was left", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 100, resetMs: 30_000 });
    await jest.advanceTimersByTimeAsync(1500);
    await l.acquire();
    expect(await settled(l.acquire())).toBe(false);
    l.release({ left: 98, resetMs: 28_000 });
    await jest.advanceTimersByTimeAsync(300);
    expect(await settled(Promise.all([l.acquire(), l.acquire()]))).toBe(true);
  });

  it("within one window keeps the lowest count of answers that overtake each other", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 10, resetMs: 10_000 });
    for (let i = 0; i < 3; i++) await l.acquire();
    l.release({ left: 7, resetMs: 9_990 }); // the last one sent, answered first
    l.release({ left: 9, resetMs: 9_980 }); // an older answer: must not raise the count
    l.release({ left: 8, resetMs: 9_970 });
    expect(l.snapshot().left).toBe(7);
    const seven = Promise.all(Array.from({ length: 7 }, () => l.acquire()));
    expect(await settled(seven)).toBe(true);
    expect(await settled(l.acquire())).toBe(false);
  });

  it("ignores a late answer of an earlier window once a later window is known", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 10, left: 9, resetMs: 1000, windowMs: 1000 });
    await jest.advanceTimersByTimeAsync(1100); // our side: a new window, 10 left
    await l.acquire();
    l.release({ quota: 10, left: 4, resetMs: 1000, windowMs: 1000 }); // the new window: 4 left
    l.release({ quota: 10, left: 8, resetMs: 50, windowMs: 1000 }); // a late answer of the window before
    expect(l.snapshot().left).toBe(4);
    await jest.advanceTimersByTimeAsync(100); // its reset passes: it must not refill the quota
    expect(l.snapshot().left).toBe(4);
  });

  it("takes the count of a new window even when it is higher", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 1, resetMs: 100 });
    await jest.advanceTimersByTimeAsync(150);
    await l.acquire();
    l.release({ quota: 150, left: 149, resetMs: 30_000 });
    expect(l.snapshot().left).toBe(149);
  });

  it("counts others' use: a lower count than our own use explains is believed", async () => {
    const l = limiter();
    await l.acquire();
    l.release({ quota: 150, left: 100, resetMs: 20_000 });
    await l.acquire();
    l.release({ left: 3, resetMs: 19_000 }); // another app spent 96 meanwhile
    await l.acquire();
    await l.acquire();
    await l.acquire();
    const fourth = l.acquire();
    expect(await settled(fourth)).toBe(false);
    await jest.advanceTimersByTimeAsync(20_100);
    expect(await settled(fourth)).toBe(true);
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
    const check = expect(p).rejects.toThrow(/no request slot in the store's rate limit within 500 ms/);
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

  it("the steady state never overdraws: at most `left` requests between two resets", async () => {
    // a simulated store: quota 10 per 1000 ms; the limiter must not send an 11th in a window
    let windowStart = Date.now();
    let used = 0;
    let refused = 0;
    let sent = 0;
    const l = limiter();
    const worker = async () => {
      for (let i = 0; i < 8; i++) {
        await l.acquire();
        await jest.advanceTimersByTimeAsync(0);
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          used = 0;
        }
        sent++;
        if (used >= 10) {
          refused++;
          l.release({ quota: 10, left: 0, resetMs: windowStart + 1000 - now });
          l.exhausted(windowStart + 1000 - now);
          continue;
        }
        used++;
        l.release({ quota: 10, left: 10 - used, resetMs: windowStart + 1000 - now });
      }
    };
    const all = Promise.all([worker(), worker(), worker(), worker(), worker()]);
    for (let t = 0; t < 8000 && !(await settled(all)); t += 50) await jest.advanceTimersByTimeAsync(50);
    expect(await settled(all)).toBe(true);
    expect(sent).toBe(40);
    expect(refused).toBe(0);
  });
});

describe("RateLimiter on its default clock (Date.now, faked)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("waits for the reset when exhausted", async () => {
    const l = new RateLimiter(); // takes Date.now, jest's fake one here
    l.exhausted(40);
    const started = jest.now();
    let acquiredAt: number | undefined;
    const acquired = l.acquire().then(() => void (acquiredAt = jest.now()));
    await jest.advanceTimersByTimeAsync(39);
    expect(acquiredAt).toBeUndefined();
    await jest.advanceTimersByTimeAsync(211);
    await acquired;
    expect((acquiredAt as number) - started).toBeGreaterThanOrEqual(40);
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
