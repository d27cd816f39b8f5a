/**
 * Workload 2 — capacity: the largest V (watchers, with the same writers and presence) for
 * which p99 stays under the limit with every update delivered. A coarse search: the sweep's
 * points first, then larger V if all of them pass, then a few bisection steps (halving below
 * the sweep's first point).
 *
 * The search is a stepper (`next()` / `record()`), so the runner advances every server's
 * search in lockstep and a burst of load on the shared machine hits them all alike.
 */
import type { CapacityConfig } from '../config.ts';
import type { EditLatencyResult } from './edit-latency.ts';

export interface CapacityResult {
  peer: string;
  /** Largest V that passed (0 if even the smallest tried failed). */
  capacity: number;
  /** True when the largest V tried passed: capacity is at least this, maybe more. */
  atLeast: boolean;
  tried: { viewers: number; p99: number | null; passed: boolean }[];
}

export function passes(result: EditLatencyResult, limitMs: number): boolean {
  return (
    result.latency.lost === 0 &&
    result.clientErrors.length === 0 &&
    result.latency.p99 !== null &&
    result.latency.p99 < limitMs
  );
}

export class CapacitySearch {
  private readonly results = new Map<number, EditLatencyResult>();
  private lastPass = 0;
  private firstFail: number | null = null;
  private extensions: number[];
  private bisections = 0;

  constructor(
    readonly peer: string,
    known: EditLatencyResult[],
    private readonly config: CapacityConfig,
  ) {
    for (const result of known) this.results.set(result.viewers, result);
    // Monotone assumption: the first failing V of the sweep bounds the search.
    for (const viewers of [...this.results.keys()].sort((a, b) => a - b)) {
      if (this.passed(viewers)) this.lastPass = viewers;
      else {
        this.firstFail = viewers;
        break;
      }
    }
    this.extensions = config.extendTo.filter((value) => value > this.lastPass);
  }

  /** The next V to run, or null when the search is over. */
  next(): number | null {
    if (this.firstFail === null) return this.extensions[0] ?? null;
    if (this.bisections >= this.config.bisectSteps) return null;
    const upper = this.firstFail;
    if (this.lastPass > 0 && upper - this.lastPass <= this.config.resolution) return null;
    // Below the sweep's first point, halve (5, 2, 1); above it, bisect to a multiple of 5.
    const middle =
      this.lastPass === 0 ? Math.floor(upper / 2) : Math.round((this.lastPass + upper) / 2 / 5) * 5;
    if (middle <= this.lastPass || middle >= upper || middle < 1) return null;
    return middle;
  }

  record(result: EditLatencyResult): void {
    const { viewers } = result;
    this.results.set(viewers, result);
    if (this.firstFail === null) {
      this.extensions = this.extensions.filter((value) => value !== viewers);
      if (this.passed(viewers)) this.lastPass = viewers;
      else this.firstFail = viewers;
      return;
    }
    this.bisections += 1;
    if (this.passed(viewers)) this.lastPass = viewers;
    else this.firstFail = viewers;
  }

  result(): CapacityResult {
    return {
      peer: this.peer,
      capacity: this.lastPass,
      atLeast: this.firstFail === null,
      tried: [...this.results.values()]
        .sort((a, b) => a.viewers - b.viewers)
        .map((result) => ({
          viewers: result.viewers,
          p99: result.latency.p99,
          passed: passes(result, this.config.p99LimitMs),
        })),
    };
  }

  private passed(viewers: number): boolean {
    return passes(this.results.get(viewers)!, this.config.p99LimitMs);
  }
}
