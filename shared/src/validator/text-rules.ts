/**
 * The text rules: heuristics over what a card says, in French and English. They only judge
 * what is clearly there (a channel named on a strategy, an objective with no figure, date or
 * market …) and stay quiet otherwise. Their word lists are in word-lists.ts.
 *
 * What a rule reads:
 * - the card's *statement* is its title, or its body when the title is blank: what the card
 *   claims to be (text/tactic-as-strategy, text/marketing-objective);
 * - text/vague-objective and text/strategy-horizon read title and body together: the figure,
 *   date, market or duration may be written in the body.
 * A card with no text at all is left alone (someone is still typing).
 *
 * A board in French is matched with the French and shared terms, a board in English with the
 * English and shared ones (shared: borrowed words like "newsletter", "SEO", "webinar").
 */
import type { Language } from '../board/lanes.ts';
import type { CardSnapshot } from '../board/types.ts';
import * as messages from './messages.ts';
import { PhraseMatcher, stripAccents, type Tokens, termWords, tokenise } from './normalise.ts';
import type { CardRuleId } from './rules.ts';
import {
  BUSINESS_RESULT_TERMS,
  DATE_TERMS,
  DECADE_TERMS,
  FIGURE_TERMS,
  HORIZON_AFTER_NUMBER,
  HORIZON_FILLERS,
  HORIZON_LOOKING_BACK,
  HORIZON_NUMBER_WORDS,
  HORIZON_PREPOSITIONS,
  HORIZON_UNITS_IN_MONTHS,
  LONG_HORIZON_MONTHS,
  MARKET_TERMS,
  MARKETING_METRIC_TERMS,
  NOT_A_MARKET_PHRASES,
  PLACE_ARTICLES,
  PLACE_PREPOSITIONS,
  SHORT_HORIZON_MONTHS,
  TACTIC_TERMS,
  type WordListEntry,
} from './word-lists.ts';

/** A finding of a rule that looks at one card only, before it gets its target. */
export interface LocalFinding {
  rule: CardRuleId;
  message: messages.Message;
}

/** Shared by every card with nothing to report (most of them), so no array is allocated. */
export const NO_FINDINGS: readonly LocalFinding[] = Object.freeze([]);

function forLanguage(list: readonly WordListEntry[], language: Language): WordListEntry[] {
  return list.filter((entry) => entry.lang === language || entry.lang === 'both');
}

/** A plain word key: lower case, no accents, no plural folding (for prepositions, articles). */
function plainWord(term: string): string {
  return stripAccents(term).toLowerCase();
}

interface LanguageMatchers {
  tactic: PhraseMatcher<WordListEntry>;
  marketing: PhraseMatcher<WordListEntry>;
  business: PhraseMatcher<WordListEntry>;
  figure: PhraseMatcher<WordListEntry>;
  date: PhraseMatcher<WordListEntry>;
  market: PhraseMatcher<WordListEntry>;
  notAMarket: PhraseMatcher<WordListEntry>;
  decade: PhraseMatcher<WordListEntry>;
  placePrepositions: ReadonlySet<string>;
}

const matchersByLanguage = new Map<Language, LanguageMatchers>();

function matchersFor(language: Language): LanguageMatchers {
  let matchers = matchersByLanguage.get(language);
  if (matchers === undefined) {
    matchers = {
      tactic: new PhraseMatcher(forLanguage(TACTIC_TERMS, language)),
      marketing: new PhraseMatcher(forLanguage(MARKETING_METRIC_TERMS, language)),
      business: new PhraseMatcher(forLanguage(BUSINESS_RESULT_TERMS, language)),
      figure: new PhraseMatcher(forLanguage(FIGURE_TERMS, language)),
      date: new PhraseMatcher(forLanguage(DATE_TERMS, language)),
      market: new PhraseMatcher(forLanguage(MARKET_TERMS, language)),
      notAMarket: new PhraseMatcher(forLanguage(NOT_A_MARKET_PHRASES, language)),
      decade: new PhraseMatcher(forLanguage(DECADE_TERMS, language)),
      placePrepositions: new Set(
        forLanguage(PLACE_PREPOSITIONS, language).map((entry) => plainWord(entry.term)),
      ),
    };
    matchersByLanguage.set(language, matchers);
  }
  return matchers;
}

/** What the card claims to be: its title, or its body when the title is blank. */
export function statementOf(card: Pick<CardSnapshot, 'title' | 'body'>): string {
  return card.title.trim() !== '' ? card.title : card.body;
}

function wholeText(card: Pick<CardSnapshot, 'title' | 'body'>): string {
  return `${card.title}\n${card.body}`;
}

/** The tactic term a strategy statement names, if any. */
export function findTacticTerm(
  text: string | Tokens,
  language: Language,
): WordListEntry | undefined {
  return matchersFor(language).tactic.find(asTokens(text));
}

function asTokens(text: string | Tokens): Tokens {
  return typeof text === 'string' ? tokenise(text) : text;
}

const PLACE_ARTICLE_WORDS: ReadonlySet<string> = new Set(
  PLACE_ARTICLES.map((entry) => plainWord(entry.term)),
);

/**
 * Title Case ("Increase Sales In Europe") capitalises every word, so a capital says nothing
 * about a place: every word of four letters or more after the first is capitalised.
 */
function isTitleCase(tokens: Tokens): boolean {
  let long = 0;
  for (let i = 1; i < tokens.plain.length; i++) {
    if (tokens.plain[i]!.length < 4) continue;
    if (!tokens.capitalised[i]) return false;
    long++;
  }
  return long >= 2;
}

/** « en Bretagne », « dans l’Ouest », "in Belgium": a capitalised word after a preposition. */
function namesAPlace(tokens: Tokens, prepositions: ReadonlySet<string>): boolean {
  if (isTitleCase(tokens)) return false;
  const { plain, capitalised } = tokens;
  for (let i = 0; i < plain.length - 1; i++) {
    if (!prepositions.has(plain[i]!)) continue;
    let next = i + 1;
    while (next < plain.length && PLACE_ARTICLE_WORDS.has(plain[next]!)) next++;
    if (next < plain.length && capitalised[next] && !/^\d/.test(plain[next]!)) return true;
  }
  return false;
}

/** Why an objective is precise enough, or undefined when it has no figure, no date, no market. */
export function precisionOf(text: string | Tokens, language: Language): string | undefined {
  const tokens = asTokens(text);
  if (tokens.hasDigit) return 'figure';
  const matchers = matchersFor(language);
  if (matchers.figure.find(tokens)) return 'figure';
  if (matchers.date.find(tokens)) return 'date';
  if (matchers.market.find(matchers.notAMarket.mask(tokens))) return 'market';
  if (namesAPlace(tokens, matchers.placePrepositions)) return 'place';
  return undefined;
}

/** The marketing metric an objective statement is about, unless it also names a business result. */
export function findMarketingMetric(
  text: string | Tokens,
  language: Language,
): WordListEntry | undefined {
  const tokens = asTokens(text);
  const matchers = matchersFor(language);
  const metric = matchers.marketing.find(tokens);
  if (metric === undefined) return undefined;
  return matchers.business.find(tokens) ? undefined : metric;
}

function alternatives(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/**
 * "sur 10 ans", « d’ici un an », "over the next 6 months", "a 1-year strategy": a preposition,
 * up to two filler words, a number, an optional "prochaines/next", a unit.
 */
const HORIZON_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${alternatives(HORIZON_PREPOSITIONS.map((entry) => plainWord(entry.term)))})` +
    `\\s+(?:(?:${alternatives(HORIZON_FILLERS.map((entry) => entry.term))})\\s+){0,2}` +
    `(\\d+(?:[.,]\\d+)?|${alternatives(Object.keys(HORIZON_NUMBER_WORDS))})` +
    `\\s+(?:(?:${alternatives(HORIZON_AFTER_NUMBER.map((entry) => entry.term))})\\s+)?` +
    `(${alternatives(Object.keys(HORIZON_UNITS_IN_MONTHS))})(?![\\p{L}\\p{N}])`,
  'gu',
);

const LOOKS_BACK_BEFORE = new RegExp(`(?:^|\\s)${HORIZON_LOOKING_BACK.before.term}\\s$`);
const LOOKS_BACK_AFTER = new RegExp(
  `^\\s*${HORIZON_LOOKING_BACK.after.term}(?![\\p{L}\\p{N}])`,
  'u',
);

/** A cheap first test: the full pattern only runs on text that names a duration unit. */
const HORIZON_UNITS: ReadonlySet<string> = new Set(Object.keys(HORIZON_UNITS_IN_MONTHS));
/** Compared with folded words (« décennies » → `decenny`). */
const DECADE_WORDS: ReadonlySet<string> = new Set(
  DECADE_TERMS.flatMap((entry) => termWords(entry.term)),
);

export interface Horizon {
  months: number;
  /** The duration as written (accents stripped), e.g. "10 ans". */
  duration: string;
}

/** The first horizon stated in the text that is a campaign (≤ 1 year) or astrology (≥ 10 years). */
export function findUnrealisticHorizon(
  text: string,
  language: Language,
  tokens: Tokens = tokenise(text),
): Horizon | undefined {
  const hasUnit = tokens.plain.some((word) => HORIZON_UNITS.has(word));
  if (hasUnit) {
    const loose = stripAccents(text)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}.,]+/gu, ' ');
    for (const match of loose.matchAll(HORIZON_PATTERN)) {
      // « il y a 10 ans » and "10 years ago" look back in time: a history, not a horizon.
      if (LOOKS_BACK_BEFORE.test(loose.slice(0, match.index))) continue;
      if (LOOKS_BACK_AFTER.test(loose.slice(match.index + match[0].length))) continue;
      const numberText = match[1]!;
      const unit = match[2]!;
      const count = /^\d/.test(numberText)
        ? Number.parseFloat(numberText.replace(',', '.'))
        : HORIZON_NUMBER_WORDS[numberText]!;
      const months = count * HORIZON_UNITS_IN_MONTHS[unit]!;
      if (months <= SHORT_HORIZON_MONTHS || months >= LONG_HORIZON_MONTHS) {
        return { months, duration: `${numberText} ${unit}` };
      }
    }
  }
  if (!tokens.words.some((word) => DECADE_WORDS.has(word))) return undefined;
  const decade = matchersFor(language).decade.find(tokens);
  return decade ? { months: LONG_HORIZON_MONTHS, duration: decade.term } : undefined;
}

/** The text rules' findings for one card (its lane decides which rules apply). */
export function textFindings(card: CardSnapshot, language: Language): readonly LocalFinding[] {
  if (card.lane !== 'strategy' && card.lane !== 'objective') return NO_FINDINGS;
  const statement = statementOf(card);
  if (statement.trim() === '') return NO_FINDINGS;
  const statementTokens = tokenise(statement);
  // Title and body together; when one of them is blank that is the statement already.
  const whole = card.title.trim() === '' || card.body.trim() === '' ? statement : wholeText(card);
  const wholeTokens = whole === statement ? statementTokens : tokenise(whole);
  const findings: LocalFinding[] = [];
  if (card.lane === 'strategy') {
    const tactic = findTacticTerm(statementTokens, language);
    if (tactic) {
      findings.push({
        rule: 'text/tactic-as-strategy',
        message: messages.tacticAsStrategy(card, tactic.term),
      });
    }
    const horizon = findUnrealisticHorizon(whole, language, wholeTokens);
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
    if (precisionOf(wholeTokens, language) === undefined) {
      findings.push({ rule: 'text/vague-objective', message: messages.vagueObjective(card) });
    }
    const metric = findMarketingMetric(statementTokens, language);
    if (metric) {
      findings.push({
        rule: 'text/marketing-objective',
        message: messages.marketingObjective(card, metric.term),
      });
    }
  }
  return findings.length === 0 ? NO_FINDINGS : findings;
}
