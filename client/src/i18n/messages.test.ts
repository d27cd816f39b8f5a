import { describe, expect, it } from 'vitest';
import { format, translate } from './messages.ts';

describe('interface words', () => {
  it('[i18n/plural] a count agrees with its words in each language: English 1 is one, French 0 and 1 are', () => {
    const template = '{count} {count:card|cards}, {links} {links:link|links}';
    expect(format(template, { count: 1, links: 0 }, 'en')).toBe('1 card, 0 links');
    expect(format(template, { count: 2, links: 1 }, 'en')).toBe('2 cards, 1 link');
    expect(format('{n} {n:carte|cartes}', { n: 0 }, 'fr')).toBe('0 carte');
    expect(format('{n} {n:carte|cartes}', { n: 1.5 }, 'fr')).toBe('1.5 carte');
    expect(format('{n} {n:carte|cartes}', { n: 2 }, 'fr')).toBe('2 cartes');
    // A missing value stays visible, choice and all.
    expect(format('{n:card|cards}', {}, 'en')).toBe('{n:card|cards}');
    expect(translate('fr', 'restore.willRestore', { count: 1 })).toBe('1 carte supprimée revient');
    expect(translate('fr', 'restore.willRestore', { count: 3 })).toBe(
      '3 cartes supprimées reviennent',
    );
    expect(translate('en', 'history.counts', { cards: 1, links: 2 })).toBe('1 card, 2 links');
    expect(translate('fr', 'history.counts', { cards: 1, links: 2 })).toBe('1 carte, 2 liens');
    expect(translate('fr', 'fac.vote.results', { voters: 1 })).toBe('Résultats (1 votant)');
    expect(translate('en', 'fac.vote.results', { voters: 1 })).toBe('Results (1 voter)');
    expect(translate('fr', 'fac.vote.progress', { voters: 1, finished: 0 })).toBe(
      '1 a voté · 0 a placé tous leurs points',
    );
  });

  it('[i18n/plural] no message shows a choice unfilled or an English plural after one', () => {
    for (const language of ['en', 'fr'] as const) {
      for (const key of [
        'restore.willRestore',
        'restore.willRemove',
        'restore.willMove',
        'restore.willTexts',
        'restore.willOther',
        'restore.kept',
        'restore.summaryRestored',
        'history.change.added',
        'history.change.removed',
        'fac.vote.countTitle',
      ] as const) {
        const one = translate(language, key, { count: 1 });
        expect(one).not.toMatch(/[{}|]/);
        expect(one).not.toMatch(/\b1 (cards|cartes|changes|modifications|dots|points)\b/);
      }
    }
  });
});
