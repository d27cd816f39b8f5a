import { describe, expect, it } from 'vitest';
import { board, card } from '../../test-support/index.ts';
import type { Lane, Language } from '../board/lanes.ts';
import { foldPlural, termWords, tokenise } from './normalise.ts';
import type { Finding } from './types.ts';
import { validateBoard } from './validator.ts';
import * as lists from './word-lists.ts';

/** The findings of one rule on a single card of `lane`, on a board in `language`. */
function fired(
  rule: string,
  lane: Lane,
  language: Language,
  title: string,
  body = '',
): Finding | undefined {
  const snapshot = board([card('c1', lane, title, { body })], [], { language });
  return validateBoard(snapshot).find((finding) => finding.rule === rule);
}

const SEED_000_TRADE_SHOWS =
  'Notre stratégie pour l’année prochaine sera de faire plus de foires commerciales';

describe('text normalisation', () => {
  it('folds case, accents, plurals and elisions, and splits on apostrophes and hyphens', () => {
    expect(tokenise('L’Augmentation des FOIRES commerciales').words).toEqual([
      'l',
      'augmentation',
      'des',
      'foire',
      'commerciale',
    ]);
    expect(tokenise("d'affaires, e-mails, réseaux, canaux, businesses").words).toEqual([
      'd',
      'affaire',
      'e',
      'mail',
      'reseau',
      'canal',
      'business',
    ]);
    expect(foldPlural('mois')).toBe('mois');
    expect(termWords('industries')).toEqual(termWords('industrie'));
    expect(termWords('industries')).toEqual(termWords('industry'));
    const other = tokenise('Ελλάδα: ŁÓDŹ-2027, Straße');
    expect(other.plain).toEqual(['ελλαδα', 'łodz', '2027', 'straße']);
    expect(other.capitalised).toEqual([true, true, false, true]);
    expect(other.hasDigit).toBe(true);
    expect(tokenise('Augmenter les ventes').hasDigit).toBe(false);
    expect(termWords('Chiffre d’affaires')).toEqual(termWords("chiffres d'affaires"));
  });

  it('matches whole words only', () => {
    // "seo" inside "museology" or "expo" inside "exposition" is not a match.
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'en', 'Lead museology exposition design'),
    ).toBeUndefined();
  });
});

describe('text/tactic-as-strategy', () => {
  it("[text/tactic-as-strategy] flags seed 000's « Notre stratégie pour l’année prochaine sera de faire plus de foires commerciales » on a strategy card", () => {
    const finding = fired('text/tactic-as-strategy', 'strategy', 'fr', SEED_000_TRADE_SHOWS);
    expect(finding).toBeDefined();
    expect(finding!.severity).toBe('warning');
    expect(finding!.message.fr).toContain('« foire commerciale »');
    expect(finding!.message.fr).toContain('« Notre stratégie pour l’année prochaine');
    expect(finding!.message.en).toContain('“Notre stratégie pour l’année prochaine');
    // Same sentence with a straight apostrophe and no accents.
    expect(
      fired(
        'text/tactic-as-strategy',
        'strategy',
        'fr',
        "NOTRE STRATEGIE POUR L'ANNEE PROCHAINE SERA DE FAIRE PLUS DE FOIRES COMMERCIALES",
      ),
    ).toBeDefined();
  });

  it('[text/tactic-as-strategy] fires on strategies that name a channel or action, in French', () => {
    for (const title of [
      'Faire plus de salons professionnels',
      'Lancer une infolettre mensuelle',
      'Miser sur le SEO et la publicité LinkedIn',
      'Organiser des webinaires pour les DRH',
      'Refaire le site web',
    ]) {
      expect(fired('text/tactic-as-strategy', 'strategy', 'fr', title), title).toBeDefined();
    }
  });

  it('[text/tactic-as-strategy] fires on strategies that name a channel or action, in English', () => {
    for (const title of [
      'Our strategy for next year is to do more trade shows',
      'Grow through a weekly newsletter',
      'Double down on SEO and Google Ads',
      'Run webinars for HR directors',
      'An email campaign to every distributor',
    ]) {
      expect(fired('text/tactic-as-strategy', 'strategy', 'en', title), title).toBeDefined();
    }
  });

  it('[text/tactic-as-strategy] stays quiet on strategies phrased as intentions, in French (seeds 000 and 001)', () => {
    for (const title of [
      'Devenir la référence du conseil RH pour les PME en Bretagne',
      'Notre stratégie cette année est de pénétrer de nouveaux territoires géographiques avec notre nouveau produit.',
      'Donnez à votre marque un lifting numérique complet et implémentez de nouveaux services Web.',
      'Utilisez le marketing numérique pour réduire votre coût par prospect et, plus précisément, relancez vos activités de marketing entrant.',
      'Recherchez la concurrence, identifiez votre public cible et vos acheteurs pour ce nouveau produit, déterminez comment vous souhaitez leur présenter vos nouvelles offres et sur quels canaux et tracez le parcours client.',
    ]) {
      expect(fired('text/tactic-as-strategy', 'strategy', 'fr', title), title).toBeUndefined();
    }
  });

  it('[text/tactic-as-strategy] stays quiet on strategies phrased as intentions, in English', () => {
    for (const title of [
      'Become the reference HR consultancy for SMEs in Brittany',
      'This year our strategy is to enter new geographic territories with our new product',
      'Give the brand a complete digital facelift and offer new online services',
      'Lower the cost per lead by relaunching inbound marketing',
      // "sea" is a French marketing word (paid search), not an English one.
      'Become the first sea freight forwarder for Baltic SMEs',
    ]) {
      expect(fired('text/tactic-as-strategy', 'strategy', 'en', title), title).toBeUndefined();
    }
  });

  it('[text/tactic-as-strategy] reads the statement only: other lanes, and a tactic named in the body, stay quiet', () => {
    expect(fired('text/tactic-as-strategy', 'tactic', 'fr', SEED_000_TRADE_SHOWS)).toBeUndefined();
    expect(fired('text/tactic-as-strategy', 'plan', 'fr', SEED_000_TRADE_SHOWS)).toBeUndefined();
    expect(
      fired(
        'text/tactic-as-strategy',
        'strategy',
        'fr',
        'Pénétrer le marché ontarien',
        'Tactiques envisagées : salons, webinaires.',
      ),
    ).toBeUndefined();
    // With a blank title, the body is the statement.
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'fr', '  ', SEED_000_TRADE_SHOWS),
    ).toBeDefined();
  });
});

describe('text/vague-objective', () => {
  it('[text/vague-objective] fires on objectives with no figure, no date, no market, in French', () => {
    for (const title of [
      'Augmenter les ventes',
      'L’augmentation des ventes',
      'Fidéliser nos clients',
      'Être le meilleur',
      'Gagner des parts de marché',
    ]) {
      const finding = fired('text/vague-objective', 'objective', 'fr', title);
      expect(finding, title).toBeDefined();
      expect(finding!.severity).toBe('warning');
    }
  });

  it('[text/vague-objective] fires on objectives with no figure, no date, no market, in English', () => {
    for (const title of [
      'Increase sales',
      'Increase Sales',
      'Grow the business',
      'Improve customer loyalty',
      'Grow market share',
    ]) {
      expect(fired('text/vague-objective', 'objective', 'en', title), title).toBeDefined();
    }
  });

  it('[text/vague-objective] stays quiet on precise objectives, in French (seed 000 examples)', () => {
    for (const title of [
      'Augmenter le CA de 15 % d’ici décembre 2027 sur le marché belge',
      'Pénétrer le marché de l’est des États-Unis avec un nouveau produit.',
      'Fidéliser nos clients du secteur untel et augmenter la valeur de leurs achats annuels.',
      'Doubler le nombre d’unités vendues cette année du produit untel sur le marché ontarien.',
      'Augmenter les ventes en Bretagne',
      'Augmenter les ventes auprès des PME',
      'Se développer dans de nouvelles industries',
    ]) {
      expect(fired('text/vague-objective', 'objective', 'fr', title), title).toBeUndefined();
    }
    // The figure may be in the body.
    expect(
      fired('text/vague-objective', 'objective', 'fr', 'Augmenter les ventes', '+15 % d’ici 2027'),
    ).toBeUndefined();
  });

  it('[text/vague-objective] stays quiet on precise objectives, in English', () => {
    for (const title of [
      'Grow revenue 15% by December 2027 in the Belgian market',
      'Increase sales in Belgium',
      'Double revenue',
      'Increase sales by the end of the quarter',
      'Win back lapsed customers in the SME segment',
    ]) {
      expect(fired('text/vague-objective', 'objective', 'en', title), title).toBeUndefined();
    }
  });

  it('[text/vague-objective] only judges objectives with some text', () => {
    expect(fired('text/vague-objective', 'strategy', 'fr', 'Augmenter les ventes')).toBeUndefined();
    expect(fired('text/vague-objective', 'objective', 'fr', '')).toBeUndefined();
  });
});

describe('text/marketing-objective', () => {
  it('[text/marketing-objective] fires on objectives that are marketing metrics, in French', () => {
    for (const [title, term] of [
      ['Augmenter le trafic sur le site de 30 % d’ici juin 2027', 'trafic'],
      ['Obtenir plus d’engagement sur les médias sociaux', 'médias sociaux'],
      ['Atteindre 10 000 abonnés LinkedIn en 2027', 'abonnés linkedin'],
      ['Porter le taux d’ouverture de l’infolettre à 35 %', 'taux d’ouverture'],
    ] as const) {
      const finding = fired('text/marketing-objective', 'objective', 'fr', title);
      expect(finding, title).toBeDefined();
      expect(finding!.severity).toBe('info');
      expect(finding!.message.fr).toContain(`(« ${term} »)`);
    }
  });

  it('[text/marketing-objective] fires on objectives that are marketing metrics, in English', () => {
    for (const title of [
      'Increase website traffic 30% by June 2027',
      'Get more engagement on social media',
      'Reach 10,000 followers in 2027',
      'Raise the newsletter open rate to 35%',
      'Boost brand awareness in Quebec',
    ]) {
      expect(fired('text/marketing-objective', 'objective', 'en', title), title).toBeDefined();
    }
  });

  it('[text/marketing-objective] stays quiet on business objectives, in French', () => {
    for (const title of [
      'Augmenter le CA de 15 % d’ici décembre 2027 sur le marché belge',
      'Transformer le trafic du site en 200 nouveaux clients en 2027',
      'Renforcer l’engagement des équipes commerciales en 2027',
      'Atteindre 5 000 abonnés payants en 2027',
    ]) {
      expect(fired('text/marketing-objective', 'objective', 'fr', title), title).toBeUndefined();
    }
  });

  it('[text/marketing-objective] stays quiet on business objectives, in English', () => {
    for (const title of [
      'Grow revenue 15% by December 2027 in the Belgian market',
      'Win a 20% market share in Ontario by 2028',
      'Turn site traffic into 200 new customers in 2027',
    ]) {
      expect(fired('text/marketing-objective', 'objective', 'en', title), title).toBeUndefined();
    }
    expect(
      fired('text/marketing-objective', 'strategy', 'en', 'Increase website traffic'),
    ).toBeUndefined();
  });
});

describe('text/strategy-horizon', () => {
  it('[text/strategy-horizon] fires on a stated horizon of a year or less, or ten years or more, in French', () => {
    for (const [title, tooShort] of [
      ['Pénétrer le marché belge sur 10 ans', false],
      ['Conquérir l’Ontario en 6 mois', true],
      ['D’ici un an, devenir le leader des PME bretonnes', true],
      ['Dominer le marché sur les 12 prochaines années', false],
      ['Devenir la marque de la prochaine décennie', false],
    ] as const) {
      const finding = fired('text/strategy-horizon', 'strategy', 'fr', title);
      expect(finding, title).toBeDefined();
      expect(finding!.severity).toBe('info');
      expect(finding!.message.fr).toContain(
        tooShort ? 'c’est une campagne' : 'c’est de l’astrologie',
      );
    }
  });

  it('[text/strategy-horizon] fires on a stated horizon of a year or less, or ten years or more, in English', () => {
    for (const [title, tooShort] of [
      ['Enter the Belgian market within 12 months', true],
      ['Win Ontario in a year', true],
      ['Dominate Europe over the next 10 years', false],
      ['A 10-year plan to lead the Nordic market', false],
    ] as const) {
      const finding = fired('text/strategy-horizon', 'strategy', 'en', title);
      expect(finding, title).toBeDefined();
      expect(finding!.message.en).toContain(
        tooShort ? 'a year or less is a campaign' : 'astrology',
      );
    }
  });

  it('[text/strategy-horizon] stays quiet on a horizon of about three years, on history, and without a duration', () => {
    for (const [title, language] of [
      ['Pénétrer le marché belge sur 3 ans', 'fr'],
      ['Leader depuis 20 ans, nous visons maintenant l’Ontario', 'fr'],
      ['Créée il y a 10 ans, la marque vise les PME', 'fr'],
      ['Notre stratégie cette année est de pénétrer de nouveaux territoires géographiques', 'fr'],
      ['Enter the Belgian market over 3 years', 'en'],
      ['Founded 10 years ago, we now aim at SMEs', 'en'],
      ['A leader for 20 years in Ontario', 'en'],
    ] as const) {
      expect(fired('text/strategy-horizon', 'strategy', language, title), title).toBeUndefined();
    }
    expect(
      fired('text/strategy-horizon', 'objective', 'fr', 'Doubler les ventes sur 10 ans'),
    ).toBeUndefined();
  });
});

describe('word lists', () => {
  const named: Record<lists.WordListName, readonly lists.WordListEntry[]> = {
    TACTIC_TERMS: lists.TACTIC_TERMS,
    MARKETING_METRIC_TERMS: lists.MARKETING_METRIC_TERMS,
    MARKET_TERMS: lists.MARKET_TERMS,
    DATE_TERMS: lists.DATE_TERMS,
  };
  const all = [
    ...lists.TACTIC_TERMS,
    ...lists.MARKETING_METRIC_TERMS,
    ...lists.BUSINESS_RESULT_TERMS,
    ...lists.FIGURE_TERMS,
    ...lists.DATE_TERMS,
    ...lists.MARKET_TERMS,
    ...lists.NOT_A_MARKET_PHRASES,
    ...lists.PLACE_PREPOSITIONS,
    ...lists.PLACE_ARTICLES,
    ...lists.HORIZON_PREPOSITIONS,
    ...lists.HORIZON_FILLERS,
    ...lists.HORIZON_AFTER_NUMBER,
    ...Object.values(lists.HORIZON_LOOKING_BACK),
    ...lists.DECADE_TERMS,
    ...lists.NOT_LISTED,
  ];

  it('gives every entry a term and a reason', () => {
    for (const entry of all) {
      expect(termWords(entry.term).length, entry.term).toBeGreaterThan(0);
      expect(entry.reason.trim().length, entry.term).toBeGreaterThan(10);
    }
  });

  it('lists no term twice in one list and language', () => {
    for (const [name, list] of Object.entries(named)) {
      const keys = list.map((entry) => `${entry.lang}:${termWords(entry.term).join(' ')}`);
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('keeps the terms left out on purpose (NOT_LISTED) off their list', () => {
    for (const entry of lists.NOT_LISTED) {
      const words = termWords(entry.term).join(' ');
      const listed = named[entry.notIn].map((listEntry) => termWords(listEntry.term).join(' '));
      expect(listed, `${entry.term} must not be in ${entry.notIn}`).not.toContain(words);
    }
  });
});
