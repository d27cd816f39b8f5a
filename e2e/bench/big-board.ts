/** A big, seeded board for benchmarks: cards spread over the four lanes, links one level up. */
import {
  type BoardFileV1,
  CARD_SIZE,
  type CardSnapshot,
  clampCardToLane,
  halfWidthAt,
  LANE_BANDS,
  LANE_COLOURS,
  type Lane,
  type LinkSnapshot,
  TRIANGLE,
} from '@fire-triangle/shared';
import { seededRandom } from '@fire-triangle/shared/test-support';

export function bigBoard(cardCount: number, linkCount: number): BoardFileV1 {
  // Seeded, so every run drags the same board.
  const random = seededRandom(42);
  const share: Record<Lane, number> = { objective: 0.025, strategy: 0.075, plan: 0.2, tactic: 0.7 };
  const cards: CardSnapshot[] = [];
  const byLane: Record<Lane, string[]> = { objective: [], strategy: [], plan: [], tactic: [] };
  for (const band of LANE_BANDS) {
    const count = Math.max(1, Math.round(cardCount * share[band.lane]));
    for (let index = 0; index < count && cards.length < cardCount; index++) {
      const y = band.top + random() * (band.bottom - band.top - CARD_SIZE.height);
      const half = halfWidthAt(y);
      const x = TRIANGLE.width / 2 - half + random() * Math.max(0, 2 * half - CARD_SIZE.width);
      const id = `c_${band.lane}_${index}`;
      byLane[band.lane].push(id);
      cards.push({
        id,
        lane: band.lane,
        title: `${band.lane} ${index}`,
        body: index % 3 === 0 ? 'Some details about this card' : '',
        position: clampCardToLane({ x, y }, band.lane),
        colour: LANE_COLOURS[band.lane],
        author: 'bench',
        createdAt: 0,
        updatedAt: 0,
        kpi: band.lane === 'plan' ? 'leads / month' : '',
        owner: band.lane === 'plan' ? 'Sam' : '',
        dueDate: band.lane === 'plan' ? '2027-06-30' : '',
        budget: band.lane === 'plan' ? '10 k€' : '',
      });
    }
  }
  const links: LinkSnapshot[] = [];
  const pairs = new Set<string>();
  const pick = (ids: string[]) => ids[Math.floor(random() * ids.length)]!;
  const up: Record<Lane, Lane | null> = {
    objective: null,
    strategy: 'objective',
    plan: 'strategy',
    tactic: 'plan',
  };
  const addLink = (from: string, to: string) => {
    const key = `${from}>${to}`;
    if (links.length >= linkCount || pairs.has(key)) return;
    pairs.add(key);
    links.push({ id: `l_${links.length}`, from, to });
  };
  // Every card below the apex serves one card a level up, then extra tactic → plan links.
  for (const card of cards) {
    const level = up[card.lane];
    if (level) addLink(card.id, pick(byLane[level]));
  }
  for (let guard = 0; links.length < linkCount && guard < linkCount * 10; guard++) {
    addLink(pick(byLane.tactic), pick(byLane.plan));
  }
  return {
    format: 'fire-triangle/board',
    version: 1,
    meta: { title: `Drag benchmark (${cardCount} cards)`, language: 'en', focusLimit: 3 },
    cards,
    links,
  } as BoardFileV1;
}
