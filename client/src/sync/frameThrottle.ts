/**
 * Coalesces a stream of keyed values to at most one flush per animation frame. A drag fires a
 * pointer event far more often than the screen repaints; sending every one of them to the doc
 * (and so to every participant) would flood the wire for frames nobody sees. Only the latest
 * value per key survives until the next frame.
 */
export type FrameScheduler = {
  request(callback: () => void): number;
  cancel(handle: number): void;
};

/**
 * Once per animation frame, but just after the frame rather than inside it: the work a flush
 * sets off (a Yjs transaction, a websocket message, re-rendering the canvas) then never delays
 * the frame the user is watching.
 */
const pending = new Map<number, { frame: number; timer: ReturnType<typeof setTimeout> | null }>();
let nextHandle = 1;
const animationFrames: FrameScheduler = {
  request(callback) {
    const handle = nextHandle++;
    const entry = {
      frame: requestAnimationFrame(() => {
        entry.timer = setTimeout(() => {
          pending.delete(handle);
          callback();
        }, 0);
      }),
      timer: null as ReturnType<typeof setTimeout> | null,
    };
    pending.set(handle, entry);
    return handle;
  },
  cancel(handle) {
    const entry = pending.get(handle);
    if (!entry) return;
    cancelAnimationFrame(entry.frame);
    if (entry.timer !== null) clearTimeout(entry.timer);
    pending.delete(handle);
  },
};

export interface FrameThrottle<T> {
  /** Remembers `value` for `key`; it is flushed with the next frame. */
  push(key: string, value: T): void;
  /** Flushes what is pending now (e.g. on drop, so the last position is never lost). */
  flush(): void;
  /** Drops what is pending without flushing. */
  cancel(): void;
  readonly pending: number;
}

export function createFrameThrottle<T>(
  onFlush: (latest: ReadonlyMap<string, T>) => void,
  scheduler: FrameScheduler = animationFrames,
): FrameThrottle<T> {
  let latest = new Map<string, T>();
  let handle: number | null = null;

  const flush = () => {
    if (handle !== null) {
      scheduler.cancel(handle);
      handle = null;
    }
    if (latest.size === 0) return;
    const batch = latest;
    latest = new Map();
    onFlush(batch);
  };

  return {
    push(key, value) {
      latest.set(key, value);
      if (handle === null) {
        handle = scheduler.request(() => {
          handle = null;
          flush();
        });
      }
    },
    flush,
    cancel() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      latest = new Map();
    },
    get pending() {
      return latest.size;
    },
  };
}

/**
 * Limits calls to one per `intervalMs`, always delivering the last value (trailing edge), for
 * awareness cursors: enough for smooth remote pointers, far fewer messages than mousemove.
 */
export function createIntervalThrottle<T>(
  onFlush: (value: T) => void,
  intervalMs: number,
  now: () => number = () => performance.now(),
  setTimer: (callback: () => void, ms: number) => unknown = (callback, ms) =>
    setTimeout(callback, ms),
): (value: T) => void {
  let lastSent = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let timerSet = false;
  const send = () => {
    timerSet = false;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastSent = now();
    onFlush(value);
  };
  return (value: T) => {
    pending = { value };
    const wait = lastSent + intervalMs - now();
    if (wait <= 0) {
      send();
    } else if (!timerSet) {
      timerSet = true;
      setTimer(send, wait);
    }
  };
}
