/**
 * Test support: animation frames that run when the test says so (`frame()`), for code that
 * throttles to frames (`createFrameThrottle`, the drag in `boardActions`).
 */
import type { FrameScheduler } from '../sync/frameThrottle.ts';

export function manualFrames(): { scheduler: FrameScheduler; frame(): void } {
  let pending: (() => void) | null = null;
  return {
    scheduler: {
      request(callback) {
        pending = callback;
        return 1;
      },
      cancel() {
        pending = null;
      },
    },
    frame() {
      const callback = pending;
      pending = null;
      callback?.();
    },
  };
}
