/**
 * Time for the version history: when autosaves are due and entries were made. Injected, so a
 * test advances minutes of quiet in microseconds (`server/test/manual-clock.ts`) instead of
 * sleeping through them.
 */
export interface HistoryClock {
  /** ms since the epoch. */
  now(): number;
  /** Calls `run` once, `ms` from now; returns what cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** The machine's clock; its timers do not keep the process alive. */
export const systemClock: HistoryClock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
