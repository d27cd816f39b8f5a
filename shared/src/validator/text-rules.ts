/**
 * The text rules: heuristics over what a card says, in French and English. They only judge
 * what is clearly there (a channel named on a strategy, an objective with no figure, deadline or
 * market …) and stay quiet otherwise. Their word lists are in word-lists.ts.
 *
 * What a rule reads:
 * - the card's *statement* is its title, or its body when the title is blank: what the card
 *   claims to be (text/tactic-as-strategy, text/marketing-objective);
 * - text/vague-objective, text/objective-incomplete and text/strategy-horizon read title and
 *   body together: the figure, deadline, market or duration may be written in the body.
 * A card with no text at all is left alone (someone is still typing).
 *
 * Every card is checked against both languages' lists, whatever the board's language: workshops
 * mix French and English, and French marketers write English words (issue 12). Only false
 * friends (`ownLanguageOnly`: « sea », « salon », "influencer" …) wait for text written in their
 * language; the board's language breaks a tie when a card's language is unclear.
 */
import type { Language } from '../board/lanes.ts';
import type { CardSnapshot } from '../board/types.ts';
import * as messages from './messages.ts';
import {
  asWritten,
  isPlaceholder,
  plainWords,
  TermMatcher,
  type Tokens,
  textLanguage,
  tokenise,
  wordKeying,
} from './normalise.ts';
import type { CardRuleId } from './rules.ts';
import {
  BUSINESS_RESULT_TERMS,
  CHOICE_VERBS,
  type ChoiceVerb,
  DEADLINE_PHRASES,
  DECADE_TERMS,
  FIGURE_TERMS,
  HISTORY_BEFORE_FOR,
  HORIZON_AFTER_NUMBER,
  HORIZON_FILLERS,
  HORIZON_FORWARD_PREPOSITIONS,
  HORIZON_LOOKING_BACK,
  HORIZON_PREPOSITIONS,
  HOW_MARKERS,
  LANGUAGE_HINTS,
  LONG_HORIZON_MONTHS,
  MARKET_TERMS,
  MARKETING_METRIC_TERMS,
  MONTH_TERMS,
  NOT_A_MARKET_PHRASES,
  NOT_A_TACTIC_PHRASES,
  NUMBER_WORDS,
  ONE_BEFORE_A_UNIT,
  PLACE_ARTICLES,
  PLACE_PREPOSITIONS,
  PLACEHOLDERS,
  POSITION_NOUNS,
  SHORT_HORIZON_MONTHS,
  TACTIC_TERMS,
  TIME_UNITS_IN_MONTHS,
  type WordListEntry,
} from './word-lists.ts';

/** A finding of a rule that looks at one card only, before it gets its target. */
export interface LocalFinding {
  rule: CardRuleId;
  message: messages.Message;
}

/** A list term found in a card, with the words as the card wrote them (messages quote those). */
export interface FoundTerm {
  entry: WordListEntry;
  written: string;
}

function found(
  tokens: Tokens,
  match: { entry: WordListEntry; first: number; last: number },
): FoundTerm {
  return { entry: match.entry, written: asWritten(tokens, match.first, match.last) };
}

/** Shared by every card with nothing to report (most of them), so no array is allocated. */
export const NO_FINDINGS: readonly LocalFinding[] = Object.freeze([]);

/** Plain (unstemmed) words of a list, for function words compared as they are. */
function plainSet(entries: readonly WordListEntry[], language?: Language): Set<string> {
  return new Set(
    entries
      .filter((entry) => language === undefined || entry.lang === language || entry.lang === 'both')
      .map((entry) => plainWords(entry.term).join(' ')),
  );
}

interface Matchers {
  version: number;
  tactic: TermMatcher<WordListEntry>;
  notATactic: TermMatcher<WordListEntry>;
  how: TermMatcher<WordListEntry>;
  choice: TermMatcher<ChoiceVerb>;
  position: TermMatcher<WordListEntry>;
  marketing: TermMatcher<WordListEntry>;
  business: TermMatcher<WordListEntry>;
  figure: TermMatcher<WordListEntry>;
  deadline: TermMatcher<WordListEntry>;
  market: TermMatcher<WordListEntry>;
  notAMarket: TermMatcher<WordListEntry>;
  decade: TermMatcher<WordListEntry>;
}

let matchers: Matchers | undefined;

/** The list matchers, built once (and again only if the word keying changes). */
function lists(): Matchers {
  const { version } = wordKeying();
  if (matchers === undefined || matchers.version !== version) {
    matchers = {
      version,
      tactic: new TermMatcher(TACTIC_TERMS),
      notATactic: new TermMatcher(NOT_A_TACTIC_PHRASES),
      how: new TermMatcher(HOW_MARKERS),
      choice: new TermMatcher(CHOICE_VERBS),
      position: new TermMatcher(POSITION_NOUNS),
      marketing: new TermMatcher(MARKETING_METRIC_TERMS),
      business: new TermMatcher(BUSINESS_RESULT_TERMS),
      figure: new TermMatcher(FIGURE_TERMS),
      deadline: new TermMatcher(DEADLINE_PHRASES),
      market: new TermMatcher(MARKET_TERMS),
      notAMarket: new TermMatcher(NOT_A_MARKET_PHRASES),
      decade: new TermMatcher(DECADE_TERMS),
    };
  }
  return matchers;
}

const HINTS: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: plainSet(LANGUAGE_HINTS, 'fr'),
  en: new Set(
    LANGUAGE_HINTS.filter((entry) => entry.lang === 'en').map(
      (entry) => plainWords(entry.term)[0]!,
    ),
  ),
};
const PLACE_PREPOSITION_WORDS = plainSet(PLACE_PREPOSITIONS);
const PLACE_ARTICLE_WORDS = plainSet(PLACE_ARTICLES);
const HORIZON_PREPOSITION_WORDS = plainSet(HORIZON_PREPOSITIONS);
const FORWARD_PREPOSITION_WORDS = plainSet(HORIZON_FORWARD_PREPOSITIONS);
const HORIZON_FILLER_WORDS = plainSet(HORIZON_FILLERS);
const HORIZON_AFTER_NUMBER_WORDS = plainSet(HORIZON_AFTER_NUMBER);
const HISTORY_WORDS = plainSet(HISTORY_BEFORE_FOR);
const PLACEHOLDER_WORDS = plainSet(PLACEHOLDERS);
/** Months are compared as written, not stemmed (« marché » stems like "march"). */
const MONTHS: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: plainSet(MONTH_TERMS, 'fr'),
  en: plainSet(MONTH_TERMS, 'en'),
};
const MONTHS_IN_ANY_TEXT = new Set(
  MONTH_TERMS.filter((entry) => !entry.ownLanguageOnly).map((entry) => plainWords(entry.term)[0]!),
);

/** What the card claims to be: its title, or its body when the title is blank. */
export function statementOf(card: Pick<CardSnapshot, 'title' | 'body'>): string {
  return card.title.trim() !== '' ? card.title : card.body;
}

function wholeText(card: Pick<CardSnapshot, 'title' | 'body'>): string {
  return `${card.title}\n${card.body}`;
}

function asTokens(text: string | Tokens): Tokens {
  return typeof text === 'string' ? tokenise(text) : text;
}

/**
 * Whether a plan field is still unfilled: blank, punctuation only, or a placeholder
 * (« à définir », TBD, N/A, ? …) — issue 12: placeholders count as missing.
 */
export function isUnfilled(value: string): boolean {
  // Plan fields repeat across a board (owners, "TBD", budgets): remember the verdicts.
  let unfilled = unfilledCache.get(value);
  if (unfilled === undefined) {
    unfilled = isPlaceholder(value, PLACEHOLDER_WORDS);
    if (unfilledCache.size >= UNFILLED_CACHE_LIMIT) unfilledCache.clear();
    unfilledCache.set(value, unfilled);
  }
  return unfilled;
}

const unfilledCache = new Map<string, boolean>();
const UNFILLED_CACHE_LIMIT = 10_000;

// ------------------------------------------------------------------ text/tactic-as-strategy

/** Punctuation between two words that ends a clause (a plain hyphen or apostrophe does not). */
const CLAUSE_BREAK = /[,;:()[\]–—]|\s-\s/;

/**
 * Where a statement's head ends: the first "how" marker (« avec », « via », "through" …) or
 * clause break. The head is the choice; what follows says how it will be carried out.
 */
function headEnd(tokens: Tokens, language: Language): number {
  const { how } = lists();
  for (let i = 1; i < tokens.plain.length; i++) {
    const gapStart = tokens.end[i - 1]!;
    const gapEnd = tokens.start[i]!;
    if (gapEnd - gapStart > 1 || tokens.text.charCodeAt(gapStart) !== 32) {
      if (CLAUSE_BREAK.test(tokens.text.slice(gapStart, gapEnd))) return i;
    }
    if (how.at(tokens, language, i)) return i;
  }
  return tokens.plain.length;
}

/**
 * « en Bretagne », « dans l’Ouest », "in Belgium": a capitalised word after a preposition, in
 * tokens `[from, to)`. Title Case text ("Increase Sales In Europe") capitalises every word, so
 * a capital says nothing there.
 */
function namesAPlace(tokens: Tokens, from = 0, to = tokens.plain.length): boolean {
  if (isTitleCase(tokens)) return false;
  const { plain, capitalised } = tokens;
  for (let i = from; i < to - 1; i++) {
    if (!PLACE_PREPOSITION_WORDS.has(plain[i]!)) continue;
    let next = i + 1;
    while (next < to && PLACE_ARTICLE_WORDS.has(plain[next]!)) next++;
    if (next < to && capitalised[next] && !/^\d/.test(plain[next]!)) return true;
  }
  return false;
}

/** Every word of four letters or more after the first is capitalised. */
function isTitleCase(tokens: Tokens): boolean {
  let long = 0;
  for (let i = 1; i < tokens.plain.length; i++) {
    if (tokens.plain[i]!.length < 4) continue;
    if (!tokens.capitalised[i]) return false;
    long++;
  }
  return long >= 2;
}

/**
 * A capitalised word other than the first in tokens `[from, to)` (« les PME wallonnes » does
 * not, "Walloon SMEs", « le Québec » do): a proper name, so a named market.
 */
function namesAProperName(tokens: Tokens, from: number, to: number): boolean {
  if (isTitleCase(tokens)) return false;
  for (let i = Math.max(from, 1); i < to; i++) {
    if (!tokens.capitalised[i] || /^\d/.test(tokens.plain[i]!)) continue;
    // « CA », "KPI", "B2B" are acronyms, not names.
    const written = tokens.text.slice(tokens.start[i]!, tokens.end[i]!);
    if (written.length > 1 && written === written.toUpperCase()) continue;
    return true;
  }
  return false;
}

/**
 * Whether the head `[0, end)` chooses a market, a segment or a position (seed 000: « La
 * stratégie, l’intention, serait de développer un nouveau territoire géographique ou un nouveau
 * marché »), and whether that choice is a position (« Devenir la référence … »).
 */
function headChoice(
  tokens: Tokens,
  language: Language,
  end: number,
): 'segment' | 'position' | undefined {
  const m = lists();
  // The verb opens the head, after at most two words (« Nous », « Se », "Our strategy is to").
  const verb = m.choice.find(tokens, language, 0, Math.min(end, 3));
  if (verb === undefined || verb.first > 2) return undefined;
  const object = verb.last;
  const position = m.position.find(tokens, language, object, end) !== undefined;
  switch (verb.entry.kind) {
    case 'trade':
      return 'position';
    case 'segment':
      return 'segment';
    case 'position':
      return position ? 'position' : undefined;
    case 'choice': {
      if (position) return 'position';
      const market = m.market.find(tokens, language, object, end) !== undefined;
      const named = namesAProperName(tokens, object, end) || namesAPlace(tokens, object, end);
      return market || named ? 'segment' : undefined;
    }
  }
}

/**
 * The tactic a strategy statement names, if it names one as its intent: a channel, medium or
 * field action (TACTIC_TERMS), unless the statement's head chooses a market, segment or
 * position and the channel only says how (« Pénétrer le marché allemand avec des webinaires »),
 * or the channel is part of a position (« Devenir la référence du SEO pour les PME »).
 * Returns the words as the card wrote them.
 */
export function findTacticTerm(
  text: string | Tokens,
  boardLanguage: Language,
): FoundTerm | undefined {
  const tokens = asTokens(text);
  return tacticIn(tokens, textLanguage(tokens, HINTS, boardLanguage));
}

function tacticIn(tokens: Tokens, language: Language): FoundTerm | undefined {
  const m = lists();
  let tactic = m.tactic.find(tokens, language);
  if (tactic === undefined) return undefined;
  // Only a text that names a tactic word can hold « appel d’offres » around it.
  const notATactic = m.notATactic.mask(tokens, language);
  if (notATactic) tactic = m.tactic.find(tokens, language, 0, tokens.plain.length, notATactic);
  if (tactic === undefined) return undefined;
  const end = headEnd(tokens, language);
  const choice = headChoice(tokens, language, end);
  if (choice === 'position') return undefined;
  if (choice === 'segment' && tactic.first >= end) return undefined;
  return found(tokens, tactic);
}

// ------------------------------------------------- text/vague-objective, objective-incomplete

const YEAR = /^(19|20)\d\d$/;
const PERIOD_LABEL = /^(?:[qtsh][1-4]|fy\d{2}(?:\d{2})?)$/;
const DAY = /^\d{1,2}(?:er)?$/;
const DIGITS = /^\d+$/;
const MONEY_OR_PERCENT = /^\s*[%€$£]/;

/** A number at token `i` (digits, a decimal « 1,5 », a number word): its value and last token. */
function numberAt(
  tokens: Tokens,
  i: number,
  allowOne: boolean,
): { value: number; last: number } | undefined {
  const word = tokens.plain[i];
  if (word === undefined) return undefined;
  if (DIGITS.test(word)) {
    const next = tokens.plain[i + 1];
    const gap = next === undefined ? '' : tokens.text.slice(tokens.end[i]!, tokens.start[i + 1]!);
    if (next !== undefined && DIGITS.test(next) && (gap === ',' || gap === '.')) {
      return { value: Number.parseFloat(`${word}.${next}`), last: i + 1 };
    }
    return { value: Number.parseInt(word, 10), last: i };
  }
  const value = NUMBER_WORDS[word] ?? (allowOne ? ONE_BEFORE_A_UNIT[word] : undefined);
  return value === undefined ? undefined : { value, last: i };
}

/**
 * A duration starting at token `i`: a number, an optional « prochains » / "next", a unit
 * (« 18 mois », "two years", « un an »). Returns its length in months and its tokens.
 */
function durationAt(
  tokens: Tokens,
  i: number,
): { months: number; first: number; last: number } | undefined {
  const number = numberAt(tokens, i, true);
  if (number === undefined) return undefined;
  let unit = number.last + 1;
  if (HORIZON_AFTER_NUMBER_WORDS.has(tokens.plain[unit] ?? '')) unit++;
  const months = TIME_UNITS_IN_MONTHS[tokens.plain[unit] ?? ''];
  if (months === undefined) return undefined;
  return { months: number.value * months, first: i, last: unit };
}

/** What makes an objective precise (seed 000: « Soyez précis »): how much, by when, where. */
export interface ObjectiveParts {
  figure: boolean;
  deadline: boolean;
  market: boolean;
}

/**
 * Reads an objective's figure, deadline and market. Years, quarter labels (T3, Q3, FY27),
 * months with their day, durations (« en 18 mois ») and dated phrases (« cette année ») are the
 * deadline, and their numbers are not figures; any other digit, a number word (« septante »), a
 * multiplier or a percentage is a figure; a market word, a kind of customer, « auprès de … » or
 * a place name is the market.
 */
export function objectiveParts(text: string | Tokens, boardLanguage: Language): ObjectiveParts {
  const tokens = asTokens(text);
  return partsOf(tokens, textLanguage(tokens, HINTS, boardLanguage));
}

function partsOf(tokens: Tokens, language: Language): ObjectiveParts {
  const m = lists();
  const { plain } = tokens;
  const dated = new Array<boolean>(plain.length).fill(false);
  let deadline = false;
  for (let i = 0; i < plain.length; i++) {
    const word = plain[i]!;
    if (YEAR.test(word)) {
      const after = tokens.text.slice(tokens.end[i]!, tokens.start[i + 1] ?? tokens.text.length);
      if (!MONEY_OR_PERCENT.test(after)) {
        deadline = true;
        dated[i] = true;
      }
      continue;
    }
    if (PERIOD_LABEL.test(word)) {
      deadline = true;
      dated[i] = true;
      continue;
    }
    if (MONTHS_IN_ANY_TEXT.has(word) || MONTHS[language].has(word)) {
      deadline = true;
      dated[i] = true;
      if (i > 0 && DAY.test(plain[i - 1]!)) dated[i - 1] = true;
      if (DAY.test(plain[i + 1] ?? '')) dated[i + 1] = true;
      continue;
    }
    const duration = durationAt(tokens, i);
    if (duration) {
      deadline = true;
      dated.fill(true, duration.first, duration.last + 1);
      i = duration.last;
    }
  }
  if (!deadline && m.deadline.find(tokens, language)) deadline = true;
  let figure = false;
  for (let i = 0; i < plain.length && !figure; i++) {
    if (dated[i]) continue;
    if (/\d/.test(plain[i]!) || NUMBER_WORDS[plain[i]!] !== undefined) figure = true;
  }
  if (!figure) figure = m.figure.find(tokens, language, 0, plain.length, dated) !== undefined;
  const market =
    (m.market.find(tokens, language) !== undefined &&
      m.market.find(tokens, language, 0, plain.length, m.notAMarket.mask(tokens, language)) !==
        undefined) ||
    plain.includes('aupres') ||
    namesAPlace(tokens);
  return { figure, deadline, market };
}

/** The marketing metric an objective statement is about, unless it also names a business result. */
export function findMarketingMetric(
  text: string | Tokens,
  boardLanguage: Language,
): FoundTerm | undefined {
  const tokens = asTokens(text);
  return metricIn(tokens, textLanguage(tokens, HINTS, boardLanguage));
}

function metricIn(tokens: Tokens, language: Language): FoundTerm | undefined {
  const m = lists();
  const metric = m.marketing.find(tokens, language);
  if (metric === undefined || m.business.find(tokens, language)) return undefined;
  return found(tokens, metric);
}

// ------------------------------------------------------------------ text/strategy-horizon

export interface Horizon {
  months: number;
  /** The duration as written, e.g. "10 ans". */
  duration: string;
}

/**
 * The first horizon stated in the text that is a campaign (≤ 1 year) or astrology (≥ 10 years):
 * a preposition (« sur », « en », « d’ici », « pendant », "over", "within", "for" …), up to two
 * fillers (« les », "the next"), a duration. « il y a 10 ans », "10 years ago" and "a leader for
 * 20 years" look back: a history, not a horizon.
 */
export function findUnrealisticHorizon(
  text: string | Tokens,
  boardLanguage: Language,
): Horizon | undefined {
  const tokens = asTokens(text);
  return horizonIn(tokens, boardLanguage);
}

/** `language` only matters for « décennie » / "decade", which are no false friends. */
function horizonIn(tokens: Tokens, language: Language): Horizon | undefined {
  const { plain } = tokens;
  for (let i = 0; i < plain.length; i++) {
    if (!HORIZON_PREPOSITION_WORDS.has(plain[i]!)) continue;
    if (plain[i - 1] === HORIZON_LOOKING_BACK.before.term) continue;
    // "a leader for 20 years", "who has not ordered in six months": a history, not a horizon.
    if (
      !FORWARD_PREPOSITION_WORDS.has(plain[i]!) &&
      plain.slice(Math.max(0, i - 4), i).some((w) => HISTORY_WORDS.has(w))
    ) {
      continue;
    }
    let start = i + 1;
    while (start < i + 3 && HORIZON_FILLER_WORDS.has(plain[start] ?? '')) start++;
    const duration = durationAt(tokens, start);
    if (duration === undefined) continue;
    if (plain[duration.last + 1] === HORIZON_LOOKING_BACK.after.term) continue;
    if (duration.months <= SHORT_HORIZON_MONTHS || duration.months >= LONG_HORIZON_MONTHS) {
      return {
        months: duration.months,
        duration: asWritten(tokens, duration.first, duration.last + 1),
      };
    }
  }
  const decade = lists().decade.find(tokens, language);
  return decade
    ? {
        months: LONG_HORIZON_MONTHS,
        duration: asWritten(tokens, decade.first, decade.last),
      }
    : undefined;
}

// ------------------------------------------------------------------ all text rules of a card

/** The text rules' findings for one card (its lane decides which rules apply). */
export function textFindings(card: CardSnapshot, language: Language): readonly LocalFinding[] {
  if (card.lane !== 'strategy' && card.lane !== 'objective') return NO_FINDINGS;
  const statement = statementOf(card);
  if (statement.trim() === '') return NO_FINDINGS;
  const statementTokens = tokenise(statement);
  // Title and body together; when one of them is blank that is the statement already.
  const whole = card.title.trim() === '' || card.body.trim() === '' ? statement : wholeText(card);
  const wholeTokens = whole === statement ? statementTokens : tokenise(whole);
  // The language each text is written in (the board's language breaks a tie).
  const statementLanguage = textLanguage(statementTokens, HINTS, language);
  const wholeLanguage =
    wholeTokens === statementTokens
      ? statementLanguage
      : textLanguage(wholeTokens, HINTS, language);
  const findings: LocalFinding[] = [];
  if (card.lane === 'strategy') {
    const tactic = tacticIn(statementTokens, statementLanguage);
    if (tactic) {
      findings.push({
        rule: 'text/tactic-as-strategy',
        message: messages.tacticAsStrategy(card, tactic.written),
      });
    }
    const horizon = horizonIn(wholeTokens, wholeLanguage);
    if (horizon) {
      findings.push({
        rule: 'text/strategy-horizon',
        message: messages.strategyHorizon(
          card,
          horizon.duration,
          horizon.months <= SHORT_HORIZON_MONTHS,
        ),
      });
    }
  } else {
    const parts = partsOf(wholeTokens, wholeLanguage);
    if (!parts.figure && !parts.deadline && !parts.market) {
      findings.push({ rule: 'text/vague-objective', message: messages.vagueObjective(card) });
    } else if (parts.figure !== parts.deadline) {
      findings.push({
        rule: 'text/objective-incomplete',
        message: messages.objectiveIncomplete(card, parts.figure ? 'deadline' : 'figure'),
      });
    }
    const metric = metricIn(statementTokens, statementLanguage);
    if (metric) {
      findings.push({
        rule: 'text/marketing-objective',
        message: messages.marketingObjective(card, metric.written),
      });
    }
  }
  return findings.length === 0 ? NO_FINDINGS : findings;
}
