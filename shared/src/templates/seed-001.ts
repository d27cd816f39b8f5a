/**
 * The three worked examples of seed 001 (« Stratégie marketing vs tactique : la distinction la
 * plus importante en marketing »), each as a board in French and in English.
 *
 * One board per example rather than one board holding all three: a workshop works on one
 * business objective at a time, and a facilitator picks the example closest to the team's
 * situation (a rebrand, profitable growth, a launch) and rewrites its cards — with all three on
 * one board they would first have to delete two thirds of it.
 *
 * The article's objectives are deliberately loose (« Augmentez vos revenus de manière
 * rentable ») while seed 000 asks for precision (« Soyez précis »): every objective here gets a
 * figure, a market and a date that the article does not give. Those are marked below with
 * "ADDED" and said on the card itself, so a facilitator knows to replace them. Plans carry the
 * KPI, owner, due date and budget the article lists as the plan's job; their figures are
 * invented the same way.
 */
import type { Lane, Language } from '../board/lanes.ts';
import { LANE_COLOURS } from '../board/lanes.ts';
import type { CardSnapshot, LinkSnapshot, PlanFields } from '../board/types.ts';
import { BOARD_FILE_FORMAT, BOARD_FILE_VERSION, type BoardFileV1 } from '../format/board-file.ts';
import { laneRow } from './layout.ts';

/** Fixed times keep template files byte-stable (2026-01-01T00:00:00Z). */
const TEMPLATE_TIME = Date.UTC(2026, 0, 1);
const TEMPLATE_AUTHOR = 'Fire Triangle';

interface CardText {
  title: string;
  body: string;
}

/** One worked example in one language: the chain objective → strategy → plan → tactics. */
export interface ExampleText {
  boardTitle: string;
  description: string;
  objective: CardText;
  strategy: CardText;
  plan: CardText & PlanFields;
  tactics: readonly CardText[];
}

export interface SeedExample {
  /** Stable key, part of the template id (`seed-001-<key>-<language>`) and of card ids. */
  key: 'rebrand' | 'growth' | 'launch';
  text: Readonly<Record<Language, ExampleText>>;
}

export const SEED_001_EXAMPLES: readonly SeedExample[] = [
  {
    key: 'rebrand',
    text: {
      fr: {
        boardTitle: 'Triangle du feu — exemple 1 : rajeunir la marque',
        description:
          "Objectif 1 de l'article « Stratégie marketing vs tactique » : réinventer la marque pour un public moderne. Un objectif chiffré et daté, une stratégie, un plan (KPI, responsable, échéance, budget) et cinq tactiques.",
        objective: {
          // ADDED: the article says only « plaire davantage à un public moderne ». The share of
          // revenue from 25–40 year olds, the French market and the date are ours.
          title:
            "Porter à 30 % la part du chiffre d'affaires réalisée auprès des 25–40 ans en France d'ici le 31 décembre 2027",
          body: "Article : « Réinventez ou rebaptisez votre entreprise pour plaire davantage à un public moderne. » Le chiffre (30 %, contre 18 % aujourd'hui), le marché et la date sont ajoutés pour l'exemple : remplacez-les par les vôtres.",
        },
        strategy: {
          title:
            'Donner à la marque un lifting numérique complet et proposer de nouveaux services en ligne',
          body: 'Le pourquoi : un public moderne ne se reconnaît plus dans la marque. Le quoi : une marque et une offre repensées pour le numérique. Horizon : trois ans (2025–2028).',
        },
        plan: {
          title: 'Plan de refonte numérique 2027',
          body: "Décider quelles tactiques utiliser, le calendrier, le budget alloué, qui est responsable de quoi et comment suivre les progrès. Les montants et l'échéance sont des exemples.",
          kpi: "Part du chiffre d'affaires réalisée auprès des 25–40 ans, suivie chaque mois",
          owner: 'Directrice marketing',
          dueDate: '2027-06-30',
          budget: '250 000 €',
        },
        tactics: [
          {
            title: 'Créer un nouveau site web',
            body: 'Nouveau contenu, UX et design entièrement nouveaux.',
          },
          { title: 'Lancer une application mobile', body: '' },
          { title: 'Promouvoir la nouvelle marque sur les réseaux sociaux', body: '' },
          { title: 'Annoncer la nouvelle marque par e-mail', body: '' },
          {
            title: 'Relayer la nouvelle marque sur les autres canaux de distribution',
            body: '',
          },
        ],
      },
      en: {
        boardTitle: 'Fire triangle — example 1: rebrand for a modern audience',
        description:
          'Objective 1 of the article "Marketing strategy vs. tactics": reinvent the brand for a modern audience. A measurable, dated objective, one strategy, one plan (KPI, owner, due date, budget) and five tactics.',
        objective: {
          // ADDED: figure, market and date (see the French version).
          title:
            'Raise the share of revenue from 25–40 year olds in France to 30% by 31 December 2027',
          body: 'Article: "Reinvent or rebrand your business to appeal more to a modern audience." The figure (30%, up from 18% today), the market and the date were added for the example: replace them with yours.',
        },
        strategy: {
          title: 'Give the brand a complete digital facelift and offer new online services',
          body: 'Why: a modern audience no longer sees itself in the brand. What: a brand and an offer redesigned for digital. Horizon: three years (2025–2028).',
        },
        plan: {
          title: 'Digital rebrand plan 2027',
          body: 'Decide which tactics to use, the timeline, the budget, who is responsible for what and how progress is tracked. Amounts and dates are examples.',
          kpi: 'Share of revenue from 25–40 year olds, tracked monthly',
          owner: 'Marketing director',
          dueDate: '2027-06-30',
          budget: '€250,000',
        },
        tactics: [
          {
            title: 'Build a new website',
            body: 'New content, an entirely new UX and design.',
          },
          { title: 'Launch a mobile app', body: '' },
          { title: 'Promote the new brand on social media', body: '' },
          { title: 'Announce the new brand by email', body: '' },
          { title: 'Relay the new brand through the other distribution channels', body: '' },
        ],
      },
    },
  },
  {
    key: 'growth',
    text: {
      fr: {
        boardTitle: 'Triangle du feu — exemple 2 : croître de façon rentable',
        description:
          "Objectif 2 de l'article « Stratégie marketing vs tactique » : augmenter les revenus de manière rentable. Un objectif chiffré et daté, une stratégie, un plan et cinq tactiques de marketing entrant.",
        objective: {
          // ADDED: the article says « Augmentez vos revenus de manière rentable ». The +20 %,
          // the 12 % margin floor, the market and the date are ours.
          title:
            "Augmenter de 20 % le chiffre d'affaires auprès des PME françaises d'ici le 31 décembre 2027, avec une marge nette d'au moins 12 %",
          body: "Article : « Augmentez vos revenus de manière rentable avec l'objectif à long terme de développer votre entreprise. » Les chiffres, le marché et la date sont ajoutés pour l'exemple : remplacez-les par les vôtres.",
        },
        strategy: {
          title: 'Réduire le coût par prospect en relançant le marketing entrant',
          body: 'Le pourquoi : croître sans dégrader la marge. Le quoi : faire venir les prospects plutôt que les acheter, grâce au marketing numérique. Horizon : trois ans (2025–2028).',
        },
        plan: {
          title: "Plan d'acquisition entrante 2027",
          body: 'Décider des tactiques de marketing de contenu et de publicité numérique, des canaux où investir le plus de temps et d’efforts, et de la façon de mesurer les progrès. Montants et échéance : exemples.',
          kpi: 'Coût par prospect (cible : −30 %) et prospects qualifiés par mois',
          owner: "Responsable de l'acquisition",
          dueDate: '2027-12-31',
          budget: '120 000 €',
        },
        tactics: [
          {
            title: 'Cibler les mots-clés pertinents dans les pages du site (SEO)',
            body: '',
          },
          { title: 'Publier des articles de blog sur les mots-clés prioritaires', body: '' },
          {
            title: 'Ajouter des appels à l’action sur les pages pour capter les prospects',
            body: '',
          },
          { title: 'Envoyer une newsletter mensuelle', body: '' },
          {
            title: 'E-mails de promotion et campagnes goutte-à-goutte pour nourrir les prospects',
            body: '',
          },
        ],
      },
      en: {
        boardTitle: 'Fire triangle — example 2: grow revenue profitably',
        description:
          'Objective 2 of the article "Marketing strategy vs. tactics": grow revenue profitably. A measurable, dated objective, one strategy, one plan and five inbound marketing tactics.',
        objective: {
          // ADDED: figures, market and date (see the French version).
          title:
            'Grow revenue from French SMEs by 20% by 31 December 2027 while keeping a net margin of at least 12%',
          body: 'Article: "Grow your revenue profitably with the long-term goal of growing your business." The figures, the market and the date were added for the example: replace them with yours.',
        },
        strategy: {
          title: 'Lower the cost per lead by relaunching inbound marketing',
          body: 'Why: grow without eroding the margin. What: attract leads instead of buying them, through digital marketing. Horizon: three years (2025–2028).',
        },
        plan: {
          title: 'Inbound acquisition plan 2027',
          body: 'Decide the content marketing and digital advertising tactics, the channels that get the most time and effort, and how progress is measured. Amounts and dates are examples.',
          kpi: 'Cost per lead (target: −30%) and qualified leads per month',
          owner: 'Head of acquisition',
          dueDate: '2027-12-31',
          budget: '€120,000',
        },
        tactics: [
          { title: 'Target relevant keywords in the website copy (SEO)', body: '' },
          { title: 'Publish blog posts on the priority keywords', body: '' },
          { title: 'Add on-page calls to action to capture leads', body: '' },
          { title: 'Send a monthly newsletter', body: '' },
          { title: 'Lead nurturing emails and email drip campaigns', body: '' },
        ],
      },
    },
  },
  {
    key: 'launch',
    text: {
      fr: {
        boardTitle: 'Triangle du feu — exemple 3 : lancer une nouvelle gamme',
        description:
          "Objectif 3 de l'article « Stratégie marketing vs tactique » : lancer une nouvelle gamme de produits ou services. Un objectif chiffré et daté, une stratégie, un plan de mise sur le marché et sept tactiques.",
        objective: {
          // ADDED: the article says « Lancez une nouvelle gamme de produits ou services ». The
          // sales figure, the market and the date are ours.
          title: 'Lancer la nouvelle gamme en France et atteindre 1,5 M€ de ventes au 30 juin 2028',
          body: "Article : « Lancez une nouvelle gamme de produits ou services. » Le chiffre, le marché et la date sont ajoutés pour l'exemple : remplacez-les par les vôtres.",
        },
        strategy: {
          title:
            'Connaître la concurrence, le public cible et ses acheteurs, puis tracer le parcours client de la gamme',
          body: "Le pourquoi : une gamme qui répond à un besoin que la concurrence sert mal. Le quoi : qui sont les acheteurs, comment leur présenter l'offre, quel parcours. Horizon : trois ans (2026–2029).",
        },
        plan: {
          title: 'Plan de mise sur le marché de la gamme',
          body: "Définir les paramètres de l'analyse concurrentielle (sur quels détails se concentrer ?), identifier le public et les acheteurs, décider comment les atteindre au mieux et quel message de mise sur le marché porter. Montants et échéance : exemples.",
          kpi: 'Ventes mensuelles de la gamme et coût d’acquisition par client',
          owner: 'Cheffe de produit',
          dueDate: '2028-03-31',
          budget: '300 000 €',
        },
        tactics: [
          { title: "Créer les profils d'audience", body: '' },
          { title: "Développer les personas d'acheteurs", body: '' },
          { title: 'Définir le mix marketing autour de leurs préférences', body: '' },
          { title: 'Publicité et recherche payante', body: '' },
          { title: 'Marketing de contenu', body: '' },
          { title: 'Marketing événementiel', body: '' },
          { title: 'Marketing sur les réseaux sociaux', body: '' },
        ],
      },
      en: {
        boardTitle: 'Fire triangle — example 3: launch a new product line',
        description:
          'Objective 3 of the article "Marketing strategy vs. tactics": launch a new line of products or services. A measurable, dated objective, one strategy, one go-to-market plan and seven tactics.',
        objective: {
          // ADDED: sales figure, market and date (see the French version).
          title: 'Launch the new line in France and reach €1.5M in sales by 30 June 2028',
          body: 'Article: "Launch a new line of products or services." The figure, the market and the date were added for the example: replace them with yours.',
        },
        strategy: {
          title:
            'Know the competition, the target audience and its buyers, then map the customer journey for the line',
          body: 'Why: a line that meets a need the competition serves poorly. What: who the buyers are, how to present the offer to them, which journey. Horizon: three years (2026–2029).',
        },
        plan: {
          title: 'Go-to-market plan for the line',
          body: 'Set the parameters of the competitive analysis (which details to focus on?), identify the audience and buyers, decide how best to reach them and what the go-to-market message should be. Amounts and dates are examples.',
          kpi: 'Monthly sales of the line and customer acquisition cost',
          owner: 'Product manager',
          dueDate: '2028-03-31',
          budget: '€300,000',
        },
        tactics: [
          { title: 'Create audience profiles', body: '' },
          { title: 'Develop buyer personas', body: '' },
          { title: 'Define the marketing mix around their preferences', body: '' },
          { title: 'Advertising and paid search', body: '' },
          { title: 'Content marketing', body: '' },
          { title: 'Event marketing', body: '' },
          { title: 'Social media marketing', body: '' },
        ],
      },
    },
  },
];

const NO_PLAN_FIELDS: PlanFields = { kpi: '', owner: '', dueDate: '', budget: '' };

function card(
  id: string,
  lane: Lane,
  text: CardText,
  position: { x: number; y: number },
  plan: PlanFields = NO_PLAN_FIELDS,
): CardSnapshot {
  return {
    id,
    lane,
    title: text.title,
    body: text.body,
    position,
    colour: LANE_COLOURS[lane],
    author: TEMPLATE_AUTHOR,
    createdAt: TEMPLATE_TIME,
    updatedAt: TEMPLATE_TIME,
    kpi: plan.kpi,
    owner: plan.owner,
    dueDate: plan.dueDate,
    budget: plan.budget,
  };
}

/** The board file of one example in one language: every tactic serves the plan, the plan the strategy, the strategy the objective. */
export function exampleBoard(example: SeedExample, language: Language): BoardFileV1 {
  const text = example.text[language];
  const prefix = `c-${example.key}`;
  const [objectiveAt] = laneRow('objective', 1);
  const [strategyAt] = laneRow('strategy', 1);
  const [planAt] = laneRow('plan', 1);
  const tacticsAt = laneRow('tactic', text.tactics.length);
  const { title, body, ...planFields } = text.plan;
  const cards: CardSnapshot[] = [
    card(`${prefix}-objective`, 'objective', text.objective, objectiveAt!),
    card(`${prefix}-strategy`, 'strategy', text.strategy, strategyAt!),
    card(`${prefix}-plan`, 'plan', { title, body }, planAt!, planFields),
    ...text.tactics.map((tactic, index) =>
      card(`${prefix}-tactic-${index + 1}`, 'tactic', tactic, tacticsAt[index]!),
    ),
  ];
  const link = (from: string, to: string): LinkSnapshot => ({
    id: `l-${from.slice(2)}--${to.slice(2)}`,
    from,
    to,
  });
  const links: LinkSnapshot[] = [
    link(`${prefix}-strategy`, `${prefix}-objective`),
    link(`${prefix}-plan`, `${prefix}-strategy`),
    ...text.tactics.map((_, index) => link(`${prefix}-tactic-${index + 1}`, `${prefix}-plan`)),
  ];
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    format: BOARD_FILE_FORMAT,
    version: BOARD_FILE_VERSION,
    meta: { title: text.boardTitle, language, focusLimit: 3 },
    cards: cards.sort(byId),
    links: links.sort(byId),
  };
}
