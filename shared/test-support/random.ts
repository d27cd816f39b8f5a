/**
 * Seeded randomness for tests and benchmarks: the same seed replays the same run, so a failing
 * seed printed in a test name is a bug report on its own. The generator is lib0's `prng`
 * (xoroshiro128+, the one Yjs's own tests use), not a copy of our own.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { LANES, type Lane } from '../src/board/lanes.ts';
import { addCard, initBoard, linkCards } from '../src/board/operations.ts';
import { TRIANGLE } from '../src/geometry/triangle.ts';

/** A seeded stream of floats in [0, 1), for code that only needs `random()`. */
export function seededRandom(seed: number): () => number {
  const generator = prng.create(seed);
  return () => prng.real53(generator);
}

/** Seeded choices for tests: ints, picks, lanes, points, awkward text. */
export class Random {
  /** The next float in [0, 1). */
  readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  lane(): Lane {
    return this.pick(LANES);
  }

  /** Any point of the board's frame, a little beyond it on every side (drops miss the edge). */
  point(): { x: number; y: number } {
    return {
      x: this.next() * (TRIANGLE.width + 400) - 200,
      y: this.next() * (TRIANGLE.height + 400) - 200,
    };
  }

  /** Text with accents, emoji (surrogate pairs), quotes and new lines: what JSON must survive. */
  text(maxLength: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz  éèàçœ’«»"\\\n\t🔥€0123456789';
    const chars = [...alphabet];
    let out = '';
    const length = this.int(maxLength + 1);
    for (let i = 0; i < length; i++) out += this.pick(chars);
    return out;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** A random board built through the real operations (so it is what the app can produce). */
export function randomBoardDoc(random: Random, cardCount = 40, linkCount = 60): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: random.text(30),
    language: random.pick(['fr', 'en'] as const),
    focusLimit: 1 + random.int(5),
  });
  const ids: string[] = [];
  for (let i = 0; i < cardCount; i++) {
    const lane = random.lane();
    ids.push(
      addCard(doc, {
        id: `c${random.seed}-${i}`,
        lane,
        position: random.point(),
        title: random.text(40),
        body: random.chance(0.5) ? random.text(200) : '',
        author: random.pick(['Ana', 'Bruno', 'Chloé', '']),
        now: 1_700_000_000_000 + random.int(1e9),
        ...(lane === 'plan'
          ? {
              kpi: random.text(20),
              owner: random.text(10),
              dueDate: random.chance(0.7) ? `2027-0${1 + random.int(9)}-1${random.int(10)}` : '',
              budget: `${random.int(100)} k€`,
            }
          : {}),
      }),
    );
  }
  for (let i = 0; i < linkCount && ids.length > 1; i++) {
    linkCards(doc, random.pick(ids), random.pick(ids), null, `l${random.seed}-${i}`);
  }
  return doc;
}
