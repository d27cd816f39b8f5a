import type { TimerState } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { ServerClock } from '../sync/serverClock.ts';
import { formatCountdown, minutesToMs, shouldChime, timerView } from './timer.ts';

const running = (endsAt: number, durationMs = 300_000): TimerState => ({
  state: 'running',
  durationMs,
  endsAt,
  remainingMs: null,
});

describe('timer as people see it', () => {
  it('[timer/format] whole seconds rounded up, hours when needed', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(61_500)).toBe('1:02');
    expect(formatCountdown(300_000)).toBe('5:00');
    // A clock estimate a few ms behind does not show 5:01 for a timer just started.
    expect(formatCountdown(300_150)).toBe('5:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('[timer/offset] two screens with clocks 7 s apart show the same second, a late joiner too', () => {
    // The server's clock: the timer ends at server time 1_000_000 + 300 s.
    const endsAt = 1_300_000;
    const timer = running(endsAt);
    // Alice's laptop is 7 s ahead of the server, Bob's 3 s behind; both measured it.
    const alice = new ServerClock();
    alice.sample(1_007_000, 1_000_050, 1_007_100);
    const bob = new ServerClock();
    bob.sample(997_000, 1_000_050, 997_100);
    // The same instant, read on each laptop's own clock.
    const atServer = 1_100_000;
    const aliceView = timerView(timer, alice.now(atServer + 7_000));
    const bobView = timerView(timer, bob.now(atServer - 3_000));
    expect(aliceView.text).toBe('3:20');
    expect(bobView.text).toBe(aliceView.text);
    // Without the offset Alice would be 7 s early: the local clock alone is wrong.
    expect(timerView(timer, atServer + 7_000).text).toBe('3:13');
    // A late joiner (first sample now) sees the time left, not the full duration.
    const late = new ServerClock();
    late.sample(1_250_000, 1_250_010, 1_250_020);
    expect(timerView(timer, late.now(1_250_020)).text).toBe('0:50');
  });

  it('[timer/phases] paused keeps what was left; past its end a running timer reads finished', () => {
    expect(
      timerView({ state: 'paused', durationMs: 60_000, endsAt: null, remainingMs: 42_500 }, 9e9),
    ).toMatchObject({ phase: 'paused', text: '0:43', urgent: false });
    expect(timerView(running(1_000), 1_001)).toMatchObject({ phase: 'finished', text: '0:00' });
    expect(timerView(running(100_000), 80_000)).toMatchObject({ phase: 'running', urgent: true });
    expect(
      timerView({ state: 'stopped', durationMs: 600_000, endsAt: null, remainingMs: null }, 0).text,
    ).toBe('10:00');
  });

  it('[timer/chime] rings once when this screen saw it run out, not for a late arrival', () => {
    expect(shouldChime('running', 'finished', 1_000, 1_200)).toBe(true);
    expect(shouldChime('finished', 'finished', 1_000, 1_200)).toBe(false);
    expect(shouldChime(null, 'finished', 1_000, 1_200)).toBe(false);
    expect(shouldChime('running', 'finished', 1_000, 60_000)).toBe(false);
    expect(shouldChime('running', 'paused', 1_000, 1_200)).toBe(false);
  });

  it('[timer/minutes] typed minutes within the bounds', () => {
    const bounds = { min: 1_000, max: 86_400_000 };
    expect(minutesToMs('5', bounds)).toBe(300_000);
    expect(minutesToMs('1,5', bounds)).toBe(90_000);
    expect(minutesToMs('0', bounds)).toBeNull();
    expect(minutesToMs('abc', bounds)).toBeNull();
    expect(minutesToMs('2000', bounds)).toBeNull();
  });
});
