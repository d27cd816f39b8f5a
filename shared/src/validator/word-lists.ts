/**
 * Every word list the text rules use, in one reviewed place, each entry with its reason (a seed
 * quote or an explanation). Seeds are the five French articles in the product brief
 * (000 stratégie vs tactique, 001 triangle du feu, 002 stratégie numérique, 003 focalisation,
 * 004 plan vs stratégie).
 *
 * How terms are matched (normalise.ts): case- and accent-insensitive, on whole words, plurals
 * folded (« foires » matches `foire`), apostrophes and hyphens split words (« l’augmentation »
 * is `l augmentation`, "e-mail" is `e mail`). A phrase matches only as consecutive words.
 *
 * Reviewing a change: a new term must be right on clear cases AND quiet on the good cards of the
 * templates (seed 001's three examples) and of the tests; `NOT_LISTED` records tempting terms
 * that were left out on purpose.
 */

export type TermLanguage = 'fr' | 'en' | 'both';

export interface WordListEntry {
  /** The word or phrase, written naturally (accents and plurals are folded when matching). */
  readonly term: string;
  readonly lang: TermLanguage;
  /** Why it is on the list: a seed quote or a short explanation. */
  readonly reason: string;
}

const TACTIC_SEED_000 =
  'Seed 000: « participer à des foires commerciales, c’est tactique, cela relève de l’exécution. »';
const TACTIC_SEED_001_T2 =
  'Seed 001, tactique de l’objectif 2: « Utilisez l’optimisation des moteurs de recherche (SEO) … articles de blog … marketing par e-mail (comme les newsletters …) ».';
const TACTIC_SEED_001_T3 =
  'Seed 001, tactique de l’objectif 3: « utilisez vos principales publicités (publicités, recherche payée, publicités) et tactiques de marketing (… marketing événementiel, marketing sur les réseaux sociaux) ».';
const TACTIC_SEED_001_T1 =
  'Seed 001, tactique de l’objectif 1: « Créez un nouveau site Web … promouvez vos efforts … sur les médias sociaux, les e-mails ».';
const TACTIC_SEED_003 =
  'Seed 003 lists the concrete pieces of execution: « courriels … publications … la vidéo, la publicité, l’automatisation, la page de destination ».';
const CHANNEL_NAME =
  'A named social or advertising channel is a means of execution (seed 000: « Ce qui est tangible, visible, concret sont les tactiques »).';

/**
 * text/tactic-as-strategy: a strategy card whose statement names a channel, a medium or a
 * concrete marketing action. Seed 000: « Tactique : faire les choses correctement (actions) ».
 */
export const TACTIC_TERMS: readonly WordListEntry[] = [
  // Events
  { term: 'foire', lang: 'fr', reason: TACTIC_SEED_000 },
  { term: 'foire commerciale', lang: 'fr', reason: TACTIC_SEED_000 },
  {
    term: 'salon professionnel',
    lang: 'fr',
    reason: `${TACTIC_SEED_000} « Salon professionnel » is the usual French name of a trade show.`,
  },
  {
    term: 'salon',
    lang: 'fr',
    reason: `${TACTIC_SEED_000} On a marketing board « salon » alone means a trade show.`,
  },
  { term: 'trade show', lang: 'en', reason: TACTIC_SEED_000 },
  { term: 'tradeshow', lang: 'en', reason: TACTIC_SEED_000 },
  { term: 'trade fair', lang: 'en', reason: TACTIC_SEED_000 },
  { term: 'expo', lang: 'both', reason: `${TACTIC_SEED_000} (an expo is a trade show)` },
  { term: 'webinaire', lang: 'fr', reason: 'PRODUCT.md §3 lists webinars among tactic words.' },
  { term: 'webinar', lang: 'both', reason: 'PRODUCT.md §3 lists webinars among tactic words.' },
  { term: 'marketing événementiel', lang: 'fr', reason: TACTIC_SEED_001_T3 },
  { term: 'event marketing', lang: 'en', reason: TACTIC_SEED_001_T3 },
  // E-mail and direct marketing
  { term: 'newsletter', lang: 'both', reason: TACTIC_SEED_001_T2 },
  {
    term: 'infolettre',
    lang: 'fr',
    reason: 'Seed 003: « ne croyez pas que vous enverrez des infolettres à chaque 2 semaines ».',
  },
  { term: 'courriel', lang: 'fr', reason: TACTIC_SEED_003 },
  { term: 'e-mail', lang: 'both', reason: TACTIC_SEED_001_T1 },
  { term: 'email', lang: 'both', reason: TACTIC_SEED_001_T1 },
  { term: 'emailing', lang: 'both', reason: TACTIC_SEED_001_T2 },
  { term: 'mailing', lang: 'both', reason: 'A mass mailing is an execution channel (seed 000).' },
  {
    term: 'marketing direct',
    lang: 'fr',
    reason: 'Seed 000 asks « Pourquoi du marketing direct …? » about tactics with no strategy.',
  },
  { term: 'direct mail', lang: 'en', reason: 'Seed 000: « marketing direct » is a tactic.' },
  { term: 'publipostage', lang: 'fr', reason: 'French for direct mail (seed 000).' },
  {
    term: 'télémarketing',
    lang: 'fr',
    reason: 'Phone prospecting is an action of the sales mix.',
  },
  { term: 'telemarketing', lang: 'en', reason: 'Phone prospecting is an action.' },
  { term: 'cold calling', lang: 'en', reason: 'Phone prospecting is an action.' },
  { term: 'appel à froid', lang: 'fr', reason: 'Phone prospecting is an action.' },
  { term: 'sms', lang: 'both', reason: 'A messaging channel.' },
  // Search and advertising
  { term: 'seo', lang: 'both', reason: TACTIC_SEED_001_T2 },
  {
    term: 'sea',
    lang: 'fr',
    reason:
      'French marketers’ name for paid search, the twin of SEO (seed 001 « recherche payée »). French boards only: in English it is the sea.',
  },
  { term: 'sem', lang: 'en', reason: 'Search-engine marketing (seed 001 « recherche payée »).' },
  { term: 'ppc', lang: 'en', reason: 'Pay-per-click advertising (seed 001 « recherche payée »).' },
  { term: 'pay per click', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'paid search', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'recherche payée', lang: 'fr', reason: TACTIC_SEED_001_T3 },
  {
    term: 'recherche payante',
    lang: 'fr',
    reason:
      'Seed 001: « Un site de commerce électronique augmente son budget de recherche payant, mais ne voit aucune augmentation des ventes. »',
  },
  { term: 'référencement', lang: 'fr', reason: 'French for SEO/SEA (seed 001).' },
  { term: 'google ads', lang: 'both', reason: CHANNEL_NAME },
  { term: 'adwords', lang: 'both', reason: CHANNEL_NAME },
  { term: 'publicité', lang: 'fr', reason: TACTIC_SEED_003 },
  { term: 'advertising', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'ads', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'ad campaign', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'advert', lang: 'en', reason: TACTIC_SEED_001_T3 },
  {
    term: 'retargeting',
    lang: 'both',
    reason: 'An advertising technique (seed 001 « publicités »).',
  },
  {
    term: 'remarketing',
    lang: 'both',
    reason: 'An advertising technique (seed 001 « publicités »).',
  },
  {
    term: 'bannière',
    lang: 'fr',
    reason: 'A display-advertising format (seed 003 « la publicité »).',
  },
  { term: 'banner ad', lang: 'en', reason: 'A display-advertising format (seed 003).' },
  { term: 'billboard', lang: 'en', reason: 'An advertising medium.' },
  { term: 'panneau publicitaire', lang: 'fr', reason: 'An advertising medium.' },
  { term: 'flyer', lang: 'both', reason: 'A printed promotion piece.' },
  { term: 'dépliant', lang: 'fr', reason: 'A printed promotion piece.' },
  { term: 'brochure', lang: 'both', reason: 'A printed promotion piece.' },
  { term: 'communiqué de presse', lang: 'fr', reason: 'A public-relations action.' },
  { term: 'press release', lang: 'en', reason: 'A public-relations action.' },
  { term: 'sponsoring', lang: 'both', reason: 'Sponsoring an event is an action.' },
  { term: 'sponsorship', lang: 'en', reason: 'Sponsoring an event is an action.' },
  {
    term: 'commandite',
    lang: 'fr',
    reason: 'Québec French for sponsoring (seed 000 is from Québec).',
  },
  // Content and social
  { term: 'blog', lang: 'both', reason: TACTIC_SEED_001_T2 },
  {
    term: 'billet de blog',
    lang: 'fr',
    reason:
      'Seed 001: « Un fournisseur SaaS écrit des centaines de billets de blog … aucun gain commercial. »',
  },
  { term: 'blog post', lang: 'en', reason: TACTIC_SEED_001_T2 },
  { term: 'podcast', lang: 'both', reason: 'A content channel, like the blog (seed 001).' },
  {
    term: 'publication',
    lang: 'fr',
    reason: 'Seed 003: « Un ou deux courriels. Quelques publications. » — posts are execution.',
  },
  { term: 'social post', lang: 'en', reason: 'Seed 003 « publications » — posts are execution.' },
  { term: 'post linkedin', lang: 'fr', reason: 'Seed 003 « publications ».' },
  { term: 'réseaux sociaux', lang: 'fr', reason: TACTIC_SEED_001_T3 },
  { term: 'médias sociaux', lang: 'fr', reason: TACTIC_SEED_001_T1 },
  { term: 'social media', lang: 'en', reason: TACTIC_SEED_001_T1 },
  { term: 'facebook', lang: 'both', reason: CHANNEL_NAME },
  { term: 'instagram', lang: 'both', reason: CHANNEL_NAME },
  { term: 'linkedin', lang: 'both', reason: CHANNEL_NAME },
  { term: 'tiktok', lang: 'both', reason: CHANNEL_NAME },
  { term: 'twitter', lang: 'both', reason: CHANNEL_NAME },
  { term: 'youtube', lang: 'both', reason: CHANNEL_NAME },
  { term: 'influenceur', lang: 'fr', reason: 'Influencer campaigns are a social-media tactic.' },
  { term: 'influencer', lang: 'en', reason: 'Influencer campaigns are a social-media tactic.' },
  // Web pages and automation
  { term: 'site web', lang: 'fr', reason: TACTIC_SEED_001_T1 },
  { term: 'site internet', lang: 'fr', reason: TACTIC_SEED_001_T1 },
  { term: 'website', lang: 'en', reason: TACTIC_SEED_001_T1 },
  { term: 'page de destination', lang: 'fr', reason: TACTIC_SEED_003 },
  { term: 'landing page', lang: 'both', reason: TACTIC_SEED_003 },
  { term: 'marketing automation', lang: 'en', reason: TACTIC_SEED_003 },
  { term: 'automatisation marketing', lang: 'fr', reason: TACTIC_SEED_003 },
  // Campaigns
  {
    term: 'campagne',
    lang: 'fr',
    reason:
      'Seed 003: « Une stratégie marketing sur 1 an, ça s’appelle une campagne. » Seed 004: « Votre plan est votre campagne détaillée ».',
  },
  { term: 'campaign', lang: 'en', reason: 'Seed 003: a one-year "strategy" is a campaign.' },
];

/**
 * text/marketing-objective: an objective that is a marketing metric. Seed 001: « L’augmentation
 * du trafic sur le site est un objectif marketing et non un objectif commercial. Obtenir plus
 * d’engagement sur les médias sociaux est également un objectif marketing ».
 */
const MARKETING_SEED_001_TRAFFIC =
  'Seed 001: « L’augmentation du trafic sur le site est un objectif marketing et non un objectif commercial. »';
const MARKETING_SEED_001_ENGAGEMENT =
  'Seed 001: « Obtenir plus d’engagement sur les médias sociaux est également un objectif marketing ».';
const AUDIENCE_METRIC =
  'An audience metric of a channel, like site traffic and social engagement (seed 001): it measures marketing activity, not a business result.';

export const MARKETING_METRIC_TERMS: readonly WordListEntry[] = [
  { term: 'trafic', lang: 'fr', reason: MARKETING_SEED_001_TRAFFIC },
  { term: 'traffic', lang: 'en', reason: MARKETING_SEED_001_TRAFFIC },
  { term: 'visiteur', lang: 'fr', reason: MARKETING_SEED_001_TRAFFIC },
  { term: 'visitor', lang: 'en', reason: MARKETING_SEED_001_TRAFFIC },
  { term: 'pages vues', lang: 'fr', reason: MARKETING_SEED_001_TRAFFIC },
  { term: 'page views', lang: 'en', reason: MARKETING_SEED_001_TRAFFIC },
  {
    term: 'engagement',
    lang: 'en',
    reason: `${MARKETING_SEED_001_ENGAGEMENT} English boards only: in French « engagement » is also commitment (« l’engagement des équipes »).`,
  },
  { term: 'taux d’engagement', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'engagement rate', lang: 'en', reason: MARKETING_SEED_001_ENGAGEMENT },
  {
    term: 'réseaux sociaux',
    lang: 'fr',
    reason: `${MARKETING_SEED_001_ENGAGEMENT} An objective about a channel is a marketing objective.`,
  },
  {
    term: 'médias sociaux',
    lang: 'fr',
    reason: `${MARKETING_SEED_001_ENGAGEMENT} An objective about a channel is a marketing objective.`,
  },
  {
    term: 'social media',
    lang: 'en',
    reason: `${MARKETING_SEED_001_ENGAGEMENT} An objective about a channel is a marketing objective.`,
  },
  { term: 'followers', lang: 'both', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'abonnés linkedin', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'abonnés instagram', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'abonnés facebook', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'abonnés youtube', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'abonnés tiktok', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'abonnés à l’infolettre', lang: 'fr', reason: AUDIENCE_METRIC },
  { term: 'abonnés à la newsletter', lang: 'fr', reason: AUDIENCE_METRIC },
  { term: 'newsletter subscribers', lang: 'en', reason: AUDIENCE_METRIC },
  { term: 'likes', lang: 'both', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'mentions j’aime', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'fans', lang: 'both', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'partages', lang: 'fr', reason: MARKETING_SEED_001_ENGAGEMENT },
  { term: 'impressions', lang: 'both', reason: AUDIENCE_METRIC },
  { term: 'clics', lang: 'fr', reason: AUDIENCE_METRIC },
  { term: 'clicks', lang: 'en', reason: AUDIENCE_METRIC },
  { term: 'taux de clic', lang: 'fr', reason: AUDIENCE_METRIC },
  { term: 'click-through rate', lang: 'en', reason: AUDIENCE_METRIC },
  { term: 'ctr', lang: 'both', reason: AUDIENCE_METRIC },
  {
    term: 'taux d’ouverture',
    lang: 'fr',
    reason:
      'The open rate of an e-mail is a newsletter metric (seed 001: « La newsletter … ne génère aucun trafic »).',
  },
  { term: 'open rate', lang: 'en', reason: 'The open rate of an e-mail is a newsletter metric.' },
  { term: 'taux de rebond', lang: 'fr', reason: AUDIENCE_METRIC },
  { term: 'bounce rate', lang: 'en', reason: AUDIENCE_METRIC },
  {
    term: 'notoriété',
    lang: 'fr',
    reason: `${AUDIENCE_METRIC} Awareness is the classic marketing objective.`,
  },
  {
    term: 'brand awareness',
    lang: 'en',
    reason: `${AUDIENCE_METRIC} Awareness is the classic marketing objective.`,
  },
  {
    term: 'visibilité',
    lang: 'fr',
    reason: `${AUDIENCE_METRIC} « Gagner en visibilité » is awareness.`,
  },
  { term: 'visibility', lang: 'en', reason: `${AUDIENCE_METRIC} "More visibility" is awareness.` },
];

/**
 * Business results. An objective that names one of these next to a marketing metric ("turn
 * site traffic into 200 new customers") ties the metric to business value, which is what
 * seed 001 asks: « tout marketing doit avoir une valeur commerciale ». text/marketing-objective
 * stays quiet on it.
 */
const BUSINESS_SEED_001 =
  'Seed 001: « tout marketing doit avoir une valeur commerciale » — a business result next to the metric gives it that value.';
const BUSINESS_SEED_004 =
  'Seed 004 lists business KPIs: « Revenus de vente, Coût par client, Valeur client, ROI marketing entrant ».';

export const BUSINESS_RESULT_TERMS: readonly WordListEntry[] = [
  { term: 'vente', lang: 'fr', reason: BUSINESS_SEED_001 },
  { term: 'sales', lang: 'en', reason: BUSINESS_SEED_001 },
  { term: 'chiffre d’affaires', lang: 'fr', reason: BUSINESS_SEED_001 },
  {
    term: 'ca',
    lang: 'fr',
    reason: 'The usual abbreviation of chiffre d’affaires (« augmenter le CA »).',
  },
  { term: 'revenu', lang: 'fr', reason: BUSINESS_SEED_004 },
  { term: 'revenue', lang: 'en', reason: BUSINESS_SEED_004 },
  { term: 'marge', lang: 'fr', reason: BUSINESS_SEED_001 },
  { term: 'margin', lang: 'en', reason: BUSINESS_SEED_001 },
  { term: 'profit', lang: 'both', reason: BUSINESS_SEED_001 },
  { term: 'bénéfice', lang: 'fr', reason: BUSINESS_SEED_001 },
  { term: 'rentabilité', lang: 'fr', reason: BUSINESS_SEED_001 },
  { term: 'profitability', lang: 'en', reason: BUSINESS_SEED_001 },
  { term: 'roi', lang: 'both', reason: BUSINESS_SEED_004 },
  { term: 'client', lang: 'both', reason: BUSINESS_SEED_004 },
  { term: 'customer', lang: 'en', reason: BUSINESS_SEED_004 },
  {
    term: 'part de marché',
    lang: 'fr',
    reason: 'Seed 001: « contrôler une part de marché plus importante ».',
  },
  {
    term: 'market share',
    lang: 'en',
    reason: 'Seed 001: a larger market share is a business aim.',
  },
  { term: 'commande', lang: 'fr', reason: BUSINESS_SEED_001 },
  { term: 'contrat', lang: 'fr', reason: BUSINESS_SEED_001 },
  { term: 'contract', lang: 'en', reason: BUSINESS_SEED_001 },
  {
    term: 'unités vendues',
    lang: 'fr',
    reason: 'Seed 000: « Doubler le nombre d’unités vendues ».',
  },
  { term: 'units sold', lang: 'en', reason: 'Seed 000: « Doubler le nombre d’unités vendues ».' },
  {
    term: 'fidélisation',
    lang: 'fr',
    reason: 'Seed 000: « Fidéliser nos clients du secteur untel ».',
  },
  {
    term: 'retention',
    lang: 'en',
    reason: 'Seed 000: « Fidéliser nos clients » (customer retention).',
  },
  { term: 'payant', lang: 'fr', reason: 'Paying subscribers are revenue, not audience.' },
  { term: 'paying', lang: 'en', reason: 'Paying subscribers are revenue, not audience.' },
];

/**
 * text/vague-objective — words that count as a figure. Digits always count; these are the
 * figures written as words. Seed 000's precise example: « Doubler le nombre d’unités vendues ».
 * "un/une/one/a" are left out: they are articles far more often than numbers.
 */
const FIGURE_WORD = 'A figure written as a word (seed 000: « Soyez précis »).';
export const FIGURE_TERMS: readonly WordListEntry[] = [
  ...[
    'deux',
    'trois',
    'quatre',
    'cinq',
    'sept',
    'huit',
    'neuf',
    'dix',
    'onze',
    'douze',
    'quinze',
    'vingt',
    'trente',
    'quarante',
    'cinquante',
    'soixante',
    'cent',
    'mille',
    'milliard',
    'moitié',
    'pourcent',
    'pour cent',
  ].map((term): WordListEntry => ({ term, lang: 'fr', reason: FIGURE_WORD })),
  ...[
    'two',
    'three',
    'four',
    'five',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'fifteen',
    'twenty',
    'thirty',
    'forty',
    'fifty',
    'hundred',
    'thousand',
    'billion',
    'million',
    'half',
    'twice',
    'dozen',
    'percent',
    'per cent',
  ].map((term): WordListEntry => ({ term, lang: 'en', reason: FIGURE_WORD })),
  { term: 'six', lang: 'both', reason: FIGURE_WORD },
  { term: 'million', lang: 'fr', reason: FIGURE_WORD },
  { term: 'doubler', lang: 'fr', reason: 'Seed 000: « Doubler le nombre d’unités vendues ».' },
  { term: 'tripler', lang: 'fr', reason: 'A multiplier, like seed 000’s « Doubler ».' },
  { term: 'double', lang: 'both', reason: 'Seed 000: « Doubler le nombre d’unités vendues ».' },
  { term: 'triple', lang: 'both', reason: 'A multiplier, like seed 000’s « Doubler ».' },
];

/** text/vague-objective — words that date an objective. Digits (years, dates) always count. */
const DATE_WORD =
  'A deadline or period (seed 000’s precise example is dated: « … cette année du produit untel »).';
export const DATE_TERMS: readonly WordListEntry[] = [
  ...[
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
    'trimestre',
    'trimestriel',
    'semestre',
    'année',
    'annuel',
    'annuelle',
    'mois',
    'mensuel',
    'semaine',
    'échéance',
    'an prochain',
    'automne',
    'hiver',
    'printemps',
  ].map((term): WordListEntry => ({ term, lang: 'fr', reason: DATE_WORD })),
  ...[
    'january',
    'february',
    'march',
    'april',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
    'quarter',
    'quarterly',
    'semester',
    'year',
    'yearly',
    'annual',
    'month',
    'monthly',
    'week',
    'deadline',
    'summer',
    'autumn',
    'winter',
  ].map((term): WordListEntry => ({ term, lang: 'en', reason: DATE_WORD })),
];

/**
 * text/vague-objective — words that name a market, a segment or an audience. Seed 000's precise
 * examples all name one: « le marché de l’est des États-Unis », « nos clients du secteur untel »,
 * « le marché ontarien ». A place name also counts (see PLACE_PREPOSITIONS).
 */
const MARKET_SEED_000 =
  'Seed 000’s precise objectives name the market: « Pénétrer le marché de l’est des États-Unis », « nos clients du secteur untel ».';
const SEGMENT_SEED_004 =
  'Seed 004: « Votre analyse de marché décrit … la taille du marché, les segments de marché ».';
const AUDIENCE_SEED_001 =
  'Seed 001 objective 1 targets an audience: « plaire davantage à un public moderne ».';
const SCOPE_WORD =
  'Names where the objective applies (a geography or company size), the « où » of seed 002.';
const PRODUCT_SCOPE =
  'Seed 003: « focaliser ses efforts seulement sur une gamme de produits » — naming the product line scopes the objective.';

export const MARKET_TERMS: readonly WordListEntry[] = [
  { term: 'marché', lang: 'fr', reason: MARKET_SEED_000 },
  { term: 'market', lang: 'en', reason: MARKET_SEED_000 },
  { term: 'segment', lang: 'both', reason: SEGMENT_SEED_004 },
  { term: 'secteur', lang: 'fr', reason: MARKET_SEED_000 },
  { term: 'sector', lang: 'en', reason: MARKET_SEED_000 },
  {
    term: 'industrie',
    lang: 'fr',
    reason: 'Seed 001: « vous développer dans de nouvelles industries ».',
  },
  { term: 'industry', lang: 'en', reason: 'Seed 001: expanding into new industries.' },
  { term: 'niche', lang: 'both', reason: SEGMENT_SEED_004 },
  { term: 'clientèle', lang: 'fr', reason: SEGMENT_SEED_004 },
  { term: 'public', lang: 'both', reason: AUDIENCE_SEED_001 },
  { term: 'audience', lang: 'both', reason: AUDIENCE_SEED_001 },
  { term: 'cible', lang: 'fr', reason: 'Seed 001 and 004: « public cible », « marché cible ».' },
  { term: 'persona', lang: 'both', reason: 'Seed 004: « votre personnalité d’acheteur idéale ».' },
  {
    term: 'territoire',
    lang: 'fr',
    reason: 'Seed 000: « pénétrer de nouveaux territoires géographiques ».',
  },
  { term: 'territory', lang: 'en', reason: 'Seed 000: new geographic territories.' },
  { term: 'région', lang: 'fr', reason: SCOPE_WORD },
  { term: 'region', lang: 'en', reason: SCOPE_WORD },
  { term: 'régional', lang: 'fr', reason: SCOPE_WORD },
  { term: 'regional', lang: 'en', reason: SCOPE_WORD },
  { term: 'pays', lang: 'fr', reason: SCOPE_WORD },
  { term: 'country', lang: 'en', reason: SCOPE_WORD },
  { term: 'province', lang: 'both', reason: SCOPE_WORD },
  { term: 'ville', lang: 'fr', reason: SCOPE_WORD },
  { term: 'city', lang: 'en', reason: SCOPE_WORD },
  { term: 'national', lang: 'both', reason: SCOPE_WORD },
  { term: 'international', lang: 'both', reason: SCOPE_WORD },
  { term: 'local', lang: 'both', reason: SCOPE_WORD },
  { term: 'export', lang: 'both', reason: SCOPE_WORD },
  { term: 'pme', lang: 'fr', reason: SCOPE_WORD },
  { term: 'tpe', lang: 'fr', reason: SCOPE_WORD },
  { term: 'eti', lang: 'fr', reason: SCOPE_WORD },
  { term: 'sme', lang: 'en', reason: SCOPE_WORD },
  { term: 'smb', lang: 'en', reason: SCOPE_WORD },
  { term: 'b2b', lang: 'both', reason: SCOPE_WORD },
  { term: 'b2c', lang: 'both', reason: SCOPE_WORD },
  { term: 'grands comptes', lang: 'fr', reason: SCOPE_WORD },
  { term: 'key accounts', lang: 'en', reason: SCOPE_WORD },
  { term: 'gamme', lang: 'fr', reason: PRODUCT_SCOPE },
  { term: 'product line', lang: 'en', reason: PRODUCT_SCOPE },
  {
    term: 'nouveau produit',
    lang: 'fr',
    reason: 'Seed 000: « Pénétrer le marché de l’est des États-Unis avec un nouveau produit. »',
  },
  { term: 'new product', lang: 'en', reason: 'Seed 000: « … avec un nouveau produit ».' },
];

/**
 * text/vague-objective — phrases that contain a market word without naming a market: « gagner
 * des parts de marché » is as general as « l’augmentation des ventes » (seed 000). Their words
 * are ignored when looking for a market.
 */
export const NOT_A_MARKET_PHRASES: readonly WordListEntry[] = [
  {
    term: 'part de marché',
    lang: 'fr',
    reason: 'Seed 000: « Évitez les généralités » — a share of an unnamed market names no market.',
  },
  {
    term: 'market share',
    lang: 'en',
    reason: 'Seed 000: avoid generalities — a share of an unnamed market names no market.',
  },
];

/**
 * text/vague-objective — a capitalised word right after one of these prepositions reads as a
 * place or a named segment (« en Bretagne », « au Québec », "in Belgium", "for Acme"), which
 * counts as a market. Ignored when the text is in Title Case (then every word is capitalised).
 */
const PLACE_REASON =
  'Seed 000 names places: « l’est des États-Unis », « le marché ontarien » — a place is a market.';
export const PLACE_PREPOSITIONS: readonly WordListEntry[] = [
  ...['en', 'au', 'aux', 'dans', 'à', 'chez', 'auprès', 'hors', 'vers'].map(
    (term): WordListEntry => ({ term, lang: 'fr', reason: PLACE_REASON }),
  ),
  ...['in', 'into', 'across', 'throughout', 'outside', 'within'].map(
    (term): WordListEntry => ({ term, lang: 'en', reason: PLACE_REASON }),
  ),
];

/** Articles skipped between a place preposition and the place (« dans l’Ouest », "in the Midwest"). */
export const PLACE_ARTICLES: readonly WordListEntry[] = [
  ...['le', 'la', 'les', 'l'].map(
    (term): WordListEntry => ({
      term,
      lang: 'fr',
      reason: 'Seed 000: « le marché de l’est des États-Unis ».',
    }),
  ),
  { term: 'the', lang: 'en', reason: 'An article before a place name ("in the Midwest").' },
];

/**
 * text/strategy-horizon — seed 003: « Une stratégie marketing sur 1 an, ça s’appelle une
 * campagne. Une stratégie sur 10 ans, ça s’appelle de l’astrologie. Autour de 3 ans, c’est
 * l’idéal. » The rule reads an explicit duration: a preposition, a number, a unit.
 */
const HORIZON_REASON =
  'Seed 003: « Une stratégie marketing sur 1 an, ça s’appelle une campagne. Une stratégie sur 10 ans, ça s’appelle de l’astrologie. »';

/** Words before a duration that make it a horizon ("sur 10 ans", "within 6 months"). "depuis"
 * and "for" are left out: « leader depuis 20 ans » is a history, not a horizon. */
export const HORIZON_PREPOSITIONS: readonly WordListEntry[] = [
  ...['sur', 'en', 'dans', 'ici', 'à'].map(
    (term): WordListEntry => ({ term, lang: 'fr', reason: `${HORIZON_REASON} (« sur 1 an »)` }),
  ),
  ...['over', 'within', 'in', 'next', 'a'].map(
    (term): WordListEntry => ({ term, lang: 'en', reason: `${HORIZON_REASON} ("over 1 year")` }),
  ),
];

/** Words allowed between the preposition and the number (« sur les 3 prochaines années »,
 * "over the next 10 years"). */
export const HORIZON_FILLERS: readonly WordListEntry[] = [
  { term: 'les', lang: 'fr', reason: '« sur les 10 prochaines années »' },
  { term: 'the', lang: 'en', reason: '"over the next 10 years"' },
  { term: 'next', lang: 'en', reason: '"over the next 10 years"' },
  { term: 'coming', lang: 'en', reason: '"in the coming 6 months"' },
];

/** Words allowed between the number and the unit (« 10 prochaines années », "10 next years"). */
export const HORIZON_AFTER_NUMBER: readonly WordListEntry[] = [
  ...['prochain', 'prochains', 'prochaine', 'prochaines'].map(
    (term): WordListEntry => ({ term, lang: 'fr', reason: '« les 12 prochaines années »' }),
  ),
  { term: 'next', lang: 'en', reason: '"the 12 next months"' },
  { term: 'coming', lang: 'en', reason: '"the 6 coming months"' },
];

/**
 * A duration that looks back is a history, not a horizon: « créée il y a 10 ans » (the word
 * before the preposition « a »), "founded 10 years ago" (the word after the unit).
 */
export const HORIZON_LOOKING_BACK = {
  before: { term: 'y', lang: 'fr', reason: '« il y a 10 ans » is ten years ago.' },
  after: { term: 'ago', lang: 'en', reason: '"10 years ago" is in the past.' },
} as const satisfies Record<string, WordListEntry>;

/** Numbers written as words in a duration, with their value. */
export const HORIZON_NUMBER_WORDS: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  one: 1,
  a: 1,
  an: 1,
  deux: 2,
  two: 2,
  trois: 3,
  three: 3,
  quatre: 4,
  four: 4,
  cinq: 5,
  five: 5,
  six: 6,
  sept: 7,
  seven: 7,
  huit: 8,
  eight: 8,
  neuf: 9,
  nine: 9,
  dix: 10,
  ten: 10,
  douze: 12,
  twelve: 12,
  quinze: 15,
  fifteen: 15,
  vingt: 20,
  twenty: 20,
};

/** Duration units, in months. */
export const HORIZON_UNITS_IN_MONTHS: Readonly<Record<string, number>> = {
  an: 12,
  ans: 12,
  annee: 12,
  annees: 12,
  year: 12,
  years: 12,
  mois: 1,
  month: 1,
  months: 1,
  semaine: 0.25,
  semaines: 0.25,
  week: 0.25,
  weeks: 0.25,
  jour: 1 / 30,
  jours: 1 / 30,
  day: 1 / 30,
  days: 1 / 30,
};

/** Words that state a ten-year horizon on their own. */
export const DECADE_TERMS: readonly WordListEntry[] = [
  { term: 'décennie', lang: 'fr', reason: HORIZON_REASON },
  { term: 'decade', lang: 'en', reason: HORIZON_REASON },
];

/** A strategy horizon of at most this many months is a campaign (seed 003: « sur 1 an »). */
export const SHORT_HORIZON_MONTHS = 12;
/** A strategy horizon of at least this many months is astrology (seed 003: « sur 10 ans »). */
export const LONG_HORIZON_MONTHS = 120;

/** The lists a term can be left out of, for `NOT_LISTED`. */
export type WordListName =
  | 'TACTIC_TERMS'
  | 'MARKETING_METRIC_TERMS'
  | 'MARKET_TERMS'
  | 'DATE_TERMS';

export interface NotListedEntry extends WordListEntry {
  readonly notIn: WordListName;
}

/**
 * Tempting terms left out on purpose, so a reviewer sees they were considered. A test checks
 * that none of them is on the list it names.
 */
export const NOT_LISTED: readonly NotListedEntry[] = [
  {
    term: 'inbound marketing',
    lang: 'both',
    notIn: 'TACTIC_TERMS',
    reason:
      'Seed 000 questions it as a tactic, but seed 001’s strategy 2 reads « relancez vos activités de marketing entrant »: it is used at the strategy level.',
  },
  {
    term: 'marketing entrant',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: 'Seed 001 strategy 2 (see "inbound marketing").',
  },
  {
    term: 'marketing numérique',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason:
      'Seed 001 strategy 2: « Utilisez le marketing numérique pour réduire votre coût par prospect »; seed 002 is about « une stratégie de marketing numérique ».',
  },
  {
    term: 'digital marketing',
    lang: 'en',
    notIn: 'TACTIC_TERMS',
    reason: 'See « marketing numérique ».',
  },
  {
    term: 'marketing de contenu',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason:
      'Seed 001 speaks of « votre stratégie de marketing de contenu »: too often a strategy name.',
  },
  {
    term: 'content marketing',
    lang: 'en',
    notIn: 'TACTIC_TERMS',
    reason: 'See « marketing de contenu ».',
  },
  {
    term: 'canal',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason:
      'Seed 001 strategy 3 decides « sur quels canaux »: choosing channels is strategic, naming one is tactical.',
  },
  { term: 'channel', lang: 'en', notIn: 'TACTIC_TERMS', reason: 'See « canal ».' },
  {
    term: 'web',
    lang: 'both',
    notIn: 'TACTIC_TERMS',
    reason:
      'Seed 001 strategy 1: « implémentez de nouveaux services Web » — only « site web » is listed.',
  },
  {
    term: 'vidéo',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: 'Seed 003 lists it, but video is also the product line of many firms.',
  },
  {
    term: 'application mobile',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: 'A seed 001 tactic, but for software firms the app is the product itself.',
  },
  {
    term: 'événement',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: 'Too general alone; « marketing événementiel » is listed.',
  },
  {
    term: 'share',
    lang: 'en',
    notIn: 'MARKETING_METRIC_TERMS',
    reason: 'Would catch "market share", a business result; only French « partages » is listed.',
  },
  {
    term: 'reach',
    lang: 'en',
    notIn: 'MARKETING_METRIC_TERMS',
    reason: 'Mostly a verb in objectives ("reach €1M revenue").',
  },
  {
    term: 'abonnés',
    lang: 'fr',
    notIn: 'MARKETING_METRIC_TERMS',
    reason: 'Paying subscribers are revenue; only social and newsletter subscribers are listed.',
  },
  {
    term: 'leads',
    lang: 'en',
    notIn: 'MARKETING_METRIC_TERMS',
    reason: 'Marketing or sales depending on the firm; the seeds do not settle it.',
  },
  {
    term: 'taux de conversion',
    lang: 'fr',
    notIn: 'MARKETING_METRIC_TERMS',
    reason: 'Seed 004 lists it among plan KPIs; a sales conversion rate is a business result.',
  },
  {
    term: 'client',
    lang: 'both',
    notIn: 'MARKET_TERMS',
    reason:
      'Not a market: « Fidéliser nos clients » alone is still vague (seed 000 adds « du secteur untel »).',
  },
  {
    term: 'entreprise',
    lang: 'fr',
    notIn: 'MARKET_TERMS',
    reason: 'Seed 001 objectives say « votre entreprise » (the firm itself), not a segment.',
  },
  {
    term: 'may',
    lang: 'en',
    notIn: 'DATE_TERMS',
    reason: 'The English modal "may" far outnumbers the month.',
  },
  {
    term: 'été',
    lang: 'fr',
    notIn: 'DATE_TERMS',
    reason: 'Also the past participle of « être » (« a été fixé »).',
  },
];
