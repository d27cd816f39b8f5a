/**
 * The timer commands, as a pure function of the stored timer and the server's clock
 * (S-FAC-TIMER-*): what `session.timer` becomes, or why the command does not apply.
 */
import {
  type CommandError,
  FACILITATION_LIMITS,
  type FacilitationCommand,
  type TimerState,
  timerPhase,
} from '@fire-triangle/shared';

export type TimerCommand = Extract<
  FacilitationCommand,
  { name: 'timer-start' | 'timer-pause' | 'timer-resume' | 'timer-add' | 'timer-stop' }
>;

/** The timer after `command` at `now` (server epoch ms), or the error to reply. */
export function applyTimerCommand(
  timer: TimerState,
  command: TimerCommand,
  now: number,
): TimerState | CommandError {
  const phase = timerPhase(timer, now);
  switch (command.name) {
    case 'timer-start':
      return running(command.durationMs, now + command.durationMs);
    case 'timer-pause':
      if (phase !== 'running') return 'timer-not-running';
      return {
        state: 'paused',
        durationMs: timer.durationMs,
        endsAt: null,
        remainingMs: Math.max(0, (timer.endsAt ?? now) - now),
      };
    case 'timer-resume':
      if (phase !== 'paused') return 'timer-not-paused';
      return running(timer.durationMs, now + (timer.remainingMs ?? 0));
    case 'timer-add': {
      const { ms } = command;
      if (phase === 'stopped') return 'timer-stopped';
      if (phase === 'paused') {
        return { ...timer, remainingMs: clampLeft((timer.remainingMs ?? 0) + ms) };
      }
      if (phase === 'finished') {
        return ms > 0 ? running(timer.durationMs, now + clampLeft(ms)) : 'timer-not-running';
      }
      return running(timer.durationMs, now + clampLeft((timer.endsAt ?? now) - now + ms));
    }
    case 'timer-stop':
      return { state: 'stopped', durationMs: timer.durationMs, endsAt: null, remainingMs: null };
  }
}

function running(durationMs: number, endsAt: number): TimerState {
  return { state: 'running', durationMs, endsAt, remainingMs: null };
}

/** Time left stays within 0 and the longest timer. */
function clampLeft(ms: number): number {
  return Math.min(FACILITATION_LIMITS.timerMaxMs, Math.max(0, ms));
}
