/**
 * jest's modern fake timers with real sockets, for tests that talk HTTP to a scripted server or
 * the in-process local store. Date and the timers are fake (the client's backoff, quota waits
 * and timeouts, the limiter's clock, the store's quota window, latency and faults), so a
 * duration asserted is exact rather than measured; the event loop's own turns (setImmediate,
 * nextTick, microtasks) stay real, so sockets make progress while the clock stands still.
 */

/** Installs the fake clock (at `now` when given); undo it with `jest.useRealTimers()`. */
export function useFakeClock(now?: number): void {
  jest.useFakeTimers({
    doNotFake: ["nextTick", "setImmediate", "clearImmediate", "queueMicrotask"],
    ...(now === undefined ? {} : { now }),
  });
}

/** A turn of the real event loop (setImmediate is not faked): sockets make progress. */
export const io = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits, turn by turn of the real event loop, until `done()` holds; the fake clock stands still meanwhile. */
export async function until(done: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; !done(); i++) {
    if (i >= turns) throw new Error(`still waiting after ${turns} turns of the event loop`);
    await io();
  }
}

export interface ClockDriver {
  /** Stops moving the clock, once the step under way is done. */
  stop(): Promise<void>;
}

/**
 * Moves the fake clock to the next timer whenever `idle()` says no answer is on its way to a
 * client (every request sent has been answered and read, or the server holds the last one on a
 * timer of its own): everyone then waits on a timer only (backoff, the quota's reset, a timeout,
 * the store's latency), so the clock never passes while a real answer is in transit and each
 * request reaches the server at the fake time it was sent.
 */
export function driveClock(idle: () => boolean): ClockDriver {
  let stopped = false;
  const driving = (async () => {
    while (!stopped) {
      await io();
      if (idle() && jest.getTimerCount() > 0) await jest.advanceTimersToNextTimerAsync();
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await driving;
    },
  };
}
