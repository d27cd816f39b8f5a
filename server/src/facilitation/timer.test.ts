import { STOPPED_TIMER, type TimerState, timerPhase } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { applyTimerCommand } from './timer.ts';

describe('timer commands', () => {
  it('[S-FAC-TIMER-1] start, pause, resume, add, stop on the server clock', () => {
    let timer = applyTimerCommand(
      STOPPED_TIMER,
      { name: 'timer-start', durationMs: 60_000 },
      1_000,
    ) as TimerState;
    expect(timer).toEqual({
      state: 'running',
      durationMs: 60_000,
      endsAt: 61_000,
      remainingMs: null,
    });
    timer = applyTimerCommand(timer, { name: 'timer-pause' }, 11_000) as TimerState;
    expect(timer).toMatchObject({ state: 'paused', remainingMs: 50_000, endsAt: null });
    expect(applyTimerCommand(timer, { name: 'timer-pause' }, 12_000)).toBe('timer-not-running');
    timer = applyTimerCommand(timer, { name: 'timer-add', ms: 30_000 }, 20_000) as TimerState;
    expect(timer.remainingMs).toBe(80_000);
    timer = applyTimerCommand(timer, { name: 'timer-resume' }, 100_000) as TimerState;
    expect(timer).toMatchObject({ state: 'running', endsAt: 180_000 });
    expect(applyTimerCommand(timer, { name: 'timer-resume' }, 100_000)).toBe('timer-not-paused');
    // Removing more than is left ends it now, never in the past.
    timer = applyTimerCommand(timer, { name: 'timer-add', ms: -500_000 }, 110_000) as TimerState;
    expect(timer.endsAt).toBe(110_000);
    expect(timerPhase(timer, 110_000)).toBe('finished');
    // A finished timer runs again for the time added.
    timer = applyTimerCommand(timer, { name: 'timer-add', ms: 120_000 }, 200_000) as TimerState;
    expect(timer).toMatchObject({ state: 'running', endsAt: 320_000 });
    timer = applyTimerCommand(timer, { name: 'timer-stop' }, 210_000) as TimerState;
    expect(timer).toEqual({
      state: 'stopped',
      durationMs: 60_000,
      endsAt: null,
      remainingMs: null,
    });
    expect(applyTimerCommand(timer, { name: 'timer-add', ms: 1_000 }, 0)).toBe('timer-stopped');
  });
});
