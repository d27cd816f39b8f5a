import {
  type ActivityEntry,
  diffBoards,
  LANE_LABELS,
  type RestoreSummary,
  type VersionSummary,
} from '@fire-triangle/shared';
import { board, card, link } from '@fire-triangle/shared/test-support';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.ts';
import { diffPicture } from './diffPicture.ts';
import {
  activitySentence,
  changeParts,
  formatVersionTime,
  peopleNames,
  restorePreview,
  restoreResult,
  type Translate,
  versionLabel,
} from './historyText.ts';

const en: Translate = (key, values) => translate('en', key, values);
const fr: Translate = (key, values) => translate('fr', key, values);

const version = (overrides: Partial<VersionSummary> = {}): VersionSummary => ({
  id: 7,
  createdAt: Date.UTC(2026, 10, 29, 10, 42),
  kind: 'auto',
  name: null,
  participants: [],
  authors: [],
  change: null,
  cards: 4,
  links: 3,
  stateBytes: 2000,
  ...overrides,
});

const before = board(
  [
    card('n', 'strategy', 'Newsletter'),
    card('s', 'strategy', 'Win SMEs'),
    card('gone', 'tactic', 'Trade shows'),
    card('p', 'plan', 'Plan', { kpi: 'CAC' }),
  ],
  [link('l1', 'n', 's')],
);
const after = board(
  [
    card('n', 'tactic', 'Newsletter'),
    card('s', 'strategy', 'Win small firms'),
    card('p', 'plan', 'Plan', { kpi: 'CAC', position: { x: 5, y: 5 } }),
    card('new', 'objective', 'Grow'),
  ],
  [link('l1', 'n', 's'), link('l2', 'new', 's')],
);

describe('history words', () => {
  it('[history/label] a version is its name, or what kind of version it is', () => {
    expect(versionLabel(version({ name: 'After lunch', kind: 'named' }), en)).toBe('After lunch');
    expect(versionLabel(version({ kind: 'before-import' }), en)).toBe('Before an import');
    expect(versionLabel(version({ kind: 'restore' }), fr)).toBe('Après une restauration');
  });

  it('[history/change] what changed, in short parts; the first version says so', () => {
    expect(changeParts(null, en)).toEqual(['first version']);
    const change = {
      bytes: 10,
      cardsAdded: 3,
      cardsRemoved: 1,
      cardsMoved: 2,
      textsChanged: 4,
      cardsChanged: 5,
      linksAdded: 1,
      linksRemoved: 0,
    };
    expect(changeParts(change, en)).toEqual([
      '+3 cards',
      '−1 card',
      '2 moved between lanes',
      '4 texts changed',
      'links +1 −0',
    ]);
    expect(
      changeParts(
        {
          ...change,
          cardsAdded: 0,
          cardsRemoved: 0,
          cardsMoved: 0,
          textsChanged: 0,
          linksAdded: 0,
        },
        fr,
      ),
    ).toEqual(['aucun changement des cartes']);
    expect(peopleNames(['Ana', '', 'Bob', 'Ana'], en)).toBe('Ana, someone, Bob');
  });

  it('[history/time] today the time, another day the date too, in the reader’s language', () => {
    const at = Date.UTC(2026, 10, 29, 10, 42);
    expect(formatVersionTime(at, 'en', at)).toMatch(/\d\d:\d\d/);
    expect(formatVersionTime(at, 'fr', at + 3 * 86_400_000)).toMatch(/nov/);
  });

  it('[history/preview] a restore preview reverses the diff: deleted cards come back, added ones go', () => {
    const diff = diffBoards(before, after);
    expect(restorePreview(diff, en)).toEqual([
      '1 deleted card comes back',
      '1 card added since is removed',
      '1 card goes back to its lane',
      '1 card gets its text back',
      '1 card goes back to its place or colour',
      'links: 0 come back, 1 is removed',
    ]);
    expect(restorePreview(diffBoards(before, before), fr)).toEqual([
      'Le tableau correspond déjà à cette version.',
    ]);
  });

  it('[history/result] what a restore did, and what it kept', () => {
    const summary: RestoreSummary = {
      cardsRestored: ['a', 'b'],
      cardsRemoved: ['c'],
      cardsMoved: ['d'],
      textsChanged: ['d'],
      cardsChanged: ['d'],
      linksRestored: [],
      linksRemoved: [],
      settingsChanged: [],
      kept: [{ kind: 'card', id: 'x', reason: 'added-since' }],
    };
    expect(restoreResult(summary, en)).toBe(
      'Board restored: 2 cards back, 1 removed, 1 set back. 1 change made meanwhile was kept.',
    );
    expect(
      restoreResult(
        { ...summary, cardsRestored: [], cardsRemoved: [], cardsChanged: [], kept: [] },
        en,
      ),
    ).toBe('Board restored: nothing needed to change.');
  });

  it('[history/activity] an activity entry as a sentence, lanes in the board’s language', () => {
    const entry: ActivityEntry = {
      id: 'e',
      cardId: 'n',
      at: 0,
      since: 0,
      actor: 'Bob',
      role: 'editor',
      action: 'moved',
      fromLane: 'strategy',
      toLane: 'tactic',
      cardTitle: 'Newsletter',
    };
    const lanes = (language: 'en' | 'fr') => (lane: keyof (typeof LANE_LABELS)['en']) =>
      LANE_LABELS[language][lane];
    expect(activitySentence(entry, en, lanes('en'))).toBe(
      `Bob moved “Newsletter” from ${LANE_LABELS.en.strategy} to ${LANE_LABELS.en.tactic}`,
    );
    expect(
      activitySentence({ ...entry, actor: '', action: 'edited', field: 'title' }, fr, lanes('fr')),
    ).toBe('Quelqu’un a modifié le champ titre de « Newsletter »');
    expect(
      activitySentence({ ...entry, action: 'linked', otherCardTitle: 'Win SMEs' }, en, lanes('en')),
    ).toBe('Bob linked “Newsletter” to “Win SMEs”');
    expect(activitySentence({ ...entry, toLane: 'strategy' }, en, lanes('en'))).toBe(
      `Bob moved “Newsletter” and put it back in ${LANE_LABELS.en.strategy}`,
    );
    expect(activitySentence({ ...entry, action: 'restored', version: 3 }, en, lanes('en'))).toBe(
      'Bob restored “Newsletter” from a version',
    );
  });

  it('[history/picture] the diff picture: the version, its deleted and changed cards marked, the added ones drawn in', () => {
    const picture = diffPicture(before, diffBoards(before, after));
    expect(picture.board.cards.map((entry) => entry.id).sort()).toEqual([
      'gone',
      'n',
      'new',
      'p',
      's',
    ]);
    expect(Object.fromEntries(picture.marks)).toEqual({
      gone: 'removed',
      n: 'changed',
      s: 'changed',
      p: 'changed',
      new: 'added',
    });
    expect(picture.board.links.map((entry) => entry.id)).toEqual(['l1', 'l2']);
  });
});
