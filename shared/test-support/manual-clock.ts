/**
 * A clock a test moves by hand (it fits the server history's `HistoryClock`: `now`, `after`):
 * `advance(ms)` runs every timer that falls due on the way, in order, at its own time — thirty
 * seconds of quiet or five minutes of editing pass in microseconds, and a test never sleeps
 * through them.
 */

interface Timer {
  at: number;
  order: number;
  run: () => void;
}

export class ManualClock {
  private time: number;
  private order = 0;
  private readonly timers = new Set<Timer>();

  constructor(start = 1_790_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): () => void {
    const timer: Timer = { at: this.time + ms, order: this.order++, run };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Timers waiting (for tests that check nothing is left running). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running each timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers) {
        if (
          timer.at <= end &&
          (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order))
        ) {
          next = timer;
        }
      }
      if (!next) break;
      this.timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = end;
  }
}
