import { describe, expect, it } from 'vitest';
import {
  createFrameThrottle,
  createIntervalThrottle,
  type FrameScheduler,
} from './frameThrottle.ts';

/** A scheduler whose frames the test fires by hand. */
function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    request(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    cancel(handle) {
      callbacks.delete(handle);
    },
  };
  return {
    scheduler,
    get scheduled() {
      return callbacks.size;
    },
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback();
    },
  };
}

describe('createFrameThrottle', () => {
  it('[drag/frame] sends only the latest value per card once per frame', () => {
    const frames = manualFrames();
    const flushed: Array<Record<string, number>> = [];
    const throttle = createFrameThrottle<number>(
      (latest) => flushed.push(Object.fromEntries(latest)),
      frames.scheduler,
    );
    throttle.push('a', 1);
    throttle.push('a', 2);
    throttle.push('b', 7);
    throttle.push('a', 3);
    expect(frames.scheduled).toBe(1);
    expect(flushed).toEqual([]);
    frames.frame();
    expect(flushed).toEqual([{ a: 3, b: 7 }]);
    frames.frame();
    expect(flushed).toHaveLength(1);
  });

  it('[drag/drop] flush() delivers the pending value at once and cancels the frame', () => {
    const frames = manualFrames();
    const flushed: number[] = [];
    const throttle = createFrameThrottle<number>(
      (latest) => flushed.push(latest.get('a')!),
      frames.scheduler,
    );
    throttle.push('a', 10);
    throttle.flush();
    expect(flushed).toEqual([10]);
    expect(frames.scheduled).toBe(0);
    expect(throttle.pending).toBe(0);
  });

  it('[drag/cancel] cancel() drops pending values', () => {
    const frames = manualFrames();
    const flushed: number[] = [];
    const throttle = createFrameThrottle<number>(() => flushed.push(1), frames.scheduler);
    throttle.push('a', 1);
    throttle.cancel();
    frames.frame();
    throttle.flush();
    expect(flushed).toEqual([]);
  });
});

describe('createIntervalThrottle', () => {
  it('[presence/cursor] sends the first value at once, then the last one per interval', () => {
    let clock = 0;
    const timers: Array<{ at: number; callback: () => void }> = [];
    const sent: number[] = [];
    const send = createIntervalThrottle<number>(
      (value) => sent.push(value),
      50,
      () => clock,
      (callback, ms) => timers.push({ at: clock + ms, callback }),
    );
    send(1);
    expect(sent).toEqual([1]);
    clock = 10;
    send(2);
    clock = 20;
    send(3);
    expect(sent).toEqual([1]);
    expect(timers).toHaveLength(1);
    clock = timers[0]!.at;
    timers[0]!.callback();
    expect(sent).toEqual([1, 3]);
    clock = 200;
    send(4);
    expect(sent).toEqual([1, 3, 4]);
  });
});
