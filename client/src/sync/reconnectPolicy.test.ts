import { CLOSE_CODES } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { closeKind, RECONNECT_DELAYS, reconnectDelay } from './reconnectPolicy.ts';

describe('reconnect policy', () => {
  it('[reconnect/final] a refused token, a board too new or too large, a refused message stop reconnecting', () => {
    for (const code of [
      CLOSE_CODES.FORBIDDEN,
      CLOSE_CODES.MISSING_TOKEN,
      CLOSE_CODES.BOARD_TOO_NEW,
      CLOSE_CODES.MESSAGE_TOO_LARGE,
      CLOSE_CODES.MALFORMED_MESSAGE,
      CLOSE_CODES.RATE_LIMITED,
      4414, // board at its size limit (the storage branch's close code)
    ]) {
      expect(closeKind(code)).toBe('final');
      expect(reconnectDelay(1, closeKind(code))).toBeNull();
    }
  });

  it('[reconnect/backoff] storage failing (4500), 1013 and a full room wait longer and longer, with jitter, up to a minute', () => {
    for (const code of [CLOSE_CODES.BOARD_UNAVAILABLE, 1013, CLOSE_CODES.ROOM_FULL, 4504]) {
      expect(closeKind(code)).toBe('try-again-later');
    }
    const low = () => 0;
    const high = () => 0.999_999;
    const waits = Array.from(
      { length: 8 },
      (_, i) => reconnectDelay(i + 1, 'try-again-later', low)!,
    );
    expect(waits[0]).toBe(RECONNECT_DELAYS['try-again-later'].first / 2);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits.at(-1)).toBe(RECONNECT_DELAYS['try-again-later'].max / 2);
    // Jitter spreads clients that lost the server together over half of each wait.
    expect(
      reconnectDelay(3, 'try-again-later', high)! - reconnectDelay(3, 'try-again-later', low)!,
    ).toBe(Math.round(RECONNECT_DELAYS['try-again-later'].first * 2));
  });

  it('[reconnect/storm] the waits of ten 4500 closes in a row add up to minutes, not the stock provider’s two seconds', () => {
    let total = 0;
    for (let failures = 1; failures <= 10; failures++) {
      total += reconnectDelay(failures, closeKind(4500), () => 0)!;
    }
    // The stock provider resets its count on every sync: ten closes after a sync wait 10 × 200 ms.
    expect(total).toBeGreaterThan(60_000);
    expect(closeKind(1006)).toBe('network');
    expect(closeKind(CLOSE_CODES.SERVER_SHUTTING_DOWN)).toBe('network');
    expect(closeKind(null)).toBe('network');
    expect(reconnectDelay(1, 'network', () => 0)).toBeLessThan(1_000);
  });
});
