/**
 * Every finding's wording, in French and English, in one place. Each message names the card(s)
 * involved, says what is wrong, and says how to fix it. Card titles are quoted the way each
 * language quotes (« … » / “…”) and shortened when long.
 */
import { LANE_LABELS, type Lane, type Language } from '../board/lanes.ts';
import { withoutBidiControls } from '../board/text.ts';
import { cutToLength } from '../limits.ts';

export type Message = Record<Language, string>;

const MAX_TITLE_LENGTH = 60;
/** Leading, trailing or repeated whitespace, any whitespace other than a plain space, or a
 * bidi control (`BIDI_CONTROLS`: one left open would reorder the rest of the message). */
const NEEDS_CLEANING = /^\s|\s$|\s\s|[^\S ]|[\u202a-\u202e\u2066-\u2069]/;

/**
 * A card title as it appears inside a message: one line, without bidi controls, shortened to
 * `MAX_TITLE_LENGTH` characters (code points: never through an emoji), never empty.
 */
function shortTitle(title: string, language: Language): string {
  // Most titles are short single lines already: skip the regex work for them.
  if (title.length <= MAX_TITLE_LENGTH && title !== '' && !NEEDS_CLEANING.test(title)) return title;
  const oneLine = withoutBidiControls(title).replace(/\s+/g, ' ').trim();
  if (oneLine === '') return language === 'fr' ? '(sans titre)' : '(untitled)';
  if (cutToLength(oneLine, MAX_TITLE_LENGTH) === oneLine) return oneLine;
  return `${cutToLength(oneLine, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
}

function quoteFr(title: string): string {
  return `« ${shortTitle(title, 'fr')} »`;
}

function quoteEn(title: string): string {
  return `“${shortTitle(title, 'en')}”`;
}

function laneFr(lane: Lane): string {
  return LANE_LABELS.fr[lane];
}

function laneEn(lane: Lane): string {
  return LANE_LABELS.en[lane];
}

/** What a message needs to know about one end of a link. */
export interface CardRef {
  title: string;
  lane: Lane;
}

export function danglingLink(
  from: CardRef | undefined,
  to: CardRef | undefined,
  fromId: string,
  toId: string,
): Message {
  if (from && !to) {
    return {
      fr: `Le lien de ${quoteFr(from.title)} mène à une carte qui n’existe plus (${toId}) : il ne relie plus rien. Supprimez-le et reliez ${quoteFr(from.title)} à la carte qu’elle doit servir.`,
      en: `The link from ${quoteEn(from.title)} leads to a card that no longer exists (${toId}), so it connects nothing. Delete it and link ${quoteEn(from.title)} to the card it should serve.`,
    };
  }
  if (!from && to) {
    return {
      fr: `Le lien vers ${quoteFr(to.title)} part d’une carte qui n’existe plus (${fromId}) : il ne relie plus rien. Supprimez-le et reliez à ${quoteFr(to.title)} la carte qui doit la servir.`,
      en: `The link to ${quoteEn(to.title)} starts from a card that no longer exists (${fromId}), so it connects nothing. Delete it and link the card that should serve ${quoteEn(to.title)}.`,
    };
  }
  return {
    fr: `Ce lien relie deux cartes qui n’existent plus (${fromId} → ${toId}). Supprimez-le.`,
    en: `This link joins two cards that no longer exist (${fromId} → ${toId}). Delete it.`,
  };
}

export function selfLink(card: CardRef): Message {
  return {
    fr: `${quoteFr(card.title)} est reliée à elle-même : une carte ne peut pas se servir elle-même. Supprimez ce lien.`,
    en: `${quoteEn(card.title)} is linked to itself: a card cannot serve itself. Delete this link.`,
  };
}

export function duplicateLink(a: CardRef, b: CardRef, originalLinkId: string): Message {
  return {
    fr: `${quoteFr(a.title)} et ${quoteFr(b.title)} sont déjà reliées par un autre lien (${originalLinkId}). Supprimez ce doublon.`,
    en: `${quoteEn(a.title)} and ${quoteEn(b.title)} are already linked by another link (${originalLinkId}). Delete this duplicate.`,
  };
}

export function downwardLink(from: CardRef, to: CardRef): Message {
  return {
    fr: `Ce lien va vers le bas : ${quoteFr(from.title)} (${laneFr(from.lane)}) est censée servir ${quoteFr(to.title)} (${laneFr(to.lane)}), qui est plus bas dans le triangle. Une carte sert le niveau au-dessus d’elle : remplacez ce lien par un lien de ${quoteFr(to.title)} vers ${quoteFr(from.title)}, ou remettez les cartes dans le bon couloir.`,
    en: `This link points downward: ${quoteEn(from.title)} (${laneEn(from.lane)}) is meant to serve ${quoteEn(to.title)} (${laneEn(to.lane)}), which sits lower in the triangle. A card serves the level above it: replace this link with one from ${quoteEn(to.title)} to ${quoteEn(from.title)}, or drag the cards back into the right lanes.`,
  };
}

export function skipsLevelsLink(from: CardRef, to: CardRef): Message {
  return {
    fr: `${quoteFr(from.title)} (${laneFr(from.lane)}) est reliée directement à ${quoteFr(to.title)} (${laneFr(to.lane)}) : il manque la stratégie et le plan entre les deux. Reliez ${quoteFr(from.title)} à un plan, ce plan à une stratégie, et cette stratégie à ${quoteFr(to.title)}.`,
    en: `${quoteEn(from.title)} (${laneEn(from.lane)}) is linked straight to ${quoteEn(to.title)} (${laneEn(to.lane)}): the strategy and the plan between them are missing. Link ${quoteEn(from.title)} to a plan, that plan to a strategy, and that strategy to ${quoteEn(to.title)}.`,
  };
}

/** `missing` is the lane between the two ends (plan for tactic → strategy, strategy for plan → objective). */
export function skipsPlanLink(from: CardRef, to: CardRef, missing: Lane): Message {
  const missingFr = missing === 'plan' ? 'le plan' : 'la stratégie';
  const aMissingFr = missing === 'plan' ? 'un plan' : 'une stratégie';
  const missingEn = missing === 'plan' ? 'plan' : 'strategy';
  return {
    fr: `${quoteFr(from.title)} (${laneFr(from.lane)}) sert directement ${quoteFr(to.title)} (${laneFr(to.lane)}) : il manque ${missingFr} entre les deux. Reliez ${quoteFr(from.title)} à ${aMissingFr} qui sert ${quoteFr(to.title)}.`,
    en: `${quoteEn(from.title)} (${laneEn(from.lane)}) serves ${quoteEn(to.title)} (${laneEn(to.lane)}) directly: the ${missingEn} between them is missing. Link ${quoteEn(from.title)} to a ${missingEn} that serves ${quoteEn(to.title)}.`,
  };
}

export function sameLaneLink(from: CardRef, to: CardRef): Message {
  return {
    fr: `${quoteFr(from.title)} et ${quoteFr(to.title)} sont toutes deux dans le couloir ${laneFr(from.lane)} : un lien relie une carte à celle du niveau au-dessus qu’elle sert. Déplacez l’une des deux dans le bon couloir, ou reliez chacune au niveau voisin.`,
    en: `${quoteEn(from.title)} and ${quoteEn(to.title)} are both in the ${laneEn(from.lane)} lane: a link joins a card to the card one level up that it serves. Move one of them to the right lane, or link each to the next level.`,
  };
}

export function tacticWithoutStrategy(card: CardRef): Message {
  return {
    fr: `La tactique ${quoteFr(card.title)} ne remonte à aucune stratégie : c’est une action sans intention. À quoi sert-elle, quelle stratégie ? Reliez-la à un plan qui sert une stratégie.`,
    en: `The tactic ${quoteEn(card.title)} does not lead up to any strategy: it is an action with no intent. What is it for, which strategy? Link it to a plan that serves a strategy.`,
  };
}

export function strategyWithoutTactic(card: CardRef): Message {
  return {
    fr: `Aucune tactique ne met en œuvre la stratégie ${quoteFr(card.title)} : « la stratégie sans tactique est la voie la plus lente vers la victoire ». Reliez-lui un plan et les tactiques qui la réalisent.`,
    en: `No tactic carries out the strategy ${quoteEn(card.title)}: “strategy without tactics is the slowest route to victory”. Link it to a plan and to the tactics that put it into action.`,
  };
}

export function objectiveWithoutStrategy(card: CardRef): Message {
  return {
    fr: `Aucune stratégie ne sert l’objectif ${quoteFr(card.title)}. Ajoutez la stratégie qui dit comment l’atteindre (quoi, pourquoi, où) et reliez-la à ${quoteFr(card.title)}.`,
    en: `No strategy serves the objective ${quoteEn(card.title)}. Add the strategy that says how to reach it (what, why, where) and link it to ${quoteEn(card.title)}.`,
  };
}

export function planWithoutKpi(card: CardRef): Message {
  return {
    fr: `Le plan ${quoteFr(card.title)} n’a pas de KPI : comment saurez-vous si ses tactiques fonctionnent ? Renseignez un indicateur clé de performance (ex. coût par client, revenus de vente).`,
    en: `The plan ${quoteEn(card.title)} has no KPI: how will you know its tactics work? Fill in a key performance indicator (e.g. cost per customer, sales revenue).`,
  };
}

export type PlanField = 'owner' | 'dueDate' | 'budget';

const PLAN_FIELD_LABELS: Record<Language, Record<PlanField, string>> = {
  fr: { owner: 'responsable', dueDate: 'échéance', budget: 'budget' },
  en: { owner: 'owner', dueDate: 'due date', budget: 'budget' },
};

export function planIncomplete(card: CardRef, missing: readonly PlanField[]): Message {
  const fr = missing.map((field) => PLAN_FIELD_LABELS.fr[field]).join(', ');
  const en = missing.map((field) => PLAN_FIELD_LABELS.en[field]).join(', ');
  return {
    fr: `Il manque au plan ${quoteFr(card.title)} : ${fr}. Un plan dit qui fait quoi, pour quand et avec quel budget : complétez ces champs.`,
    en: `The plan ${quoteEn(card.title)} is missing: ${en}. A plan says who does what, by when and with what budget: fill in these fields.`,
  };
}

export function planInvalidDate(card: CardRef, value: string): Message {
  const shown = shortTitle(value, 'en');
  return {
    fr: `L’échéance du plan ${quoteFr(card.title)} (« ${shown} ») n’est pas une date lisible. Saisissez-la au format AAAA-MM-JJ (ex. 2027-06-30).`,
    en: `The due date of the plan ${quoteEn(card.title)} (“${shown}”) is not a readable date. Enter it as YYYY-MM-DD (e.g. 2027-06-30).`,
  };
}

export function tacticAsStrategy(card: CardRef, term: string): Message {
  return {
    fr: `La stratégie ${quoteFr(card.title)} nomme un moyen d’exécution (« ${term} ») : c’est une tactique, pas une intention. Dites quoi, pourquoi et où (ex. « Pénétrer de nouveaux territoires avec notre nouveau produit ») et mettez « ${term} » sur une carte Tactique.`,
    en: `The strategy ${quoteEn(card.title)} names a means of execution (“${term}”): that is a tactic, not an intent. Say what, why and where (e.g. “Enter new territories with our new product”) and put “${term}” on a Tactic card.`,
  };
}

export function vagueObjective(card: CardRef): Message {
  return {
    fr: `L’objectif ${quoteFr(card.title)} est trop général : ni chiffre, ni échéance, ni marché. Soyez précis : combien, d’ici quand, où (ex. « Augmenter le CA de 15 % d’ici décembre 2027 sur le marché belge »).`,
    en: `The objective ${quoteEn(card.title)} is too general: no figure, no deadline, no market. Be precise: how much, by when, where (e.g. “Grow revenue 15% by December 2027 in the Belgian market”).`,
  };
}

/** What an objective lacks for seed 000's « Soyez précis »: the deadline or the figure. */
export type ObjectivePart = 'deadline' | 'figure';

export function objectiveIncomplete(card: CardRef, missing: ObjectivePart): Message {
  if (missing === 'deadline') {
    return {
      fr: `L’objectif ${quoteFr(card.title)} a un chiffre mais pas d’échéance : d’ici quand ? Soyez précis : ajoutez une date (ex. « d’ici décembre 2027 »).`,
      en: `The objective ${quoteEn(card.title)} has a figure but no deadline: by when? Be precise: add a date (e.g. “by December 2027”).`,
    };
  }
  return {
    fr: `L’objectif ${quoteFr(card.title)} a une échéance mais pas de chiffre : combien ? Soyez précis : ajoutez un chiffre (ex. « +15 % de CA », « 200 nouveaux clients »).`,
    en: `The objective ${quoteEn(card.title)} has a deadline but no figure: how much? Be precise: add a figure (e.g. “+15% revenue”, “200 new customers”).`,
  };
}

export function marketingObjective(card: CardRef, term: string): Message {
  return {
    fr: `L’objectif ${quoteFr(card.title)} est un indicateur marketing (« ${term} »), pas un résultat d’affaires. Dites quel résultat il sert (ventes, chiffre d’affaires, clients, part de marché) et gardez « ${term} » comme KPI d’un plan.`,
    en: `The objective ${quoteEn(card.title)} is a marketing metric (“${term}”), not a business result. Say which result it serves (sales, revenue, customers, market share) and keep “${term}” as a plan’s KPI.`,
  };
}

export function strategyHorizon(card: CardRef, duration: string, tooShort: boolean): Message {
  if (tooShort) {
    return {
      fr: `La stratégie ${quoteFr(card.title)} porte sur « ${duration} » : sur un an ou moins, c’est une campagne. Visez un horizon d’environ 3 ans et gardez cette durée pour un plan.`,
      en: `The strategy ${quoteEn(card.title)} spans “${duration}”: a year or less is a campaign. Aim for a horizon of about 3 years and keep that span for a plan.`,
    };
  }
  return {
    fr: `La stratégie ${quoteFr(card.title)} porte sur « ${duration} » : à 10 ans ou plus, c’est de l’astrologie. Visez un horizon d’environ 3 ans, assez proche pour pivoter.`,
    en: `The strategy ${quoteEn(card.title)} spans “${duration}”: ten years or more is astrology. Aim for a horizon of about 3 years, close enough to pivot.`,
  };
}

export function tooManyStrategies(card: CardRef, count: number, limit: number): Message {
  const keepFr = limit === 1 ? 'la plus forte' : `les ${limit} plus fortes`;
  const keepEn = limit === 1 ? 'the strongest' : `the ${limit} strongest`;
  return {
    fr: `${count} stratégies servent l’objectif ${quoteFr(card.title)} (limite du tableau : ${limit}). Choisir, c’est renoncer : gardez ${keepFr} et abandonnez ou fusionnez les autres.`,
    en: `${count} strategies serve the objective ${quoteEn(card.title)} (this board’s limit: ${limit}). Strategy is choosing what not to do: keep ${keepEn} and drop or merge the others.`,
  };
}
