/**
 * The server's clock: when autosaves are due and history entries were made, the time facilitation
 * stamps timers and vote deadlines with (the clients' countdowns follow it). Injected, so a test
 * advances minutes of quiet in microseconds (`ManualClock` in shared test-support) instead of
 * sleeping through them.
 */
export interface Clock {
  /** ms since the epoch. */
  now(): number;
  /** Calls `run` once, `ms` from now; returns what cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** The machine's clock; its timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
