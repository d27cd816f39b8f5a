import { HOSTILE_TEXTS } from '@fire-triangle/shared/test-support';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.ts';
import {
  isParticipantState,
  PRESENCE_NAME_LENGTH,
  PRESENCE_SELECTION_MAX,
  presenceColour,
  readParticipant,
  VIEWPORT_ZOOM,
} from './presence.ts';

/** Presence any client can send: the shapes the stock y-websocket client lets anyone set. */
const HOSTILE_PRESENCE: unknown[] = [
  { user: { role: 'admin' } },
  { user: { role: '__proto__', name: { toString: 1 }, colour: 'red;background:url(x)' } },
  { user: { role: 'constructor', name: ['a'], colour: 12 } },
  { user: { role: 'toString', name: null } },
  { user: 'a string' },
  { user: null },
  { user: [1, 2, 3] },
  { user: { name: 'x'.repeat(100_000), role: 'editor' } },
  { user: { name: '\n\t\u0007' }, cursor: { x: Number.NaN, y: 1 } },
  { user: { name: 'Ana\u202E\u2066nimda\u2069\u200F' } },
  { user: {}, cursor: { x: Number.POSITIVE_INFINITY, y: 0 } },
  { user: {}, cursor: { x: 1e300, y: -1e300 } },
  { user: {}, cursor: { x: '10', y: '20' } },
  { user: {}, cursor: [10, 20] },
  { user: {}, selection: 'c_1' },
  { user: {}, selection: [1, null, {}, 'x'.repeat(10_000), ...Array(5000).fill('c_1')] },
  { user: {}, viewport: { centre: { x: Number.NaN, y: 0 }, zoom: 1 }, following: '3' },
  { user: {}, viewport: { centre: { x: 1, y: 2 }, zoom: 1e9 }, following: 1.5 },
  { user: {}, viewport: { centre: [1, 2], zoom: -1 }, following: Number.MAX_VALUE },
  { user: {}, viewport: 'here', following: { id: 1 } },
  ...HOSTILE_TEXTS.map((text) => ({ user: { name: text, role: text, colour: text } })),
];

describe('presence', () => {
  it('[presence/validated] every hostile presence reads as a harmless participant the interface can label', () => {
    for (const state of HOSTILE_PRESENCE) {
      const label = JSON.stringify(state)?.slice(0, 80);
      const participant = readParticipant(7, state, 1);
      expect(['facilitator', 'editor', 'viewer', ''], label).toContain(participant.role);
      expect(typeof participant.name, label).toBe('string');
      expect(participant.name.length, label).toBeGreaterThan(0);
      expect([...participant.name].length, label).toBeLessThanOrEqual(PRESENCE_NAME_LENGTH);
      expect(participant.name, label).not.toMatch(/\p{Cc}/u);
      // [S-NAME-1] no bidi control reorders what is drawn after the name.
      expect(participant.name, label).not.toMatch(
        /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u,
      );
      expect(participant.colour, label).toMatch(/^#[0-9a-f]{6}$/i);
      if (participant.cursor) {
        expect(Number.isFinite(participant.cursor.x), label).toBe(true);
        expect(Number.isFinite(participant.cursor.y), label).toBe(true);
      }
      expect(participant.selection.length, label).toBeLessThanOrEqual(PRESENCE_SELECTION_MAX);
      expect(participant.selection.every((id) => typeof id === 'string')).toBe(true);
      if (participant.viewport) {
        expect(Number.isFinite(participant.viewport.centre.x), label).toBe(true);
        expect(participant.viewport.zoom, label).toBeGreaterThanOrEqual(VIEWPORT_ZOOM.min);
        expect(participant.viewport.zoom, label).toBeLessThanOrEqual(VIEWPORT_ZOOM.max);
      }
      expect(
        participant.following === null || Number.isSafeInteger(participant.following),
        label,
      ).toBe(true);
      // What the presence list does with a role: it must not throw, in either language.
      for (const language of ['en', 'fr'] as const) {
        if (participant.role) expect(translate(language, `role.${participant.role}`)).not.toBe('');
      }
    }
  });

  it('[presence/validated] a well-formed presence reads unchanged', () => {
    const state = {
      user: { name: 'Alice', colour: '#1b998b', role: 'facilitator' },
      cursor: { x: 1600, y: 900 },
      selection: ['c_1', 'c_2'],
      deleted: ['c_3'],
      viewport: { centre: { x: 1600, y: 900 }, zoom: 0.8 },
      following: 12,
    };
    expect(readParticipant(3, state, 3)).toEqual({
      clientId: 3,
      name: 'Alice',
      colour: '#1b998b',
      role: 'facilitator',
      cursor: { x: 1600, y: 900 },
      selection: ['c_1', 'c_2'],
      deleted: ['c_3'],
      viewport: { centre: { x: 1600, y: 900 }, zoom: 0.8 },
      following: 12,
      isSelf: true,
    });
    expect(readParticipant(4, { user: { role: 'admin' } }, 3)).toMatchObject({
      name: '?',
      role: '',
      colour: presenceColour(4),
    });
    expect(isParticipantState({ user: {} })).toBe(true);
    expect(isParticipantState({ cursor: {} })).toBe(false);
    expect(isParticipantState(null)).toBe(false);
    expect(isParticipantState(['user'])).toBe(false);
  });
});

describe('t()', () => {
  it('[i18n/never-throws] a missing key falls back to the other language, then to the key itself', () => {
    expect(translate('fr', 'role.editor')).toBe('participant');
    expect(translate('en', 'role.admin')).toBe('role.admin');
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'role.']) {
      expect(translate('en', key)).toBe(key);
      expect(translate('fr', key)).toBe(key);
    }
    expect(translate('en', 'import.done', { cards: 3, links: 2 })).toBe(
      'Imported 3 cards and 2 links.',
    );
  });
});
