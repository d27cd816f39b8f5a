/**
 * Workload 2 — capacity: the largest V (watchers, with the same writers and presence) for
 * which p99 stays under the limit with every update delivered. A coarse search: the sweep's
 * points first, then larger V if all of them pass, then a few bisection steps.
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

export async function findCapacity(
  peer: string,
  known: EditLatencyResult[],
  config: CapacityConfig,
  runAt: (viewers: number) => Promise<EditLatencyResult>,
): Promise<CapacityResult> {
  const results = new Map<number, EditLatencyResult>(
    known.map((result) => [result.viewers, result]),
  );
  const passed = (viewers: number) => passes(results.get(viewers)!, config.p99LimitMs);
  const ensure = async (viewers: number) => {
    if (!results.has(viewers)) results.set(viewers, await runAt(viewers));
    return passed(viewers);
  };
  // Monotone assumption: the first failing V bounds the search.
  const sweep = [...results.keys()].sort((a, b) => a - b);
  let lastPass = 0;
  let firstFail: number | null = null;
  for (const viewers of sweep) {
    if (passed(viewers)) lastPass = viewers;
    else {
      firstFail = viewers;
      break;
    }
  }
  if (firstFail === null) {
    for (const viewers of config.extendTo.filter((value) => value > lastPass)) {
      if (await ensure(viewers)) lastPass = viewers;
      else {
        firstFail = viewers;
        break;
      }
    }
  }
  if (firstFail !== null) {
    let upper: number = firstFail;
    for (let step = 0; step < config.bisectSteps; step += 1) {
      // Below the sweep's first point, halve (5, 2, 1); above it, bisect to `resolution`.
      const middle: number =
        lastPass === 0 ? Math.floor(upper / 2) : Math.round((lastPass + upper) / 2 / 5) * 5;
      if (lastPass > 0 && upper - lastPass <= config.resolution) break;
      if (middle <= lastPass || middle >= upper || middle < 1) break;
      if (await ensure(middle)) lastPass = middle;
      else upper = middle;
    }
  }
  return {
    peer,
    capacity: lastPass,
    atLeast: firstFail === null,
    tried: [...results.values()]
      .sort((a, b) => a.viewers - b.viewers)
      .map((result) => ({
        viewers: result.viewers,
        p99: result.latency.p99,
        passed: passes(result, config.p99LimitMs),
      })),
  };
}
