/**
 * Finding cards by their text (Ctrl/⌘+F): title, body and the plan fields. Pure, so it is tested
 * without a browser. Matching ignores case and accents — a French board is searched with or
 * without them ("reseau" finds "Réseau") — and every word of the query must appear in the card,
 * in any of its fields.
 */
import type { CardSnapshot } from '@fire-triangle/shared';
import { readingOrder } from './navigation.ts';

/** The fields a search looks in, in the order a result names them. */
export const SEARCHED_FIELDS = ['title', 'body', 'kpi', 'owner', 'budget', 'dueDate'] as const;
export type SearchedField = (typeof SEARCHED_FIELDS)[number];

/** Lower case, without accents or other combining marks, spaces collapsed. */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface SearchResult {
  id: string;
  /** The fields where a word of the query was found, in `SEARCHED_FIELDS` order. */
  fields: SearchedField[];
}

/**
 * The cards matching `query`, in reading order (apex lane first, then top to bottom, left to
 * right), so "next result" walks the board the way it is read. An empty query matches nothing.
 * @example searchCards(cards, 'salon') // [{ id: 'c_1', fields: ['title'] }, …]
 */
export function searchCards(cards: readonly CardSnapshot[], query: string): SearchResult[] {
  const words = normaliseForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const results: SearchResult[] = [];
  for (const card of readingOrder(cards)) {
    const texts = SEARCHED_FIELDS.map((field) => normaliseForSearch(card[field]));
    const everyWord = words.every((word) => texts.some((text) => text.includes(word)));
    if (!everyWord) continue;
    results.push({
      id: card.id,
      fields: SEARCHED_FIELDS.filter((_, index) =>
        words.some((word) => texts[index]!.includes(word)),
      ),
    });
  }
  return results;
}
