/**
 * Text normalisation for the text rules: French and English, accent- and case-insensitive,
 * matched on whole words, and on word forms: « Foires commerciales », « FOIRE COMMERCIALE » and
 * "foire commerciale" all meet; so do « bloguer », « bloguons » and « blogué », "sponsor" and
 * "sponsoring". « l’augmentation » becomes `l augmentation`, so an elided article never glues
 * itself to the word after it.
 *
 * Every word gets two keys: its French Snowball stem and its English (Porter) stem, taken after
 * case and accents are folded (`@orama/stemmers`, pure functions, no Node or DOM import). A
 * French list term is compared on French keys, an English one on English keys, so a card is
 * checked against both languages' lists whatever the board's language (issue 12). The choice of
 * Snowball over the plural folding that came before was measured on the labelled corpus (see
 * docs/validator-rules.md, "Word forms").
 */
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import type { Language } from '../board/lanes.ts';

/** Combining marks left by NFD decomposition (é → e + U+0301). */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII_ONLY = /^\p{ASCII}*$/u;
const LIGATURES = /[œŒæÆ]/g;
const LIGATURE_LETTERS: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE' };

/** Strips accents (NFD + drop combining marks), folds ligatures œ/æ. Keeps the case. */
export function stripAccents(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(LIGATURES, (letter) => LIGATURE_LETTERS[letter]!);
}

/**
 * The plural folding the validator used before Snowball stems (kept for the corpus comparison,
 * `setWordKeying('folding')`): foires → foire, sales → sale, canaux → canal, réseaux → reseau,
 * businesses → business; words of ≤ 3 letters are kept; « -ie » and "-y" meet (« stratégie »,
 * "strategy" → `strategy`). It knows no verb forms.
 */
export function foldPlural(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ie') && word.length > 4) return `${word.slice(0, -2)}y`;
  if (word.endsWith('eaux')) return word.slice(0, -1);
  if (word.endsWith('aux') && word.length > 4) return `${word.slice(0, -3)}al`;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * How words are reduced to keys: `snowball` (the validator's choice: French Snowball stems for
 * French terms, English Porter stems for English terms) or `folding` (plural folding only, the
 * same key for both languages).
 */
export type WordKeying = 'snowball' | 'folding';

let keying: WordKeying = 'snowball';
/** Bumped on every keying change so matchers built for another keying are rebuilt. */
let keyingVersion = 0;
/** Word → [French key, English key]. Workshop vocabularies are small: this stays small too. */
const keyCache = new Map<string, readonly [string, string]>();
const KEY_CACHE_LIMIT = 50_000;

/** Switches the word keying (for the corpus comparison only; the validator uses `snowball`). */
export function setWordKeying(next: WordKeying): void {
  if (next === keying) return;
  keying = next;
  keyingVersion++;
  keyCache.clear();
}

export function wordKeying(): { keying: WordKeying; version: number } {
  return { keying, version: keyingVersion };
}

/**
 * The French and English keys of a lower-case, accent-free word. Words of three letters or less
 * are their own key: stemming them only makes collisions (« se » and « sea » both stem to `se`).
 */
export function wordKeys(plain: string): readonly [string, string] {
  let keys = keyCache.get(plain);
  if (keys === undefined) {
    if (keying === 'folding' || plain.length <= 3 || /\d/.test(plain)) {
      const folded = keying === 'folding' ? foldPlural(plain) : plain;
      keys = [folded, folded];
    } else {
      // Snowball French keeps the « s » of plurals after a vowel other than e (« textos »,
      // « promos »): the loanwords in -o that marketers pluralise meet their singular here.
      const french = plain.length > 4 && plain.endsWith('os') ? plain.slice(0, -1) : plain;
      keys = [frenchStem(french), englishStem(plain)];
    }
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(plain, keys);
  }
  return keys;
}

/** A text cut into comparable words, with where each word sits in the original text. */
export interface Tokens {
  /** The text as written (words are quoted from it). */
  readonly text: string;
  /** Lower-case, accent-free words, in order. */
  readonly plain: readonly string[];
  /** The French key of each word (its Snowball stem). */
  readonly fr: readonly string[];
  /** The English key of each word (its Porter stem). */
  readonly en: readonly string[];
  /** Whether each word started with a capital letter in the original text. */
  readonly capitalised: readonly boolean[];
  /** Whether each word was written with a non-ASCII letter (« réseaux », « à »). */
  readonly accented: readonly boolean[];
  /** Offsets of each word in `text` (UTF-16 code units, end exclusive). */
  readonly start: readonly number[];
  readonly end: readonly number[];
  /** Whether the original text holds a digit. */
  readonly hasDigit: boolean;
}

/** Per non-ASCII character: its accent-free lower-case form ('' for a combining mark or an
 * invisible character), or null when it is not part of a word. */
const characterCache = new Map<string, string | null>();
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const MARK_CHARACTER = /\p{M}/u;
/**
 * Invisible characters that sit inside words as pasted from a word processor or a web page —
 * soft hyphen, zero-width joiners, word joiner, byte order mark, bidi marks: the reader sees
 * one word (« web­inaires » with a soft hyphen is « webinaires »), so they are dropped without
 * ending it. The zero-width space is a word break by definition (Unicode UAX #14) and stays one.
 */
const IGNORABLE_CHARACTER = /(?!\u200b)\p{Default_Ignorable_Code_Point}/u;
const DIGIT_CHARACTER = /\p{N}/u;

function foldCharacter(character: string): string | null {
  let folded = characterCache.get(character);
  if (folded === undefined) {
    if (MARK_CHARACTER.test(character) || IGNORABLE_CHARACTER.test(character)) folded = '';
    else if (WORD_CHARACTER.test(character)) folded = stripAccents(character).toLowerCase();
    else folded = null;
    characterCache.set(character, folded);
  }
  return folded;
}

/** Collects words with their keys; shared by both tokeniser paths. */
class TokenBuilder {
  readonly plain: string[] = [];
  readonly fr: string[] = [];
  readonly en: string[] = [];
  readonly capitalised: boolean[] = [];
  readonly accented: boolean[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  hasDigit = false;

  push(word: string, start: number, end: number, capitalised: boolean, accented: boolean) {
    const keys = wordKeys(word);
    this.plain.push(word);
    this.fr.push(keys[0]);
    this.en.push(keys[1]);
    this.capitalised.push(capitalised);
    this.accented.push(accented);
    this.start.push(start);
    this.end.push(end);
  }

  tokens(text: string): Tokens {
    const { plain, fr, en, capitalised, accented, start, end, hasDigit } = this;
    return { text, plain, fr, en, capitalised, accented, start, end, hasDigit };
  }
}

/** U+0080–U+024F (Latin-1 and Latin Extended A/B: every accented letter of French and its
 * neighbours), folded once: the lower-case, accent-free form of each letter, null otherwise. */
const LATIN_END = 0x250;
const LATIN_FOLDED: readonly (string | null)[] = Array.from({ length: LATIN_END - 0x80 }, (_, i) =>
  foldCharacter(String.fromCharCode(0x80 + i)),
);

/**
 * Cuts a text into words: every run of letters or digits (in any script) is a word; spaces,
 * apostrophes, hyphens, punctuation and symbols separate words. Case and accents are folded
 * character by character (a table for Latin letters, NFD for the rest), so each word keeps its
 * offsets in the original text.
 */
export function tokenise(text: string): Tokens {
  const builder = new TokenBuilder();
  let word = '';
  let wordStart = -1;
  let firstUpper = false;
  let accented = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    let piece: string | null;
    let upper = false;
    let wide = false;
    if (code < 128) {
      if (code >= 97 && code <= 122) piece = text[i]!;
      else if (code >= 65 && code <= 90) {
        piece = String.fromCharCode(code + 32);
        upper = true;
      } else if (code >= 48 && code <= 57) {
        piece = text[i]!;
        builder.hasDigit = true;
      } else piece = null;
    } else {
      let character: string;
      if (code < LATIN_END) {
        piece = LATIN_FOLDED[code - 0x80]!;
        character = text[i]!;
      } else {
        // A surrogate pair is one character (letters outside the BMP are rare but exist).
        wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
        character = wide ? text.slice(i, i + 2) : text[i]!;
        piece = foldCharacter(character);
        if (piece !== null && piece !== '' && DIGIT_CHARACTER.test(character)) {
          builder.hasDigit = true;
        }
      }
      if (piece !== null && piece !== '') upper = character !== character.toLowerCase();
    }
    if (piece === null) {
      if (wordStart >= 0) {
        if (word !== '') builder.push(word, wordStart, i, firstUpper, accented);
        word = '';
        wordStart = -1;
      }
      continue;
    }
    if (wordStart < 0) {
      wordStart = i;
      firstUpper = upper;
      accented = false;
    }
    // An invisible character is no accent (it would tilt the card's language towards French).
    if (code >= 128 && (piece !== '' || !IGNORABLE_CHARACTER.test(text[i]!))) accented = true;
    word += piece;
    if (wide) i++;
  }
  return builder.tokens(text);
}

/** The words of tokens `[from, to)` as written in the original text. */
export function asWritten(tokens: Tokens, from: number, to: number): string {
  return tokens.text.slice(tokens.start[from]!, tokens.end[to - 1]!);
}

/** Lower-case, accent-free words of a term, unstemmed (for small sets of function words). */
export function plainWords(term: string): string[] {
  return tokenise(term).plain as string[];
}

/** What a matchable list entry needs. */
export interface MatchableEntry {
  readonly term: string;
  readonly lang: 'fr' | 'en' | 'both';
  readonly ownLanguageOnly?: boolean;
  readonly exactForm?: boolean;
}

/** A list term found in a text: tokens `[first, last)`. */
export interface TermMatch<Entry> {
  readonly entry: Entry;
  readonly first: number;
  readonly last: number;
}

type KeySpace = Language | 'plain';
const KEY_SPACES: readonly KeySpace[] = ['fr', 'en', 'plain'];

interface Candidate<Entry> {
  keys: string[];
  entry: Entry;
}

/**
 * Finds list terms (single words or phrases) in tokenised text, on word boundaries and word
 * forms. French terms are compared on French keys, English terms on English keys, shared terms
 * on either. A term marked `ownLanguageOnly` (a false friend) is only matched when the text is
 * written in its language. Built once per list; `find` is a map lookup or two per word.
 */
export class TermMatcher<Entry extends MatchableEntry> {
  /** By key space: French keys, English keys, and plain words for `exactForm` entries. */
  private readonly byFirstKey: Record<KeySpace, Map<string, Candidate<Entry>[]>> = {
    fr: new Map(),
    en: new Map(),
    plain: new Map(),
  };

  /** The key spaces that hold at least one term (most lists have no `exactForm` entry). */
  private readonly spaces: KeySpace[];

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      const tokens = tokenise(entry.term);
      if (tokens.plain.length === 0) throw new Error(`empty word-list term: "${entry.term}"`);
      const spaces: KeySpace[] = entry.exactForm
        ? ['plain']
        : entry.lang === 'both'
          ? ['fr', 'en']
          : [entry.lang];
      for (const space of spaces) {
        const keys = [...tokens[space]];
        const bucket = this.byFirstKey[space].get(keys[0]!) ?? [];
        bucket.push({ keys, entry });
        // Longest phrase first, so "foire commerciale" wins over "foire" and is the one reported.
        bucket.sort((a, b) => b.keys.length - a.keys.length);
        this.byFirstKey[space].set(keys[0]!, bucket);
      }
    }
    this.spaces = KEY_SPACES.filter((space) => this.byFirstKey[space].size > 0);
  }

  /**
   * The first term found in tokens `[from, to)` (in text order; the longest at one place), or
   * undefined. `textLanguage` is the language the text is written in; `skip` marks words to
   * ignore (masked by another list).
   */
  find(
    tokens: Tokens,
    textLanguage: Language,
    from = 0,
    to = tokens.plain.length,
    skip?: readonly boolean[],
  ): TermMatch<Entry> | undefined {
    for (let start = from; start < to; start++) {
      if (skip?.[start]) continue;
      const match = this.matchAt(tokens, textLanguage, start, to, skip);
      if (match) return match;
    }
    return undefined;
  }

  /** The term starting exactly at token `start`, if any (the longest). */
  at(tokens: Tokens, textLanguage: Language, start: number): TermMatch<Entry> | undefined {
    return this.matchAt(tokens, textLanguage, start, tokens.plain.length);
  }

  /** Every term found, in text order, not overlapping (the longest wins at each place). */
  findAll(tokens: Tokens, textLanguage: Language): TermMatch<Entry>[] {
    const matches: TermMatch<Entry>[] = [];
    for (let start = 0; start < tokens.plain.length; start++) {
      const match = this.matchAt(tokens, textLanguage, start, tokens.plain.length);
      if (match) {
        matches.push(match);
        start = match.last - 1;
      }
    }
    return matches;
  }

  /** Marks every word of every term found (for lists whose words others must skip). */
  mask(tokens: Tokens, textLanguage: Language): boolean[] | undefined {
    let mask: boolean[] | undefined;
    for (const match of this.findAll(tokens, textLanguage)) {
      mask ??= new Array<boolean>(tokens.plain.length).fill(false);
      mask.fill(true, match.first, match.last);
    }
    return mask;
  }

  private matchAt(
    tokens: Tokens,
    textLanguage: Language,
    start: number,
    to: number,
    skip?: readonly boolean[],
  ): TermMatch<Entry> | undefined {
    let best: TermMatch<Entry> | undefined;
    for (const space of this.spaces) {
      const keys = tokens[space];
      const bucket = this.byFirstKey[space].get(keys[start]!);
      if (bucket === undefined) continue;
      for (const candidate of bucket) {
        const { entry } = candidate;
        if (entry.ownLanguageOnly && entry.lang !== textLanguage) continue;
        const last = start + candidate.keys.length;
        if (last > to || (best && best.last >= last)) continue;
        if (!matchesAt(keys, start, candidate.keys, skip)) continue;
        best = { entry, first: start, last };
        break;
      }
    }
    return best;
  }
}

function matchesAt(
  keys: readonly string[],
  start: number,
  phrase: readonly string[],
  skip?: readonly boolean[],
): boolean {
  for (let offset = 1; offset < phrase.length; offset++) {
    if (keys[start + offset] !== phrase[offset] || skip?.[start + offset]) return false;
  }
  return true;
}

/**
 * The language a text is written in: the one whose frequent words (`hints`) it uses more, with a
 * vote for French per accented word; the board's language on a tie (« SEO & SEA », "KPI").
 */
export function textLanguage(
  tokens: Tokens,
  hints: Readonly<Record<Language, ReadonlySet<string>>>,
  boardLanguage: Language,
): Language {
  let french = 0;
  let english = 0;
  const { plain, accented } = tokens;
  for (let i = 0; i < plain.length; i++) {
    const word = plain[i]!;
    if (hints.fr.has(word)) french++;
    if (hints.en.has(word)) english++;
    // « à », « été », « réseaux »: an accent is French (English cards borrow few accented words).
    if (accented[i]) french++;
  }
  return french > english ? 'fr' : english > french ? 'en' : boardLanguage;
}

/** The longest placeholder worth looking up ("to be determined" is 16 characters). */
const PLACEHOLDER_MAX_LENGTH = 24;

/**
 * Whether a field holds nothing yet: blank, only punctuation (« ? », « - », « … »), or one of the
 * `placeholders` (« à définir », TBD, N/A …, given as plain words joined by one space). Cheap on
 * real values: anything longer than a placeholder is answered by its length.
 */
export function isPlaceholder(value: string, placeholders: ReadonlySet<string>): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  // No placeholder is long or holds a digit (« 2027-06-30 », « 40 000 € » are values).
  if (trimmed.length > PLACEHOLDER_MAX_LENGTH || /\d/.test(trimmed)) return false;
  const words = stripAccents(trimmed)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  return words.length === 0 || placeholders.has(words.join(' '));
}
