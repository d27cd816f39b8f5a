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
  /**
   * A false friend: a word that means something else in the other language (« sea » is paid
   * search in French and the sea in English). Matched only in text written in `lang`; other
   * terms are matched whatever the text's language, since workshops mix both (issue 12).
   */
  readonly ownLanguageOnly?: boolean;
  /**
   * Matched as written (accents and case folded), not by stem: for words whose stem is another
   * word's ("influencer" and "influence" share one).
   */
  readonly exactForm?: boolean;
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

const FIELD_ACTION =
  'A field action of marketing or sales, as practitioners write it on a card (issue 12: « porte-à-porte », coupons, samples, calls …): tangible and concrete, so a tactic (seed 000: « Ce qui est tangible, visible, concret sont les tactiques »).';
const PRINT_PROMOTION =
  'A printed promotion piece handed out or dropped in letterboxes: an execution channel (seed 000: « Ce qui est … concret sont les tactiques »).';
const PROMOTION_OFFER =
  'A price or sales promotion (discounts, coupons, flash sales): a lever pulled during execution, like the seed 001 tactics « e-mails de promotion ».';
const EVENT_ACTION =
  'An event a firm runs or attends: seed 001 lists « marketing événementiel » among tactics, seed 000 « participer à des foires commerciales, c’est tactique ».';
const CONTENT_PIECE =
  'A content piece or format (seed 001 tactic 2: « articles de blog »; seed 003: « la vidéo … la page de destination »): it is produced during execution.';
const REGIONAL_QC =
  'Québec French for a channel listed in the seeds (seed 000 and 003 come from Québec: « courriels », « infolettres »).';
const REGIONAL_BE_CH =
  'Belgian or Swiss French name of an unaddressed letterbox drop (France: « imprimé sans adresse »): a print tactic.';
const PHONE_ACTION = 'Phone prospecting is an action of the sales mix, not a choice of market.';
const PR_ACTION = 'A public-relations action, executed once the strategy is chosen.';
const FALSE_FRIEND = 'Checked only in text written in its own language:';

/** `lang` terms for one reason. */
function terms(lang: TermLanguage, reason: string, ...words: string[]): WordListEntry[] {
  return words.map((term) => ({ term, lang, reason }));
}

/**
 * text/tactic-as-strategy: a strategy card whose statement names a channel, a medium or a
 * concrete marketing or sales action. Seed 000: « Tactique : faire les choses correctement
 * (actions) ». Nouns, verbs and derived forms are listed as practitioners write them (« blog »,
 * « bloguer », « blogue », "blogging"); inflections (plurals, conjugations) are folded by the
 * matcher (normalise.ts).
 */
export const TACTIC_TERMS: readonly WordListEntry[] = [
  // Trade shows and events
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
    ownLanguageOnly: true,
    reason: `${TACTIC_SEED_000} On a marketing board « salon » alone means a trade show. ${FALSE_FRIEND} an English "hair salon" is a shop.`,
  },
  ...terms(
    'en',
    TACTIC_SEED_000,
    'trade show',
    'tradeshow',
    'trade fair',
    'home show',
    'boat show',
  ),
  { term: 'expo', lang: 'both', reason: `${TACTIC_SEED_000} (an expo is a trade show)` },
  ...terms('fr', TACTIC_SEED_000, 'exposant', 'kiosque'),
  {
    term: 'exposer',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `${TACTIC_SEED_000} ${FALSE_FRIEND} "expose" is an English verb.`,
  },
  {
    term: 'stand',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `${TACTIC_SEED_000} ${FALSE_FRIEND} "stand out" is English.`,
  },
  ...terms('en', TACTIC_SEED_000, 'exhibit', 'exhibitor', 'booth', 'stand at'),
  { term: 'webinaire', lang: 'fr', reason: 'PRODUCT.md §3 lists webinars among tactic words.' },
  { term: 'webinar', lang: 'both', reason: 'PRODUCT.md §3 lists webinars among tactic words.' },
  { term: 'webdiffusion', lang: 'fr', reason: `${REGIONAL_QC} (a webcast, like a webinar)` },
  { term: 'livestream', lang: 'both', reason: CONTENT_PIECE },
  { term: 'marketing événementiel', lang: 'fr', reason: TACTIC_SEED_001_T3 },
  { term: 'event marketing', lang: 'en', reason: TACTIC_SEED_001_T3 },
  ...terms(
    'fr',
    EVENT_ACTION,
    // « évènement » (1990 spelling) folds to the same words.
    'événement',
    'événementiel',
    'journée portes ouvertes',
    'portes ouvertes',
    'soirée clients',
    'tournée',
    'roadshow',
    'démonstration',
    'dégustation',
    'conférence',
    'congrès',
    'réseautage',
  ),
  ...terms(
    'en',
    EVENT_ACTION,
    'event',
    'open day',
    'open house',
    'roadshow',
    'demo',
    'tasting',
    'meetup',
    'networking',
  ),
  // E-mail, direct marketing, phone and messaging
  { term: 'newsletter', lang: 'both', reason: TACTIC_SEED_001_T2 },
  {
    term: 'infolettre',
    lang: 'fr',
    reason: 'Seed 003: « ne croyez pas que vous enverrez des infolettres à chaque 2 semaines ».',
  },
  { term: 'e-newsletter', lang: 'en', reason: TACTIC_SEED_001_T2 },
  { term: 'courriel', lang: 'fr', reason: TACTIC_SEED_003 },
  { term: 'e-mail', lang: 'both', reason: TACTIC_SEED_001_T1 },
  { term: 'email', lang: 'both', reason: TACTIC_SEED_001_T1 },
  { term: 'emailing', lang: 'both', reason: TACTIC_SEED_001_T2 },
  { term: 'cold email', lang: 'both', reason: TACTIC_SEED_001_T2 },
  { term: 'mailing', lang: 'both', reason: 'A mass mailing is an execution channel (seed 000).' },
  {
    term: 'marketing direct',
    lang: 'fr',
    reason: 'Seed 000 asks « Pourquoi du marketing direct …? » about tactics with no strategy.',
  },
  { term: 'direct mail', lang: 'en', reason: 'Seed 000: « marketing direct » is a tactic.' },
  { term: 'publipostage', lang: 'fr', reason: 'French for direct mail (seed 000).' },
  { term: 'télémarketing', lang: 'fr', reason: PHONE_ACTION },
  { term: 'telemarketing', lang: 'en', reason: PHONE_ACTION },
  { term: 'cold calling', lang: 'both', reason: PHONE_ACTION },
  { term: 'cold call', lang: 'both', reason: PHONE_ACTION },
  { term: 'phoning', lang: 'fr', reason: PHONE_ACTION },
  { term: 'appel à froid', lang: 'fr', reason: PHONE_ACTION },
  { term: 'prospection téléphonique', lang: 'fr', reason: PHONE_ACTION },
  { term: 'relance téléphonique', lang: 'fr', reason: PHONE_ACTION },
  ...terms(
    'fr',
    PHONE_ACTION,
    'appeler chaque',
    'appeler les',
    'appeler nos',
    'appeler tous',
    'appels sortants',
  ),
  ...terms(
    'en',
    PHONE_ACTION,
    'call every',
    'call each',
    'call all',
    'call back',
    'phone call',
    'sales call',
  ),
  { term: 'sms', lang: 'both', reason: 'A messaging channel.' },
  { term: 'texto', lang: 'fr', reason: `${REGIONAL_QC} A texto is an SMS.` },
  { term: 'text message', lang: 'en', reason: 'A messaging channel (SMS).' },
  {
    term: 'text',
    lang: 'en',
    ownLanguageOnly: true,
    reason: `"Text abandoned-cart reminders": texting is a messaging channel. ${FALSE_FRIEND} in French « texte » is any text.`,
  },
  { term: 'whatsapp', lang: 'both', reason: CHANNEL_NAME },
  { term: 'clavardage', lang: 'fr', reason: `${REGIONAL_QC} « Clavardage » is live chat.` },
  { term: 'clavarder', lang: 'fr', reason: `${REGIONAL_QC} « Clavarder » is to chat online.` },
  { term: 'chat en direct', lang: 'fr', reason: 'Live chat on a site is a contact channel.' },
  { term: 'live chat', lang: 'both', reason: 'Live chat on a site is a contact channel.' },
  { term: 'chatbot', lang: 'both', reason: 'A contact channel on a site.' },
  // Search and advertising
  { term: 'seo', lang: 'both', reason: TACTIC_SEED_001_T2 },
  {
    term: 'sea',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `French marketers’ name for paid search, the twin of SEO (seed 001 « recherche payée »). ${FALSE_FRIEND} in English it is the sea.`,
  },
  { term: 'sem', lang: 'en', reason: 'Search-engine marketing (seed 001 « recherche payée »).' },
  {
    term: 'ppc',
    lang: 'both',
    reason: 'Pay-per-click advertising (seed 001 « recherche payée »).',
  },
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
  { term: 'mots-clés', lang: 'fr', reason: 'Keyword targeting is seed 001’s SEO tactic.' },
  { term: 'keywords', lang: 'en', reason: 'Keyword targeting is seed 001’s SEO tactic.' },
  { term: 'google ads', lang: 'both', reason: CHANNEL_NAME },
  { term: 'adwords', lang: 'both', reason: CHANNEL_NAME },
  { term: 'meta ads', lang: 'both', reason: CHANNEL_NAME },
  { term: 'publicité', lang: 'fr', reason: TACTIC_SEED_003 },
  {
    term: 'publicitaire',
    lang: 'fr',
    reason: `${TACTIC_SEED_003} (the adjective of « publicité »)`,
  },
  {
    term: 'pub',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `Everyday French for « publicité » (seed 003). ${FALSE_FRIEND} an English pub is a bar.`,
  },
  { term: 'réclame', lang: 'fr', reason: 'Belgian and Swiss French for an advertisement.' },
  { term: 'annonce', lang: 'fr', reason: 'A paid advertisement (« petites annonces »).' },
  {
    term: 'spot',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `A radio or TV commercial (seed 003 « la publicité »). ${FALSE_FRIEND} "spot" is an English verb.`,
  },
  ...terms('en', 'A radio or TV commercial (seed 003 « la publicité »).', 'tv spot', 'radio spot'),
  { term: 'advertising', lang: 'both', reason: TACTIC_SEED_001_T3 },
  { term: 'advertise', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'advertisement', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'ads', lang: 'both', reason: TACTIC_SEED_001_T3 },
  {
    term: 'ad',
    lang: 'en',
    ownLanguageOnly: true,
    reason: `${TACTIC_SEED_001_T3} ${FALSE_FRIEND} in French « ad » only appears in Latin phrases.`,
  },
  { term: 'ad campaign', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'advert', lang: 'en', reason: TACTIC_SEED_001_T3 },
  { term: 'display ads', lang: 'both', reason: TACTIC_SEED_001_T3 },
  {
    term: 'retargeting',
    lang: 'both',
    reason: 'An advertising technique (seed 001 « publicités »).',
  },
  { term: 'retarget', lang: 'en', reason: 'An advertising technique (seed 001 « publicités »).' },
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
  { term: 'panneau-réclame', lang: 'fr', reason: `${REGIONAL_QC} (a billboard)` },
  { term: 'affichage', lang: 'fr', reason: 'Poster advertising (« campagne d’affichage »).' },
  { term: 'affiche', lang: 'fr', reason: 'Poster advertising.' },
  {
    term: 'poster',
    lang: 'en',
    ownLanguageOnly: true,
    reason: `Poster advertising. ${FALSE_FRIEND} « poster » is a French verb too (listed on its own).`,
  },
  { term: 'radio', lang: 'both', reason: 'A paid advertising medium (seed 003 « la publicité »).' },
  { term: 'télévision', lang: 'fr', reason: 'A paid advertising medium.' },
  { term: 'télé', lang: 'fr', reason: 'A paid advertising medium.' },
  { term: 'tv', lang: 'both', reason: 'A paid advertising medium.' },
  { term: 'infopublicité', lang: 'fr', reason: `${REGIONAL_QC} (an infomercial)` },
  { term: 'publireportage', lang: 'fr', reason: 'An advertorial (Québec, Switzerland).' },
  { term: 'advertorial', lang: 'en', reason: 'A paid article, an advertising format.' },
  // Printed promotion and letterbox drops
  ...terms('both', PRINT_PROMOTION, 'flyer', 'brochure', 'flyering'),
  ...terms('fr', PRINT_PROMOTION, 'dépliant', 'prospectus', 'tract', 'boîtes aux lettres'),
  ...terms('en', PRINT_PROMOTION, 'leaflet', 'letterbox', 'mailbox'),
  { term: 'circulaire', lang: 'fr', reason: `${REGIONAL_QC} A « circulaire » is a retail flyer.` },
  { term: 'toutes-boîtes', lang: 'fr', reason: REGIONAL_BE_CH },
  { term: 'tous-ménages', lang: 'fr', reason: REGIONAL_BE_CH },
  {
    term: 'folder',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `Belgian French for a leaflet. ${FALSE_FRIEND} an English folder holds files.`,
  },
  { term: 'goodies', lang: 'both', reason: 'Promotional giveaways handed out at a stand.' },
  { term: 'swag', lang: 'en', reason: 'Promotional giveaways handed out at a booth.' },
  { term: 'objets publicitaires', lang: 'fr', reason: 'Promotional giveaways.' },
  {
    term: 'plv',
    lang: 'fr',
    reason: 'Point-of-sale advertising (publicité sur le lieu de vente).',
  },
  // Field actions of sales
  ...terms(
    'fr',
    FIELD_ACTION,
    'porte-à-porte',
    'street marketing',
    'vente-trottoir',
    'sollicitation',
  ),
  ...terms(
    'en',
    FIELD_ACTION,
    'door-to-door',
    'knock on doors',
    'canvassing',
    'canvass',
    'street marketing',
  ),
  ...terms('fr', FIELD_ACTION, 'échantillon', 'échantillonnage'),
  ...terms('en', FIELD_ACTION, 'sample', 'sampling', 'free sample'),
  ...terms('fr', FIELD_ACTION, 'concours', 'jeu-concours', 'tirage au sort'),
  ...terms('en', FIELD_ACTION, 'contest', 'giveaway', 'sweepstakes', 'prize draw'),
  ...terms('fr', FIELD_ACTION, 'parrainage', 'programme de parrainage', 'programme de référence'),
  ...terms('en', FIELD_ACTION, 'referral', 'referral programme', 'referral program'),
  ...terms('fr', FIELD_ACTION, 'boutique éphémère', 'magasin éphémère'),
  ...terms('both', FIELD_ACTION, 'pop-up store', 'pop-up shop', 'pop-up'),
  ...terms('fr', FIELD_ACTION, 'carte de fidélité', 'programme de fidélité'),
  ...terms(
    'en',
    FIELD_ACTION,
    'loyalty card',
    'loyalty programme',
    'loyalty program',
    'loyalty scheme',
  ),
  ...terms('fr', FIELD_ACTION, 'tête de gondole', 'merchandising'),
  ...terms('en', FIELD_ACTION, 'window display', 'endcap'),
  ...terms('fr', FIELD_ACTION, 'avis clients', 'avis google'),
  ...terms('en', FIELD_ACTION, 'google reviews', 'customer reviews', 'online reviews'),
  // Price and sales promotions
  ...terms(
    'fr',
    PROMOTION_OFFER,
    'coupon',
    'code promo',
    'bon de réduction',
    'soldes',
    'promotion',
    'promo',
    'rabais',
    'ristourne',
    'aubaine',
    'vente flash',
    'essai gratuit',
  ),
  ...terms('en', PROMOTION_OFFER, 'trial', 'day trial'),
  ...terms(
    'en',
    PROMOTION_OFFER,
    'coupon',
    'voucher',
    'discount',
    'promo code',
    'flash sale',
    'black friday',
    'free trial',
    'money-off',
    'cashback',
    'bogo',
  ),
  // Public relations and influence
  { term: 'communiqué de presse', lang: 'fr', reason: PR_ACTION },
  { term: 'relations presse', lang: 'fr', reason: PR_ACTION },
  { term: 'press release', lang: 'en', reason: PR_ACTION },
  { term: 'sponsoring', lang: 'both', reason: 'Sponsoring an event is an action.' },
  { term: 'sponsor', lang: 'both', reason: 'Sponsoring an event is an action.' },
  { term: 'sponsoriser', lang: 'fr', reason: 'Sponsoring an event is an action.' },
  { term: 'sponsorisé', lang: 'fr', reason: 'Sponsored content is paid promotion.' },
  { term: 'sponsorship', lang: 'en', reason: 'Sponsoring an event is an action.' },
  { term: 'sponsored', lang: 'en', reason: 'Sponsored content is paid promotion.' },
  {
    term: 'commandite',
    lang: 'fr',
    reason: 'Québec French for sponsoring (seed 000 is from Québec).',
  },
  { term: 'commanditer', lang: 'fr', reason: `${REGIONAL_QC} « Commanditer » is to sponsor.` },
  { term: 'commanditaire', lang: 'fr', reason: `${REGIONAL_QC} A « commanditaire » is a sponsor.` },
  { term: 'mécénat', lang: 'fr', reason: 'Sponsoring a cause is an action.' },
  { term: 'influenceur', lang: 'fr', reason: 'Influencer campaigns are a social-media tactic.' },
  {
    term: 'marketing d’influence',
    lang: 'fr',
    reason: 'Influencer marketing as French marketers name it; a social-media tactic.',
  },
  { term: 'influencer marketing', lang: 'en', reason: 'See « marketing d’influence ».' },
  { term: 'youtubeur', lang: 'fr', reason: 'A YouTube influencer: an influencer campaign.' },

  ...(['influenceuse', 'influenceuses'] as const).map(
    (term): WordListEntry => ({
      term,
      lang: 'fr',
      exactForm: true,
      reason:
        'Influencer campaigns are a social-media tactic. Matched as written: its French stem is the stem of « influence ».',
    }),
  ),
  ...(['influencer', 'influencers'] as const).map(
    (term): WordListEntry => ({
      term,
      lang: 'en',
      ownLanguageOnly: true,
      exactForm: true,
      reason: `Influencer campaigns are a social-media tactic. ${FALSE_FRIEND} « influencer » is also the French verb "to influence"; matched as written, since its stem is the verb "influence".`,
    }),
  ),
  {
    term: 'influencer marketing',
    lang: 'both',
    reason: 'Influencer campaigns are a social-media tactic.',
  },
  {
    term: 'créateurs de contenu',
    lang: 'fr',
    reason: 'Influencer campaigns are a social-media tactic.',
  },
  {
    term: 'ambassadeurs',
    lang: 'fr',
    reason: 'Brand-ambassador programmes are influence tactics.',
  },
  { term: 'growth hacking', lang: 'both', reason: 'A bag of acquisition tricks, all execution.' },
  // Content and social
  ...terms('both', TACTIC_SEED_001_T2, 'blog', 'blogging', 'blogger'),
  ...terms('fr', TACTIC_SEED_001_T2, 'bloguer', 'blogue', 'blogueur', 'billet de blogue'),
  {
    term: 'billet de blog',
    lang: 'fr',
    reason:
      'Seed 001: « Un fournisseur SaaS écrit des centaines de billets de blog … aucun gain commercial. »',
  },
  { term: 'blog post', lang: 'en', reason: TACTIC_SEED_001_T2 },
  { term: 'article de blog', lang: 'fr', reason: TACTIC_SEED_001_T2 },
  { term: 'podcast', lang: 'both', reason: 'A content channel, like the blog (seed 001).' },
  { term: 'podcasting', lang: 'both', reason: 'A content channel, like the blog (seed 001).' },
  { term: 'balado', lang: 'fr', reason: `${REGIONAL_QC} A « balado » is a podcast.` },
  {
    term: 'baladodiffusion',
    lang: 'fr',
    reason: `${REGIONAL_QC} « Baladodiffusion » is podcasting.`,
  },
  {
    term: 'publication',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `Seed 003: « Un ou deux courriels. Quelques publications. » — posts are execution. ${FALSE_FRIEND} an English "trade publication" is a magazine.`,
  },
  {
    term: 'publier',
    lang: 'fr',
    reason: 'Seed 003 « publications »: publishing posts or pieces is execution.',
  },
  {
    term: 'publish',
    lang: 'en',
    reason: 'Seed 003 « publications »: publishing posts or pieces is execution.',
  },
  {
    term: 'poster',
    lang: 'fr',
    ownLanguageOnly: true,
    reason: `Seed 003 « publications »: « poster » on a network is execution. ${FALSE_FRIEND} an English poster is listed on its own.`,
  },
  {
    term: 'post',
    lang: 'en',
    ownLanguageOnly: true,
    reason: `Seed 003 « publications » — posts are execution. ${FALSE_FRIEND} (« poste » is a job in French).`,
  },
  { term: 'social post', lang: 'en', reason: 'Seed 003 « publications » — posts are execution.' },
  { term: 'tweet', lang: 'both', reason: `${CHANNEL_NAME} (a post on X/Twitter)` },
  { term: 'tweeter', lang: 'fr', reason: `${CHANNEL_NAME} (to post on X/Twitter)` },
  { term: 'réseaux sociaux', lang: 'fr', reason: TACTIC_SEED_001_T3 },
  { term: 'médias sociaux', lang: 'fr', reason: TACTIC_SEED_001_T1 },
  { term: 'social media', lang: 'en', reason: TACTIC_SEED_001_T1 },
  ...terms(
    'both',
    CHANNEL_NAME,
    'facebook',
    'instagram',
    'insta',
    'linkedin',
    'tiktok',
    'twitter',
    'youtube',
    'pinterest',
    'snapchat',
    'twitch',
    'spotify',
  ),
  ...terms(
    'fr',
    CONTENT_PIECE,
    'vidéos tutoriels',
    'tutoriel',
    'livre blanc',
    'étude de cas',
    'ebook',
    'e-book',
  ),
  ...terms(
    'en',
    CONTENT_PIECE,
    'how-to videos',
    'tutorial',
    'white paper',
    'whitepaper',
    'case study',
    'ebook',
    'e-book',
  ),
  // Web pages and automation
  { term: 'site web', lang: 'fr', reason: TACTIC_SEED_001_T1 },
  { term: 'site internet', lang: 'fr', reason: TACTIC_SEED_001_T1 },
  { term: 'website', lang: 'en', reason: TACTIC_SEED_001_T1 },
  { term: 'page de destination', lang: 'fr', reason: TACTIC_SEED_003 },
  {
    term: 'page d’atterrissage',
    lang: 'fr',
    reason: `${TACTIC_SEED_003} (Québec: « page d’atterrissage »)`,
  },
  { term: 'landing page', lang: 'both', reason: TACTIC_SEED_003 },
  { term: 'marketing automation', lang: 'both', reason: TACTIC_SEED_003 },
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

const CHANNEL_OBJECTIVE =
  'Seed 001: « Obtenir plus d’engagement sur les médias sociaux est également un objectif marketing » — an objective about a channel’s audience (its subscribers, fans, views) is a marketing objective.';

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
    ownLanguageOnly: true,
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
  {
    term: 'awareness',
    lang: 'en',
    reason: `${AUDIENCE_METRIC} Awareness is the classic marketing objective.`,
  },
  {
    term: 'faire connaître',
    lang: 'fr',
    reason: `${AUDIENCE_METRIC} « Faire connaître la marque » is awareness.`,
  },
  ...terms('fr', MARKETING_SEED_001_TRAFFIC, 'visite', 'nombre de vues', 'vues sur'),
  ...terms('en', MARKETING_SEED_001_TRAFFIC, 'visits', 'views on', 'video views'),
  ...terms(
    'both',
    CHANNEL_OBJECTIVE,
    'facebook',
    'instagram',
    'linkedin',
    'youtube',
    'tiktok',
    'twitter',
    'pinterest',
    'snapchat',
  ),
  ...terms('fr', CHANNEL_OBJECTIVE, 'infolettre', 'chaîne youtube'),
  ...terms('en', CHANNEL_OBJECTIVE, 'social channels', 'youtube channel'),
  { term: 'newsletter', lang: 'both', reason: CHANNEL_OBJECTIVE },
  {
    term: 'subscribers',
    lang: 'en',
    ownLanguageOnly: true,
    reason: `${MARKETING_SEED_001_ENGAGEMENT} Paying subscribers name a business result (« payant », "paying"), which silences the rule.`,
  },
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
  { term: 'paid', lang: 'en', reason: 'Paid subscriptions are revenue, not audience.' },
  { term: 'order', lang: 'en', reason: BUSINESS_SEED_001 },
  { term: 'arr', lang: 'en', reason: `${BUSINESS_SEED_004} (annual recurring revenue)` },
  { term: 'mrr', lang: 'en', reason: `${BUSINESS_SEED_004} (monthly recurring revenue)` },
  { term: 'conversion en clients', lang: 'fr', reason: BUSINESS_SEED_001 },
];

/**
 * text/vague-objective and text/objective-incomplete — words that count as a figure besides
 * digits and the numbers written as words (NUMBER_WORDS): multipliers and percentages. Seed
 * 000's precise example: « Doubler le nombre d’unités vendues ».
 */
const FIGURE_WORD = 'A figure written as a word (seed 000: « Soyez précis »).';
export const FIGURE_TERMS: readonly WordListEntry[] = [
  ...terms('fr', FIGURE_WORD, 'moitié', 'pourcent', 'pour cent', 'multiplier par', 'quadrupler'),
  ...terms('en', FIGURE_WORD, 'half', 'twice', 'percent', 'per cent', 'quadruple', 'tenfold'),
  { term: 'doubler', lang: 'fr', reason: 'Seed 000: « Doubler le nombre d’unités vendues ».' },
  { term: 'tripler', lang: 'fr', reason: 'A multiplier, like seed 000’s « Doubler ».' },
  { term: 'double', lang: 'both', reason: 'Seed 000: « Doubler le nombre d’unités vendues ».' },
  { term: 'triple', lang: 'both', reason: 'A multiplier, like seed 000’s « Doubler ».' },
  {
    term: 'numéro un',
    lang: 'fr',
    reason: 'A rank is a figure: « Devenir numéro un au Québec d’ici 2030 » says how much.',
  },
  { term: 'number one', lang: 'en', reason: 'A rank is a figure (see « numéro un »).' },
];

/**
 * text/vague-objective and text/objective-incomplete — what dates an objective: a deadline
 * (« d’ici juin 2027 », "by Q3", « cette année ») or a duration (« en 18 mois », "within two
 * years"). Years (1990–2099), quarter labels (T3, Q3, S1, H2, FY27) and day numbers next to a
 * month are read by pattern in text-rules.ts. A rate (« annuel », "monthly", « par mois ») is
 * not a deadline: « Augmenter le CA annuel » still says neither by when nor how much.
 */
const DEADLINE_WORD =
  'A deadline: seed 000’s precise example is dated (« Doubler le nombre d’unités vendues cette année … »), and « Soyez précis » asks by when.';
export const MONTH_TERMS: readonly WordListEntry[] = [
  ...terms(
    'fr',
    DEADLINE_WORD,
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
  ),
  ...terms(
    'en',
    DEADLINE_WORD,
    'january',
    'february',
    'april',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ),
  {
    term: 'march',
    lang: 'en',
    ownLanguageOnly: true,
    reason: `${DEADLINE_WORD} Only in English text: a French « march » is a misspelt « marché ».`,
  },
];

export const DEADLINE_PHRASES: readonly WordListEntry[] = [
  ...terms(
    'fr',
    DEADLINE_WORD,
    'cette année',
    'l’an prochain',
    'l’année prochaine',
    'année prochaine',
    'fin d’année',
    'fin de l’année',
    'fin de l’exercice',
    'ce trimestre',
    'trimestre prochain',
    'prochain trimestre',
    'fin du trimestre',
    'ce semestre',
    'semestre prochain',
    'prochain semestre',
    'ce mois-ci',
    'mois prochain',
    'rentrée',
    'printemps',
    'cet été',
    'l’été',
    'automne',
    'hiver',
    'noël',
    'échéance',
  ),
  ...terms(
    'en',
    DEADLINE_WORD,
    'this year',
    'next year',
    'end of the year',
    'end of year',
    'year end',
    'this quarter',
    'next quarter',
    'end of the quarter',
    'end of quarter',
    'this half',
    'next half',
    'this month',
    'next month',
    'spring',
    'summer',
    'autumn',
    'winter',
    'christmas',
    'deadline',
  ),
];

/** Duration units: a number before one of these is a duration (a deadline), not a figure. */
export const TIME_UNITS_IN_MONTHS: Readonly<Record<string, number>> = {
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
  trimestre: 3,
  trimestres: 3,
  quarter: 3,
  quarters: 3,
};

/**
 * Numbers written as words, with their value: a figure in an objective (seed 000 « Soyez
 * précis »), or the count of a duration (« d’ici trois ans »). Belgian and Swiss French count
 * « septante » (70), « huitante » / « octante » (80), « nonante » (90). "un/une/one/a" are only
 * counts before a unit (« en un an »): alone they are articles.
 */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
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
  onze: 11,
  eleven: 11,
  douze: 12,
  twelve: 12,
  quinze: 15,
  fifteen: 15,
  dixhuit: 18,
  eighteen: 18,
  vingt: 20,
  twenty: 20,
  trente: 30,
  thirty: 30,
  quarante: 40,
  forty: 40,
  cinquante: 50,
  fifty: 50,
  soixante: 60,
  sixty: 60,
  septante: 70,
  seventy: 70,
  huitante: 80,
  octante: 80,
  eighty: 80,
  nonante: 90,
  ninety: 90,
  cent: 100,
  hundred: 100,
  mille: 1000,
  thousand: 1000,
  million: 1e6,
  millions: 1e6,
  milliard: 1e9,
  billion: 1e9,
  dozen: 12,
  douzaine: 12,
};

/** Articles that count as "one" only before a duration unit (« en un an », "in a year"). */
export const ONE_BEFORE_A_UNIT: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  one: 1,
  a: 1,
  an: 1,
};

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

const SEGMENT_WORD =
  'A kind of customer names a segment (seed 004: « Public cible : la version détaillée de vos segments de marché »), the « où » of seed 002.';

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
  ...terms(
    'fr',
    SEGMENT_WORD,
    'grand public',
    'particuliers',
    'professionnels',
    'familles',
    'parents',
    'jeunes',
    'seniors',
    'étudiants',
    'artisans',
    'commerçants',
    'détaillants',
    'revendeurs',
    'distributeurs',
    'restaurants',
    'restaurateurs',
    'hôpitaux',
    'cliniques',
    'pharmacies',
    'écoles',
    'collectivités',
    'municipalités',
    'architectes',
    'agriculteurs',
    'fermes',
    'startups',
    'copropriétés',
    'cabinets',
    'concessionnaires',
    'hôtels',
    'grossistes',
  ),
  ...terms(
    'en',
    SEGMENT_WORD,
    'consumers',
    'households',
    'families',
    'parents',
    'students',
    'seniors',
    'tradespeople',
    'retailers',
    'resellers',
    'distributors',
    'restaurants',
    'hospitals',
    'clinics',
    'pharmacies',
    'schools',
    'local authorities',
    'municipalities',
    'architects',
    'farmers',
    'farms',
    'startups',
    'condominiums',
    'practices',
    'dealerships',
    'hotels',
    'wholesalers',
    'enterprises',
  ),
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
  ...['sur', 'en', 'dans', 'ici', 'à', 'pendant', 'durant'].map(
    (term): WordListEntry => ({ term, lang: 'fr', reason: `${HORIZON_REASON} (« sur 1 an »)` }),
  ),
  ...['over', 'within', 'in', 'next', 'a', 'for', 'during'].map(
    (term): WordListEntry => ({ term, lang: 'en', reason: `${HORIZON_REASON} ("over 1 year")` }),
  ),
];

/**
 * Prepositions that only look forward (« d’ici 15 ans », "within 12 months", "the next 10
 * years"): a duration after them is a horizon even after a history word — « Devenir leader
 * d’ici 15 ans » is not "a leader for 15 years".
 */
export const HORIZON_FORWARD_PREPOSITIONS: readonly WordListEntry[] = [
  ...terms('fr', 'Only a deadline follows « d’ici ».', 'ici'),
  ...terms('en', 'Only a span to come follows them.', 'within', 'next'),
];

/**
 * A duration after one of these (within four words) tells a history, not a horizon ("a leader
 * for 20 years", « inactif depuis six mois »); otherwise it is a span ("run ads for three
 * months", « pendant 6 mois »).
 */
export const HISTORY_BEFORE_FOR: readonly WordListEntry[] = [
  ...terms(
    'en',
    '"A leader for 20 years in Ontario" is a history, not a horizon; so is "has not ordered in six months".',
    'leader',
    'been',
    'established',
    'trading',
    'operating',
    'existed',
    'experience',
    'known',
    'business',
    'not',
    'never',
    'since',
    'last',
  ),
  ...terms(
    'fr',
    '« n’a pas commandé depuis six mois » is a history, not a horizon.',
    'pas',
    'jamais',
    'depuis',
    'derniers',
    'dernières',
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

/** Words that state a ten-year horizon on their own. The number words and units of a duration
 * are NUMBER_WORDS, ONE_BEFORE_A_UNIT and TIME_UNITS_IN_MONTHS above. */
export const DECADE_TERMS: readonly WordListEntry[] = [
  { term: 'décennie', lang: 'fr', reason: HORIZON_REASON },
  { term: 'decade', lang: 'en', reason: HORIZON_REASON },
];

/** A strategy horizon of at most this many months is a campaign (seed 003: « sur 1 an »). */
export const SHORT_HORIZON_MONTHS = 12;
/** A strategy horizon of at least this many months is astrology (seed 003: « sur 10 ans »). */
export const LONG_HORIZON_MONTHS = 120;

/**
 * text/tactic-as-strategy — a strategy's head is its main clause, up to the first of these
 * markers (or a comma, colon, semicolon, dash or bracket): what follows says *how*. « Pénétrer
 * le marché allemand avec des webinaires » chooses a market and names the channel it will use.
 */
const HOW_REASON =
  'Seed 002: « La stratégie est le quoi, le pourquoi et le où. Les tactiques sont la façon dont vous allez réaliser la stratégie » — the words after these markers say how.';
export const HOW_MARKERS: readonly WordListEntry[] = [
  ...terms(
    'fr',
    HOW_REASON,
    'avec',
    'via',
    'par',
    'grâce à',
    'grâce au',
    'grâce aux',
    'au moyen de',
    'à l’aide de',
    'en s’appuyant sur',
    'appuyé par',
    'appuyée par',
    'relayé par',
    'relayée par',
    'à travers',
    'au travers de',
    'en utilisant',
    'fondé sur',
    'fondée sur',
    'basé sur',
    'basée sur',
  ),
  ...terms(
    'en',
    HOW_REASON,
    'with',
    'via',
    'through',
    'by',
    'using',
    'thanks to',
    'backed by',
    'promoted at',
    'promoted through',
    'powered by',
    'built on',
    'based on',
    'relying on',
  ),
];

/**
 * text/tactic-as-strategy — verbs that make a strategy's head a choice of market, segment or
 * position (seed 000: « La stratégie, l’intention, serait de développer un nouveau territoire
 * géographique ou un nouveau marché »; 002, Porter: « choisir ce qu’il ne faut pas faire »).
 * `segment` verbs choose a market by themselves (« Cibler les cliniques … »); `position` verbs
 * need a position noun (« Devenir la référence … », not « Devenir présents sur TikTok »);
 * `choice` verbs need a market, segment or position word in the head (« Conquérir les PME
 * wallonnes », not « Gagner des clients »); `trade` verbs choose what the firm does, so what
 * follows them is its trade, not a tactic (« Se spécialiser dans l’organisation de salons »,
 * "Specialise in trade show logistics").
 */
export type ChoiceKind = 'segment' | 'position' | 'choice' | 'trade';
export interface ChoiceVerb extends WordListEntry {
  readonly kind: ChoiceKind;
}
const CHOICE_REASON =
  'Seed 000: « Faire des choix … il faut choisir ce que l’on fera ou pas »; a strategy chooses a market, a segment or a position.';
function choiceVerbs(kind: ChoiceKind, lang: TermLanguage, ...words: string[]): ChoiceVerb[] {
  return words.map((term) => ({ term, lang, kind, reason: CHOICE_REASON }));
}
export const CHOICE_VERBS: readonly ChoiceVerb[] = [
  ...choiceVerbs('trade', 'fr', 'se spécialiser', 'nous spécialiser', 'spécialiser'),
  ...choiceVerbs('trade', 'en', 'specialise', 'specialize'),
  ...choiceVerbs(
    'segment',
    'fr',
    'pénétrer',
    'cibler',
    'viser',
    's’implanter',
    'implanter',
    's’adresser',
    'entrer sur',
    'entrer dans',
  ),
  ...choiceVerbs(
    'segment',
    'en',
    'penetrate',
    'target',
    'enter',
    'break into',
    'expand into',
    'move into',
    'aim at',
  ),
  ...choiceVerbs(
    'position',
    'fr',
    'devenir',
    'être',
    'rester',
    'se positionner',
    'positionner',
    'nous positionner',
    's’imposer',
    'incarner',
  ),
  ...choiceVerbs('position', 'en', 'become', 'be', 'remain', 'position', 'establish', 'own'),
  ...choiceVerbs(
    'choice',
    'fr',
    'conquérir',
    'reconquérir',
    'gagner',
    'attaquer',
    'servir',
    'équiper',
    'séduire',
    'se concentrer',
    'nous concentrer',
    'se focaliser',
    'miser',
    'privilégier',
    'choisir',
    'abandonner',
    'monter en gamme',
    's’étendre',
    'étendre',
    'élargir',
    'développer',
    'accompagner',
  ),
  ...choiceVerbs(
    'choice',
    'en',
    'conquer',
    'win',
    'win over',
    'win back',
    'serve',
    'equip',
    'focus',
    'bet',
    'favour',
    'favor',
    'choose',
    'drop',
    'move upmarket',
    'expand',
    'extend',
    'grow',
  ),
];

/** text/tactic-as-strategy — what a firm can choose to be (after a `position` verb). */
const POSITION_REASON =
  'Seed 001 strategy: « Un marketing stratégie est un plan de jeu de haut niveau pour savoir comment vous allez toucher un public cible » — choosing a position in a market.';
export const POSITION_NOUNS: readonly WordListEntry[] = [
  ...terms(
    'fr',
    POSITION_REASON,
    'référence',
    'leader',
    'chef de file',
    'spécialiste',
    'expert',
    'partenaire',
    'fournisseur',
    'agence',
    'marque',
    'choix',
    'alternative',
    'incontournable',
    'champion',
    'numéro un',
    'premier',
    'première',
  ),
  ...terms(
    'en',
    POSITION_REASON,
    'reference',
    'leader',
    'leading',
    'go-to',
    'specialist',
    'expert',
    'partner',
    'supplier',
    'provider',
    'agency',
    'brand',
    'choice',
    'alternative',
    'champion',
    'number one',
    'first',
    'default',
  ),
  ...terms(
    'both',
    POSITION_REASON,
    'standard',
    'premium',
    'haut de gamme',
    'upmarket',
    'low cost',
    'low-cost',
  ),
];

/**
 * text/tactic-as-strategy — phrases that hold a tactic word without naming a tactic; their words
 * are ignored when looking for one.
 */
export const NOT_A_TACTIC_PHRASES: readonly WordListEntry[] = [
  {
    term: 'appel d’offres',
    lang: 'fr',
    reason: 'Answering calls for tenders is a choice of market (public buyers), not a phone call.',
  },
  { term: 'call for tenders', lang: 'en', reason: 'See « appel d’offres ».' },
  { term: 'marché public', lang: 'fr', reason: 'Public procurement is a market, not an ad.' },
  { term: 'public sector', lang: 'en', reason: 'A market, not a channel.' },
  { term: 'clinical trial', lang: 'en', reason: 'A clinical trial is research, not a free trial.' },
  { term: 'essai clinique', lang: 'fr', reason: 'A clinical trial is research, not a free trial.' },
];

/**
 * card/plan-without-kpi and card/plan-incomplete — what people type in a plan field when they
 * have nothing to put there yet: it counts as blank (issue 12). Values with no letter or digit
 * at all (« ? », « - », « … », « — ») are placeholders too.
 */
const PLACEHOLDER_REASON =
  'Seed 001 asks a plan to decide « quels indicateurs de performance clés (KPI) vous utiliserez »; « à définir » is a decision not yet taken.';
export const PLACEHOLDERS: readonly WordListEntry[] = [
  ...terms(
    'fr',
    PLACEHOLDER_REASON,
    'à définir',
    'à déterminer',
    'à venir',
    'à confirmer',
    'à compléter',
    'à préciser',
    'à voir',
    'à fixer',
    'en attente',
    'en cours',
    'inconnu',
    'non défini',
    'non définie',
    'nd',
    'nc',
    'néant',
    'aucun',
    'aucune',
    'rien',
    'personne',
  ),
  ...terms(
    'en',
    PLACEHOLDER_REASON,
    'tbd',
    'tbc',
    'tba',
    'todo',
    'to do',
    'to be defined',
    'to be determined',
    'to be confirmed',
    'n a',
    'na',
    'none',
    'nobody',
    'unknown',
    'pending',
    'later',
  ),
  ...terms('both', PLACEHOLDER_REASON, 'x', 'xx', 'xxx'),
];

/**
 * Words that tell which language a card is written in, so a false friend (`ownLanguageOnly`)
 * is only matched in its own language: frequent short words of each language that are not
 * words of the other.
 */
const HINT_REASON = 'A frequent word of this language that the other language does not use.';
export const LANGUAGE_HINTS: readonly WordListEntry[] = [
  ...terms(
    'fr',
    HINT_REASON,
    'le',
    'la',
    'les',
    'l',
    'des',
    'du',
    'de',
    'd',
    'un',
    'une',
    'et',
    'pour',
    'sur',
    'avec',
    'nos',
    'notre',
    'nous',
    'vos',
    'votre',
    'au',
    'aux',
    'en',
    'dans',
    'chez',
    'par',
    'plus',
    'chaque',
    'tous',
    'toutes',
    'faire',
    'être',
    'est',
    'qui',
    'se',
    's',
  ),
  ...terms(
    'en',
    HINT_REASON,
    'the',
    'an',
    'and',
    'for',
    'with',
    'our',
    'we',
    'your',
    'to',
    'of',
    'in',
    'on',
    'at',
    'by',
    'into',
    'from',
    'every',
    'each',
    'more',
    'all',
    'who',
    'is',
    'be',
    'it',
  ),
];

/** The lists a term can be left out of, for `NOT_LISTED`. */
export type WordListName =
  | 'TACTIC_TERMS'
  | 'MARKETING_METRIC_TERMS'
  | 'MARKET_TERMS'
  | 'MONTH_TERMS'
  | 'DEADLINE_PHRASES';

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
    term: 'catalogue',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason:
      'Seed 003 lists « UNE page de catalogue » as execution, but « élargir le catalogue » is a product decision.',
  },
  { term: 'catalog', lang: 'en', notIn: 'TACTIC_TERMS', reason: 'See « catalogue ».' },
  {
    term: 'vitrine',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: '« Faire du site notre vitrine » is a figure of speech as often as a shop window.',
  },
  {
    term: 'réduction',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: '« Miser sur la réduction des coûts » is an intent; « bon de réduction » is listed.',
  },
  {
    term: 'communiqué',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: 'Its stem is « commun » (« communes »); « communiqué de presse » is listed.',
  },
  {
    term: 'billet',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason: 'Also a ticket (« le prix du billet »); « billet de blog(ue) » is listed.',
  },
  {
    term: 'call',
    lang: 'en',
    notIn: 'TACTIC_TERMS',
    reason: 'Also "a call for tenders"; "call every / each / all …" and "cold call" are listed.',
  },
  {
    term: 'appeler',
    lang: 'fr',
    notIn: 'TACTIC_TERMS',
    reason:
      'Its stem is the stem of « appels d’offres »; « appeler chaque / les / nos … » are listed.',
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
    notIn: 'MONTH_TERMS',
    reason: 'The English modal "may" far outnumbers the month.',
  },
  {
    term: 'été',
    lang: 'fr',
    notIn: 'DEADLINE_PHRASES',
    reason: 'Also the past participle of « être » (« a été fixé »).',
  },
];
