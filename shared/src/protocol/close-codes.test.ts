import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODES,
  CLOSE_EVENTS,
  closeEvent,
  closeReason,
  describeClose,
  isPermanentClose,
  UPGRADE_REFUSALS,
} from './close-codes.ts';

/** UTF-8 length without TextEncoder (shared/ has neither DOM nor Node types). */
const utf8Bytes = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, 'x').length;

describe('close codes', () => {
  it('[S-CLOSE-1] one table: every code once, with a reason, a message in both languages and a metric label', () => {
    const events = Object.values(CLOSE_EVENTS);
    expect(new Set(events.map((event) => event.code)).size).toBe(events.length);
    expect(new Set(events.map((event) => event.metricLabel)).size).toBe(events.length);
    for (const event of events) {
      expect(event.code === 1001 || (event.code >= 4000 && event.code <= 4999)).toBe(true);
      expect(utf8Bytes(event.reason)).toBeLessThanOrEqual(123);
      expect(event.metricLabel).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(event.message.en.length).toBeGreaterThan(10);
      expect(event.message.fr.length).toBeGreaterThan(10);
      expect(event.message.fr).not.toBe(event.message.en);
      expect(closeEvent(event.code)).toBe(event);
    }
    for (const [name, event] of Object.entries(CLOSE_EVENTS)) {
      expect(CLOSE_CODES[name as keyof typeof CLOSE_CODES]).toBe(event.code);
    }
    for (const refusal of Object.values(UPGRADE_REFUSALS)) {
      expect(closeEvent(refusal.code)).toBeDefined();
    }
  });

  it('[S-CLOSE-1] reasons carry a detail and fit RFC 6455’s 123 bytes; people get their language', () => {
    expect(closeReason(CLOSE_CODES.MESSAGE_TOO_LARGE, 'over 4194304 bytes')).toBe(
      'message too large: over 4194304 bytes',
    );
    expect(closeReason(CLOSE_CODES.ROOM_FULL)).toBe('board is full');
    const long = closeReason(CLOSE_CODES.MALFORMED_MESSAGE, 'é'.repeat(200));
    expect(utf8Bytes(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith('...')).toBe(true);
    expect(describeClose(4503, 'fr')).toBe('Ce tableau est complet. Nouvel essai…');
    expect(describeClose(4503, 'en')).toBe('This board is full. Retrying…');
    expect(describeClose(1006, 'en')).toBeUndefined();
    expect(isPermanentClose(CLOSE_CODES.FORBIDDEN)).toBe(true);
    expect(isPermanentClose(CLOSE_CODES.BOARD_UNAVAILABLE)).toBe(false);
    expect(isPermanentClose(CLOSE_CODES.SERVER_SHUTTING_DOWN)).toBe(false);
  });
});
