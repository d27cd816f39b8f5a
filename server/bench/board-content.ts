/**
 * Realistic board content for the benchmarks, written with the real board operations
 * (`addCard`, `moveCard`) so the Yjs structure is exactly what the app produces.
 */

import {
  addCard,
  cardsMap,
  initBoard,
  LANE_LEVEL,
  LANES,
  type Lane,
  linksMap,
  moveCard,
} from '@fire-triangle/shared';
import { seededRandom } from '@fire-triangle/shared/test-support';
import * as Y from 'yjs';

/** The card each writer drags during the edit-latency workload. */
export const writerCardId = (writerIndex: number): string => `c_benchwriter${writerIndex}`;

/**
 * Writers get fixed Yjs client ids, so a receiver can count a writer's updates from the
 * state-vector clocks of each transaction (one move = two items: position, updatedAt — see
 * `loadgen.ts`, which writes the send time with each drag frame)
 * and attribute them without any extra field on the wire.
 */
export const WRITER_CLIENT_ID_BASE = 4_000_000;
export const writerClientId = (writerIndex: number): number => WRITER_CLIENT_ID_BASE + writerIndex;
export const ITEMS_PER_MOVE = 2;

const WORDS = [
  'réduire',
  'les',
  'délais',
  'de',
  'livraison',
  'clients',
  'fidéliser',
  'marché',
  'équipe',
  'former',
  'outil',
  'qualité',
  'coûts',
  'lancer',
  'offre',
  'partenaires',
  'mesurer',
  'satisfaction',
  'trimestre',
  'budget',
];

function sentence(random: () => number, words: number): string {
  const picked: string[] = [];
  for (let i = 0; i < words; i += 1) picked.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return picked.join(' ');
}

export interface BoardShape {
  cards: number;
  /** Each non-objective card links up to a card of the lane above with this probability. */
  linkProbability: number;
  /** Moves per card after creation (history a real board accumulates). */
  movesPerCard: number;
  seed: number;
}

/**
 * Writes a board into `doc` in transactions of `cardsPerTransaction` cards, so a client
 * seeding a server sends messages of a sane size (a real user never pastes 5,000 cards at once).
 */
export function writeBoard(
  doc: Y.Doc,
  shape: BoardShape,
  cardsPerTransaction = 250,
  origin: unknown = null,
): void {
  const random = seededRandom(shape.seed);
  initBoard(doc, { title: `Benchmark board (${shape.cards} cards)`, language: 'fr' }, origin);
  const idsByLane = new Map<Lane, string[]>(LANES.map((lane) => [lane, []]));
  const created: string[] = [];
  for (let start = 0; start < shape.cards; start += cardsPerTransaction) {
    doc.transact(() => {
      const end = Math.min(shape.cards, start + cardsPerTransaction);
      for (let index = start; index < end; index += 1) {
        // More cards near the base, as on a real fire triangle.
        const roll = random();
        const lane: Lane =
          roll < 0.05 ? 'objective' : roll < 0.2 ? 'strategy' : roll < 0.5 ? 'plan' : 'tactic';
        const id = `c_bench${index.toString().padStart(6, '0')}`;
        addCard(
          doc,
          {
            id,
            lane,
            title: sentence(random, 4),
            body: sentence(random, 12),
            position: {
              x: 200 + random() * 2800,
              y: LANE_LEVEL[lane] * 500 + 100 + random() * 300,
            },
            author: `participant ${index % 12}`,
            now: 1_700_000_000_000 + index,
            ...(lane === 'plan' ? { owner: 'Camille', kpi: '-20 % délais', budget: '5 k€' } : {}),
          },
          origin,
        );
        idsByLane.get(lane)!.push(id);
        created.push(id);
        const parentLane = LANES[LANE_LEVEL[lane] - 1];
        const parents = parentLane ? idsByLane.get(parentLane)! : [];
        if (parents.length > 0 && random() < shape.linkProbability) {
          const to = parents[Math.floor(random() * parents.length)]!;
          // Direct write of the documented link record: linkCards' duplicate scan is O(links)
          // per call, and these links are unique by construction.
          const linkId = `l_bench${index.toString().padStart(6, '0')}`;
          linksMap(doc).set(linkId, { id: linkId, from: id, to });
        }
      }
    }, origin);
  }
  for (let pass = 0; pass < shape.movesPerCard; pass += 1) {
    for (let start = 0; start < created.length; start += cardsPerTransaction) {
      doc.transact(() => {
        for (const id of created.slice(start, start + cardsPerTransaction)) {
          const card = cardsMap(doc).get(id);
          const position = card?.get('position') as { x: number; y: number } | undefined;
          if (!position) continue;
          moveCard(
            doc,
            id,
            { x: position.x + (random() - 0.5) * 60, y: position.y + (random() - 0.5) * 20 },
            { relevel: false, now: 1_700_000_100_000 + pass },
            origin,
          );
        }
      }, origin);
    }
  }
}

/** The board's stored size as a y-websocket server would save it: its full state as one update. */
export function storedSize(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength;
}
