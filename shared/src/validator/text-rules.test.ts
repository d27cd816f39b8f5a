import { describe, expect, it } from 'vitest';
import { board, card } from '../../test-support/index.ts';
import type { Lane, Language } from '../board/lanes.ts';
import { asWritten, plainWords, tokenise } from './normalise.ts';
import { isUnfilled } from './text-rules.ts';
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
  it('folds case, accents, ligatures and elisions, splits on apostrophes and hyphens, and keeps offsets', () => {
    const tokens = tokenise('L’Augmentation des FOIRES commerciales');
    expect(tokens.plain).toEqual(['l', 'augmentation', 'des', 'foires', 'commerciales']);
    expect(tokens.capitalised).toEqual([true, true, false, true, false]);
    expect(asWritten(tokens, 3, 5)).toBe('FOIRES commerciales');
    expect(tokenise("d'affaires, e-mails, œuvre").plain).toEqual([
      'd',
      'affaires',
      'e',
      'mails',
      'oeuvre',
    ]);
    // Decomposed accents (NFD input) fold the same and keep their offsets.
    const decomposed = tokenise('Publicite\u0301s radio');
    expect(decomposed.plain).toEqual(['publicites', 'radio']);
    expect(asWritten(decomposed, 0, 1)).toBe('Publicite\u0301s');
    const other = tokenise('Ελλάδα: ŁÓDŹ-2027, Straße 𝐀𝐁');
    expect(other.plain.slice(0, 4)).toEqual(['ελλαδα', 'łodz', '2027', 'straße']);
    expect(other.capitalised.slice(0, 4)).toEqual([true, true, false, true]);
    expect(other.hasDigit).toBe(true);
    expect(tokenise('Augmenter les ventes').hasDigit).toBe(false);
  });

  it('gives every word a French and an English key, so word forms meet (Snowball stems)', () => {
    const key = (word: string, language: 'fr' | 'en') => tokenise(word)[language][0];
    for (const [a, b] of [
      ['bloguer', 'blogue'],
      ['foires', 'foire'],
      ['sponsoriser', 'sponsorisé'],
      ['publicités', 'publicite'],
      ['courriels', 'courriel'],
    ]) {
      expect(key(a!, 'fr'), `${a} / ${b}`).toBe(key(b!, 'fr'));
    }
    for (const [a, b] of [
      ['blogging', 'blog'],
      ['advertising', 'advertise'],
      ['sponsoring', 'sponsor'],
      ['emailed', 'email'],
    ]) {
      expect(key(a!, 'en'), `${a} / ${b}`).toBe(key(b!, 'en'));
    }
    // Short words are their own key: « se » must not meet « sea ».
    expect(key('se', 'fr')).not.toBe(key('sea', 'fr'));
  });

  it('tells a placeholder from a value', () => {
    for (const value of [
      '',
      '  ',
      '?',
      '??',
      '-',
      '—',
      '…',
      'à définir',
      'À DÉFINIR',
      'TBD',
      'n/a',
      'N/A',
      'tbc.',
      'xxx',
      'to be defined',
    ]) {
      expect(isUnfilled(value), JSON.stringify(value)).toBe(true);
    }
    for (const value of [
      'Coût par client',
      'NPS',
      '0 €',
      'Camille',
      '2027-06-30',
      'Taux de conversion à définir avec la finance',
    ]) {
      expect(isUnfilled(value), value).toBe(false);
    }
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
    expect(finding!.message.fr).toContain('(« foires commerciales »)');
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
      ['Atteindre 10 000 abonnés LinkedIn en 2027', 'abonnés LinkedIn'],
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

describe('issue 12: the same ideas worded differently', () => {
  // Each row of the table, with the rule that must (or must not) fire.
  const rows: [rule: string, lane: Lane, language: Language, title: string, fires: boolean][] = [
    [
      'text/tactic-as-strategy',
      'strategy',
      'fr',
      'Bloguer chaque semaine sur nos nouveautés',
      true,
    ],
    ['text/tactic-as-strategy', 'strategy', 'en', 'Advertise on podcasts every month', true],
    [
      'text/tactic-as-strategy',
      'strategy',
      'fr',
      'Faire du porte-à-porte dans les nouveaux quartiers',
      true,
    ],
    ['text/tactic-as-strategy', 'strategy', 'en', 'Hand out discount coupons at the station', true],
    ['text/tactic-as-strategy', 'strategy', 'en', 'Faire des publicités Facebook', true],
    ['text/tactic-as-strategy', 'strategy', 'fr', 'Attend the Paris trade fair', true],
    [
      'text/tactic-as-strategy',
      'strategy',
      'fr',
      'Relancer les clients par courriel et clavardage',
      true,
    ],
    [
      'text/marketing-objective',
      'objective',
      'fr',
      'Gagner 5 000 fans sur Facebook d’ici juin 2027',
      true,
    ],
    ['text/objective-incomplete', 'objective', 'en', 'Increase sales by 10%', true],
    [
      'text/tactic-as-strategy',
      'strategy',
      'en',
      'Enter the German market with a webinar-led sales model',
      false,
    ],
  ];
  for (const [rule, lane, language, title, fires] of rows) {
    it(`[${rule}] ${fires ? 'fires on' : 'stays quiet on'} « ${title} » (${lane}, ${language} board)`, () => {
      const finding = fired(rule, lane, language, title);
      if (fires) expect(finding).toBeDefined();
      else expect(finding).toBeUndefined();
    });
  }

  it('[text/objective-incomplete] names the missing deadline of "Increase sales by 10%"', () => {
    const finding = fired('text/objective-incomplete', 'objective', 'en', 'Increase sales by 10%');
    expect(finding!.severity).toBe('info');
    expect(finding!.message.en).toContain('has a figure but no deadline');
    expect(finding!.message.fr).toContain('a un chiffre mais pas d’échéance');
  });

  it('[card/plan-without-kpi] counts the placeholders « à définir », TBD, N/A and ? as no KPI', () => {
    for (const kpi of ['à définir', 'TBD', 'N/A', '?']) {
      const snapshot = board([
        card('p1', 'plan', 'Plan salons', {
          kpi,
          owner: 'Camille',
          dueDate: '2027-06-30',
          budget: '40 000 €',
        }),
      ]);
      expect(
        validateBoard(snapshot).map((f) => f.rule),
        kpi,
      ).toContain('card/plan-without-kpi');
    }
  });
});

describe('word forms', () => {
  it('[text/tactic-as-strategy] matches a listed channel as noun, verb and derived form, in both languages', () => {
    for (const [language, title] of [
      ['fr', 'Bloguer sur nos chantiers'],
      ['fr', 'Tenir un blogue sur nos chantiers'],
      ['fr', 'Multiplier les campagnes publicitaires'],
      ['fr', 'Diffuser des publicités ciblées aux familles'],
      ['fr', 'Sponsoriser les clubs locaux'],
      ['fr', 'Des contenus sponsorisés dans la presse'],
      ['en', 'Start blogging about our roadmap'],
      ['en', 'Advertise in trade magazines'],
      ['en', 'Advertising on regional radio'],
      ['en', 'Sponsor the city marathon'],
      ['en', 'Emailed offers to lapsed customers'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeDefined();
    }
  });

  it('[text/tactic-as-strategy] quotes the words as the card wrote them', () => {
    const finding = fired(
      'text/tactic-as-strategy',
      'strategy',
      'en',
      'Double down on SEO and Google Ads',
    );
    expect(finding!.message.en).toContain('(“SEO”)');
    expect(finding!.message.fr).toContain('(« SEO »)');
    const french = fired(
      'text/tactic-as-strategy',
      'strategy',
      'fr',
      'Faire des Publicités Facebook',
    );
    expect(french!.message.fr).toContain('(« Publicités »)');
  });
});

describe('actions not in the seeds', () => {
  it('[text/tactic-as-strategy] fires on the field actions of marketing and sales', () => {
    for (const [language, title] of [
      ['fr', 'Distribuer des échantillons en pharmacie'],
      ['fr', 'Lancer un jeu-concours pour la fête des mères'],
      ['fr', 'Mettre en place un programme de parrainage'],
      ['fr', 'Ouvrir une boutique éphémère à Lille'],
      ['fr', 'Envoyer un communiqué de presse à chaque lancement'],
      ['fr', 'Créer une carte de fidélité'],
      ['fr', 'Organiser des événements clients'],
      ['fr', 'Faire de la prospection téléphonique'],
      ['en', 'Hand out free samples at the market'],
      ['en', 'Run a photo contest'],
      ['en', 'Set up a referral programme'],
      ['en', 'Open a pop-up store for Christmas'],
      ['en', 'Issue a press release for every hire'],
      ['en', 'Partner with fitness influencers'],
      ['en', 'Launch a loyalty card'],
      ['en', 'Drop flyers in every letterbox'],
      ['en', 'Call every customer who stopped ordering'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeDefined();
    }
  });
});

describe('mixed languages and regional French', () => {
  it('[text/tactic-as-strategy] checks a card against both languages’ lists, whatever the board’s language', () => {
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'en', 'Distribuer des dépliants au marché'),
    ).toBeDefined();
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'fr', 'Exhibit at the Lyon home show'),
    ).toBeDefined();
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'fr', 'Booster le reach avec des ads Insta'),
    ).toBeDefined();
  });

  it('[text/tactic-as-strategy] matches false friends only in their own language', () => {
    for (const [language, title] of [
      ['fr', 'Become the first sea freight forwarder for Baltic SMEs'],
      ['fr', 'Open a chain of hair salons in Lyon’s suburbs'],
      ['fr', 'Influence the buying decisions of hospital procurement teams'],
      ['fr', 'Stand out from low-cost rivals with a premium service'],
      ['en', 'Se différencier par le service après-vente'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeUndefined();
    }
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'en', 'Faire du SEA sur nos mots-clés'),
    ).toBeDefined();
  });

  it('[text/tactic-as-strategy] knows Québec, Belgian and Swiss names of channels', () => {
    for (const title of [
      'Lancer une infolettre hebdomadaire',
      'Offrir le clavardage en direct',
      'Lancer un balado sur la rénovation',
      'Commanditer le festival de jazz',
      'Distribuer une circulaire dans le quartier',
      'Distribuer un toutes-boîtes à Namur',
      'Faire un tous-ménages à Lausanne',
    ]) {
      expect(fired('text/tactic-as-strategy', 'strategy', 'fr', title), title).toBeDefined();
    }
    expect(
      fired(
        'text/tactic-as-strategy',
        'strategy',
        'fr',
        'Cibler les familles qui magasinent en ligne',
      ),
    ).toBeUndefined();
  });

  it('[text/objective-incomplete] reads septante, huitante and nonante as figures', () => {
    for (const title of [
      'Atteindre septante nouveaux clients',
      'Ouvrir huitante points de vente',
      'Gagner nonante comptes',
    ]) {
      const finding = fired('text/objective-incomplete', 'objective', 'fr', title);
      expect(finding?.message.en, title).toContain('has a figure but no deadline');
    }
    expect(
      fired('text/vague-objective', 'objective', 'fr', 'Atteindre septante nouveaux clients'),
    ).toBeUndefined();
  });
});

describe('text/objective-incomplete', () => {
  /** The objective-incomplete finding of each `[language, title]` objective. */
  const incomplete = (cases: readonly (readonly [Language, string])[]) =>
    cases.map(([language, title]) => ({
      title,
      finding: fired('text/objective-incomplete', 'objective', language, title),
    }));

  it('[text/objective-incomplete] names the missing deadline when an objective has a figure only', () => {
    for (const { title, finding } of incomplete([
      ['fr', 'Augmenter les ventes de 10 %'],
      ['fr', 'Doubler notre chiffre d’affaires'],
      ['fr', 'Augmenter de 30 % les ventes au Québec'],
      ['en', 'Double our revenue'],
      ['en', 'Sign 40 new contracts'],
    ])) {
      expect(finding?.message.en, title).toContain('no deadline');
    }
  });

  it('[text/objective-incomplete] names the missing figure when an objective has a deadline only', () => {
    for (const { title, finding } of incomplete([
      ['fr', 'Augmenter les ventes d’ici 2027'],
      ['fr', 'Améliorer la marge au T3 2027'],
      ['fr', 'Développer les revenus récurrents en 18 mois'],
      ['en', 'Grow revenue before the end of the year'],
      ['en', 'Become profitable by June'],
    ])) {
      expect(finding?.message.en, title).toContain('no figure');
    }
  });

  it('[text/objective-incomplete] stays quiet with both, with neither (then it is vague, or a market as in seed 000), and on other lanes', () => {
    for (const { title, finding } of incomplete([
      ['fr', 'Augmenter le CA de 12 % d’ici décembre 2027'],
      ['fr', 'Tripler les commandes en ligne d’ici trois ans'],
      ['fr', 'Pénétrer le marché suisse romand'],
      ['fr', 'Augmenter les ventes'],
      ['en', 'Grow revenue 12% by December 2027'],
      ['en', 'Enter the Swiss market'],
    ])) {
      expect(finding, title).toBeUndefined();
    }
    expect(
      fired('text/objective-incomplete', 'strategy', 'fr', 'Augmenter les ventes de 10 %'),
    ).toBeUndefined();
  });
});

describe('false alarms', () => {
  it('[text/tactic-as-strategy] stays quiet when the head chooses a market, segment or position and the channel only says how', () => {
    for (const [language, title] of [
      ['fr', 'Pénétrer le marché allemand avec un modèle de vente fondé sur les webinaires'],
      ['fr', 'Cibler les cliniques vétérinaires du Québec via LinkedIn'],
      ['fr', 'Devenir la référence du SEO pour les PME bretonnes'],
      ['en', 'Target Quebec veterinary clinics via LinkedIn and conferences'],
      ['en', 'Position ourselves as the premium alternative, backed by our newsletter'],
      ['en', 'Become the go-to SEO agency for Breton SMEs'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeUndefined();
    }
  });

  it('[text/tactic-as-strategy] still fires when the head is not a choice, or the channel is the head', () => {
    for (const [language, title] of [
      ['fr', 'Augmenter les ventes grâce aux salons'],
      ['fr', 'Développer le CA via des publicités LinkedIn'],
      ['fr', 'Être présents sur toutes les foires agricoles'],
      ['en', 'Grow sales through trade shows'],
      ['en', 'Become the official sponsor of the boat show'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeDefined();
    }
  });
});

describe('review: text as participants paste and phrase it', () => {
  it('[text/tactic-as-strategy] reads a word through invisible characters pasted inside it (soft hyphen, zero-width joiner, byte order mark); a zero-width space still separates words', () => {
    for (const [language, title] of [
      ['fr', 'Animer des web\u00ADinaires chaque mois'],
      ['fr', 'Faire des publi\u200Dcités Facebook'],
      ['en', '\uFEFFRun Google Ads on brand keywords'],
      ['en', 'Send a news\u2060letter every week'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeDefined();
    }
    expect(tokenise('Faire\u200Bdes').plain).toEqual(['faire', 'des']);
    // An invisible character is no accent: it does not make English text look French.
    expect(tokenise('news\u00ADletter').accented).toEqual([false]);
  });

  it('[text/tactic-as-strategy] stays quiet when a strategy chooses the firm’s trade, even a channel’s (se spécialiser, specialise, the default / standard)', () => {
    for (const [language, title] of [
      ['fr', 'Se spécialiser dans l’organisation de salons professionnels'],
      ['fr', 'Nous spécialiser dans la publicité radio pour les concessionnaires'],
      ['en', 'Specialise in trade show logistics for exhibitors'],
      ['en', 'Become the default tool for event planners'],
      ['fr', 'Devenir le standard des infolettres pour les associations'],
    ] as const) {
      expect(fired('text/tactic-as-strategy', 'strategy', language, title), title).toBeUndefined();
    }
    // A trade verb further in the sentence is no head.
    expect(
      fired('text/tactic-as-strategy', 'strategy', 'fr', 'Faire des salons pour se spécialiser'),
    ).toBeDefined();
  });

  it('[text/tactic-as-strategy] meets the -os plurals of French loanwords (textos, promos) and influencer marketing as French marketers write it', () => {
    for (const title of [
      'Envoyer des textos aux clients',
      'Faire des promos chaque semaine',
      'Faire du marketing d’influence avec des youtubeurs',
    ]) {
      expect(fired('text/tactic-as-strategy', 'strategy', 'fr', title), title).toBeDefined();
    }
  });

  it('[text/strategy-horizon] a duration after a forward-only preposition (d’ici, within, next) is a horizon even after a history word such as “leader”', () => {
    for (const [language, title] of [
      ['fr', 'Devenir leader d’ici 15 ans'],
      ['en', 'Become the leader within 15 years'],
    ] as const) {
      expect(fired('text/strategy-horizon', 'strategy', language, title), title).toBeDefined();
    }
    expect(
      fired('text/strategy-horizon', 'strategy', 'en', 'A leader for 20 years, we enter Ontario'),
    ).toBeUndefined();
  });

  it('[text/objective-incomplete] reads a rank (numéro un, number one) as the figure', () => {
    for (const [language, title] of [
      ['fr', 'Devenir numéro un au Québec d’ici 2030'],
      ['en', 'Become number one in Ontario by 2030'],
    ] as const) {
      expect(
        fired('text/objective-incomplete', 'objective', language, title),
        title,
      ).toBeUndefined();
    }
    expect(
      fired('text/objective-incomplete', 'objective', 'fr', 'Devenir leader au Québec d’ici 2030'),
    ).toBeDefined();
  });
});

describe('word lists', () => {
  const named: Record<lists.WordListName, readonly lists.WordListEntry[]> = {
    TACTIC_TERMS: lists.TACTIC_TERMS,
    MARKETING_METRIC_TERMS: lists.MARKETING_METRIC_TERMS,
    MARKET_TERMS: lists.MARKET_TERMS,
    MONTH_TERMS: lists.MONTH_TERMS,
    DEADLINE_PHRASES: lists.DEADLINE_PHRASES,
  };
  const all = [
    ...lists.TACTIC_TERMS,
    ...lists.MARKETING_METRIC_TERMS,
    ...lists.BUSINESS_RESULT_TERMS,
    ...lists.FIGURE_TERMS,
    ...lists.MONTH_TERMS,
    ...lists.DEADLINE_PHRASES,
    ...lists.NOT_A_TACTIC_PHRASES,
    ...lists.HOW_MARKERS,
    ...lists.CHOICE_VERBS,
    ...lists.POSITION_NOUNS,
    ...lists.PLACEHOLDERS,
    ...lists.LANGUAGE_HINTS,
    ...lists.HISTORY_BEFORE_FOR,
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
      expect(plainWords(entry.term).length, entry.term).toBeGreaterThan(0);
      expect(entry.reason.trim().length, entry.term).toBeGreaterThan(10);
    }
  });

  it('lists no term twice in one list and language', () => {
    for (const [name, list] of Object.entries(named)) {
      const keys = list.map((entry) => `${entry.lang}:${plainWords(entry.term).join(' ')}`);
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('keeps the terms left out on purpose (NOT_LISTED) off their list', () => {
    for (const entry of lists.NOT_LISTED) {
      const words = plainWords(entry.term).join(' ');
      const listed = named[entry.notIn].map((listEntry) => plainWords(listEntry.term).join(' '));
      expect(listed, `${entry.term} must not be in ${entry.notIn}`).not.toContain(words);
    }
  });
});
