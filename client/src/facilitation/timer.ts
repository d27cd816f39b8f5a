/**
 * The workshop timer as a person sees it: what is left, as `m:ss`, from the timer's state in the
 * board (shared `session.ts`, server epoch ms) and this tab's estimate of the server's clock
 * (`FacilitationClient.serverNow`) — never the local clock alone, so every screen shows the same
 * second (S-FAC-TIMER-1) and a late joiner sees the right time left. Pure.
 */
import {
  type TimerPhase,
  type TimerState,
  timerPhase,
  timerRemainingMs,
} from '@fire-triangle/shared';

/** Below this much time left (ms) the timer is drawn as urgent. */
export const URGENT_BELOW_MS = 30_000;
/**
 * Whole seconds are counted down from this much under each second (ms): the server's clock is
 * known to within half a round trip, so a five-minute timer just started could otherwise read
 * 5:01 for a moment on a screen whose estimate is a few ms behind.
 */
export const SECOND_TOLERANCE_MS = 200;
/** A timer that ended longer ago than this (ms) does not ring for someone who just arrived. */
export const CHIME_WINDOW_MS = 5_000;

export interface TimerView {
  phase: TimerPhase;
  /** Milliseconds left (running, paused), the duration to start with (stopped), 0 (finished). */
  remainingMs: number;
  /** Whole seconds shown (rounded up, within `SECOND_TOLERANCE_MS`: 0 only at the end). */
  seconds: number;
  /** `seconds` for a person: `4:05`, `1:02:03`. */
  text: string;
  urgent: boolean;
}

/** Whole seconds left as shown: rounded up, a few ms over a second not counted. */
export function shownSeconds(ms: number): number {
  return ms <= 0 ? 0 : Math.max(1, Math.ceil((ms - SECOND_TOLERANCE_MS) / 1000));
}

/** `m:ss` (or `h:mm:ss` from an hour) of `shownSeconds`. @example formatCountdown(61_500) // '1:02' */
export function formatCountdown(ms: number): string {
  const total = shownSeconds(ms);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** The timer at `serverNow` (server epoch ms). */
export function timerView(timer: TimerState, serverNow: number): TimerView {
  const phase = timerPhase(timer, serverNow);
  const remainingMs = phase === 'finished' ? 0 : timerRemainingMs(timer, serverNow);
  return {
    phase,
    remainingMs,
    seconds: shownSeconds(remainingMs),
    text: formatCountdown(remainingMs),
    urgent: phase === 'running' && remainingMs <= URGENT_BELOW_MS,
  };
}

/**
 * Whether the end should ring now: this screen saw the timer running and now sees it finished,
 * within `CHIME_WINDOW_MS` of its end (a tab woken from sleep long after does not ring).
 */
export function shouldChime(
  previous: TimerPhase | null,
  next: TimerPhase,
  endsAt: number | null,
  serverNow: number,
): boolean {
  return (
    previous === 'running' &&
    next === 'finished' &&
    endsAt !== null &&
    serverNow - endsAt < CHIME_WINDOW_MS
  );
}

/** Whole minutes typed by a person → ms within the timer's bounds, or null. */
export function minutesToMs(text: string, bounds: { min: number; max: number }): number | null {
  const minutes = Number(text.replace(',', '.'));
  if (!Number.isFinite(minutes) || minutes <= 0) return null;
  const ms = Math.round(minutes * 60_000);
  return ms < bounds.min || ms > bounds.max ? null : ms;
}
