/**
 * Text normalisation for the text rules: French and English, accent- and case-insensitive,
 * matched on whole words. « Foires commerciales », "foire commerciale" and « FOIRES
 * COMMERCIALES » all become the tokens `foire commerciale`; « l’augmentation » becomes
 * `l augmentation`, so an elided article never glues itself to the word after it.
 */

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
 * A light plural folding, applied the same way to the text and to the word lists, so a list
 * entry in the singular matches the plural (foires → foire, sales → sale, canaux → canal,
 * réseaux → reseau, businesses → business). It is not a linguistic stemmer: it only has to
 * map both sides to the same key. Short words (≤ 3 letters: "ads", "seo", "pme") are kept.
 * French « -ie » and English "-y" singulars meet (« stratégie », "strategy" → `strategy`).
 */
export function foldPlural(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('sses')) return word.slice(0, -2);
  // "industries" (en, fr), "industry" and « industrie » all fold to `industry`.
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ie') && word.length > 4) return `${word.slice(0, -2)}y`;
  if (word.endsWith('eaux')) return word.slice(0, -1);
  if (word.endsWith('aux') && word.length > 4) return `${word.slice(0, -3)}al`;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** A text cut into comparable words. */
export interface Tokens {
  /** Lower-case, accent-free, plural-folded words, in order. */
  readonly words: readonly string[];
  /** Lower-case, accent-free words before plural folding (numbers and units need them). */
  readonly plain: readonly string[];
  /** Whether each word started with a capital letter in the original text. */
  readonly capitalised: readonly boolean[];
  /** Whether the original text holds a digit. */
  readonly hasDigit: boolean;
}

/**
 * Cuts a text into words: every run of letters or digits (in any script) is a word; spaces,
 * apostrophes, hyphens, punctuation and symbols separate words.
 */
export function tokenise(text: string): Tokens {
  const stripped = stripAccents(text);
  const lower = stripped.toLowerCase();
  // A few letters change length in lower case: then lower-case word by word.
  const sameLength = lower.length === stripped.length;
  const words: string[] = [];
  const plain: string[] = [];
  const capitalised: boolean[] = [];
  let hasDigit = false;
  let start = -1;
  // One pass over the characters: cheaper than a Unicode regex split on every card.
  for (let i = 0; i <= stripped.length; i++) {
    const code = i < stripped.length ? stripped.charCodeAt(i) : 32;
    let inWord: boolean;
    if (code < 128) {
      const isDigit = code >= 48 && code <= 57;
      if (isDigit) hasDigit = true;
      inWord = isDigit || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
    } else {
      const character = stripped[i]!;
      inWord = WORD_CHARACTER.test(character);
      if (inWord && DIGIT_CHARACTER.test(character)) hasDigit = true;
    }
    if (inWord) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const raw = stripped.slice(start, i);
    const word = sameLength ? lower.slice(start, i) : raw.toLowerCase();
    plain.push(word);
    words.push(foldPlural(word));
    capitalised.push(raw[0] !== word[0]);
    start = -1;
  }
  return { words, plain, capitalised, hasDigit };
}

/** A letter or a digit in any script (the ASCII ones are tested by code above). */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const DIGIT_CHARACTER = /\p{N}/u;

/** The comparable words of one word-list term (a word or a phrase). */
export function termWords(term: string): string[] {
  return tokenise(term).words as string[];
}

/**
 * Finds list terms (single words or phrases) in tokenised text, on word boundaries.
 * Built once per list; `find` is one map lookup per word of the text.
 */
export class PhraseMatcher<Entry extends { readonly term: string }> {
  private readonly byFirstWord = new Map<string, { words: string[]; entry: Entry }[]>();

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      const words = termWords(entry.term);
      const first = words[0];
      if (first === undefined) throw new Error(`empty word-list term: "${entry.term}"`);
      const bucket = this.byFirstWord.get(first) ?? [];
      bucket.push({ words, entry });
      // Longest phrase first, so "foire commerciale" wins over "foire" and is the one reported.
      bucket.sort((a, b) => b.words.length - a.words.length);
      this.byFirstWord.set(first, bucket);
    }
  }

  /** The text with every word of every term found replaced by '' (so other lists skip them). */
  mask(tokens: Tokens): Tokens {
    const words = [...tokens.words];
    let masked = false;
    for (let start = 0; start < words.length; start++) {
      const bucket = this.byFirstWord.get(tokens.words[start]!);
      if (bucket === undefined) continue;
      for (const candidate of bucket) {
        if (!matchesAt(tokens.words, start, candidate.words)) continue;
        words.fill('', start, start + candidate.words.length);
        masked = true;
        break;
      }
    }
    return masked ? { ...tokens, words } : tokens;
  }

  /** The first term found in the text (in text order), or undefined. */
  find(tokens: Tokens): Entry | undefined {
    const { words } = tokens;
    for (let start = 0; start < words.length; start++) {
      const bucket = this.byFirstWord.get(words[start]!);
      if (bucket === undefined) continue;
      for (const candidate of bucket) {
        if (matchesAt(words, start, candidate.words)) return candidate.entry;
      }
    }
    return undefined;
  }
}

function matchesAt(words: readonly string[], start: number, phrase: readonly string[]): boolean {
  if (start + phrase.length > words.length) return false;
  for (let offset = 1; offset < phrase.length; offset++) {
    if (words[start + offset] !== phrase[offset]) return false;
  }
  return true;
}
