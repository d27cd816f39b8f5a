import { LIMITS, WRITE_REFUSAL_MESSAGES, WRITE_REFUSAL_REASONS } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.ts';
import { formatBytes, sessionNoticeText, undoNotice } from './notices.ts';
import { COUNTER_FROM, limitLevel, limitText } from './textLimit.ts';

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate('en', key, values);
const names = new Map([[42, 'Bob']]);
const nameOf = (id: number) => names.get(id);

describe('notices', () => {
  it('[notice/undo-kept] an undo that kept someone’s work names them and the card', () => {
    expect(
      undoNotice(
        { changed: false, kept: [{ cardId: 'p', by: [42] }], overwrittenBy: [] },
        nameOf,
        () => 'Retail plan',
        t,
      ),
    ).toBe(
      '“Retail plan” was kept: Bob has worked on it since. Only your own changes were undone.',
    );
    expect(
      undoNotice({ changed: false, kept: [], overwrittenBy: [42, 7] }, nameOf, () => '', t),
    ).toBe('Nothing of yours left to undo there: Bob has changed it since.');
    expect(undoNotice({ changed: false, kept: [], overwrittenBy: [] }, nameOf, () => '', t)).toBe(
      'Nothing of yours left to undo there: someone else has changed it since.',
    );
    expect(
      undoNotice({ changed: true, kept: [], overwrittenBy: [] }, nameOf, () => '', t),
    ).toBeNull();
    expect(undoNotice(null, nameOf, () => '', t)).toBeNull();
  });

  it('[notice/refused] every reason the server may give has its words, from the shared table, in both languages', () => {
    for (const language of ['en', 'fr'] as const) {
      for (const reason of WRITE_REFUSAL_REASONS) {
        expect(
          sessionNoticeText(
            { kind: 'write-refused', reasons: [reason], lanes: [] },
            (key, values) => translate(language, key, values),
            { size: 0, limit: 1 },
          ),
        ).toBe(WRITE_REFUSAL_MESSAGES[reason][language]);
      }
    }
  });

  it('[notice/refused] refused writes and limits are told in the reader’s language', () => {
    const board = { size: 12 * 1024 * 1024, limit: 12 * 1024 * 1024 };
    expect(
      sessionNoticeText(
        { kind: 'write-refused', reasons: ['facilitator-only'], lanes: [] },
        t,
        board,
      ),
    ).toMatch(/^Only a facilitator/);
    expect(
      sessionNoticeText(
        { kind: 'write-refused', reasons: ['locked'], lanes: ['objective'] },
        t,
        board,
      ),
    ).toContain('Objective lane');
    expect(
      sessionNoticeText({ kind: 'write-refused', reasons: ['private-round'], lanes: [] }, t, board),
    ).toMatch(/^A private writing round/);
    expect(sessionNoticeText({ kind: 'limit', limit: 'cards' }, t, board)).toContain(
      LIMITS.cards.toLocaleString(),
    );
    expect(sessionNoticeText({ kind: 'limit', limit: 'boardBytes' }, t, board)).toContain(
      '12.0 MiB of 12.0 MiB',
    );
    expect(formatBytes(2048)).toBe('2 KiB');
  });
});

describe('text at input', () => {
  it('[limit/input] text stops at its limit in characters, never through an emoji, and says it was cut', () => {
    expect(limitText('abc', 5)).toEqual({ value: 'abc', cut: false, count: 3 });
    expect(limitText('abcdef', 5)).toEqual({ value: 'abcde', cut: true, count: 5 });
    // An emoji is one character (two UTF-16 units): 500 of them fit a 500-character title.
    const emoji = '😀'.repeat(LIMITS.cardTitleLength);
    expect(limitText(emoji, LIMITS.cardTitleLength).cut).toBe(false);
    expect(limitText(`${emoji}😀`, LIMITS.cardTitleLength).value).toBe(emoji);
    expect(limitText('ab😀', 3).value).toBe('ab😀');
    expect(limitText('ab😀c', 3).value).toBe('ab😀');
  });

  it('[limit/input] the counter shows near the limit and turns red at it', () => {
    const max = LIMITS.cardTitleLength;
    expect(limitLevel(Math.floor(max * COUNTER_FROM) - 1, max)).toBe('far');
    expect(limitLevel(Math.ceil(max * COUNTER_FROM), max)).toBe('near');
    expect(limitLevel(max, max)).toBe('reached');
  });
});
