/**
 * [sync/converge] Seeded random operations on 3–5 Y.Docs whose updates are buffered and
 * delivered in random order (some peers stay behind for a while), then: every doc exports the
 * same bytes, every link to a missing card is reported as link/dangling and nothing else is,
 * every card sits in the lane its position says, and the export is a valid board file.
 *
 * Each round also stages the races the product brief names: a card deleted on one peer while
 * another links to it, one card dropped in different lanes by two peers, and two people typing
 * in one text field — the title, the body or a plan field (KPI, owner, budget: Y.Text since
 * layout v2, issue #14). A failing seed is in the test's message; rerun it alone to replay it.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CARD_TEXT_FIELDS, type CardTextField } from '../src/board/card.ts';
import { readBoard, readDrags } from '../src/board/doc.ts';
import { LANES } from '../src/board/lanes.ts';
import {
  addCard,
  deleteCard,
  dragSelection,
  dropSelection,
  editCard,
  initBoard,
  linkCards,
  moveCard,
  unlinkCards,
} from '../src/board/operations.ts';
import type { BoardSnapshot } from '../src/board/types.ts';
import { exportBoardJson, importBoard } from '../src/format/board-file.ts';
import { laneBand, laneOfCardAt } from '../src/geometry/triangle.ts';
import { validateBoard } from '../src/validator/index.ts';
import { Random, TestNetwork } from '../test-support/index.ts';

class Scenario {
  private counter = 0;
  private clock = 1_800_000_000_000;
  readonly network: TestNetwork;
  /** Races staged: how many links were made to a card deleted at the same time. */
  racesStaged = 0;

  constructor(
    readonly random: Random,
    peerCount: number,
  ) {
    this.network = new TestNetwork(peerCount, random);
    initBoard(this.network.peers[0]!, { title: `seed ${random.seed}`, language: 'en' });
    this.network.flush();
  }

  private nextId(prefix: string): string {
    return `${prefix}-${this.random.seed}-${this.counter++}`;
  }

  private now(): number {
    this.clock += 1000;
    return this.clock;
  }

  private cardIds(doc: Y.Doc): string[] {
    return readBoard(doc).cards.map((card) => card.id);
  }

  private dropPoint(lane: (typeof LANES)[number]): { x: number; y: number } {
    const band = laneBand(lane);
    return {
      x: 300 + this.random.next() * 2600,
      y: band.top + this.random.next() * (band.bottom - band.top) - 48,
    };
  }

  /**
   * A random change of the title, as an editor makes it: insert a run of characters or delete
   * one, at character (code point) boundaries — an editor never puts the caret inside an emoji.
   */
  private editedTitle(current: string): string {
    const chars = [...current];
    const at = this.random.int(chars.length + 1);
    if (chars.length > 0 && this.random.chance(0.3)) {
      chars.splice(at, 1 + this.random.int(3));
    } else {
      chars.splice(at, 0, ...this.random.text(4));
    }
    return chars.join('');
  }

  randomOperation(): void {
    const doc = this.random.pick(this.network.peers);
    const ids = this.cardIds(doc);
    const roll = this.random.next();
    if (ids.length < 3 || roll < 0.2) {
      addCard(doc, {
        id: this.nextId('c'),
        lane: this.random.lane(),
        position: this.random.point(),
        title: this.random.text(12),
        now: this.now(),
      });
    } else if (roll < 0.45) {
      const id = this.random.pick(ids);
      const title = readBoard(doc).cards.find((card) => card.id === id)!.title;
      editCard(doc, id, { title: this.editedTitle(title) }, null, this.now());
    } else if (roll < 0.65 && ids.length >= 3 && this.random.chance(0.3)) {
      // A selection drag: one offset per frame under this peer's key, then the drop.
      const selection = this.random.shuffle([...ids]).slice(0, 2 + this.random.int(2));
      for (let step = 1 + this.random.int(3); step > 0; step--) {
        dragSelection(doc, selection, { x: this.random.next() * 200, y: this.random.next() * 200 });
      }
      const lane = this.random.lane();
      dropSelection(
        doc,
        new Map(selection.map((id) => [id, this.dropPoint(lane)])),
        null,
        this.now(),
      );
    } else if (roll < 0.65) {
      // A drag (positions only) then a drop (the lane follows), like the canvas does.
      const id = this.random.pick(ids);
      for (let step = this.random.int(3); step > 0; step--) {
        moveCard(doc, id, this.random.point(), { relevel: false, now: this.now() });
      }
      moveCard(doc, id, this.dropPoint(this.random.lane()), { relevel: true, now: this.now() });
    } else if (roll < 0.75) {
      deleteCard(doc, this.random.pick(ids));
    } else if (roll < 0.92) {
      linkCards(doc, this.random.pick(ids), this.random.pick(ids), null, this.nextId('l'));
    } else {
      const links = readBoard(doc).links;
      if (links.length > 0) unlinkCards(doc, this.random.pick(links).id);
    }
  }

  /** The three races, staged on peers that all know the board (call after a flush). */
  stageRaces(): void {
    const [a, b, c] = this.random.shuffle([...this.network.peers]);
    const ids = this.cardIds(a!);
    if (ids.length < 3) return;
    // 1. a deletes a card while b links another card to it.
    const victim = this.random.pick(ids);
    const other = this.random.pick(ids.filter((id) => id !== victim));
    deleteCard(a!, victim);
    if (linkCards(b!, other, victim, null, this.nextId('l')).ok) this.racesStaged++;
    // 2. b and c drop one card in two different lanes.
    const moved = this.random.pick(ids.filter((id) => id !== victim));
    const [laneB, laneC] = this.random.shuffle([...LANES]);
    moveCard(b!, moved, this.dropPoint(laneB!), { relevel: true, now: this.now() });
    moveCard(c!, moved, this.dropPoint(laneC!), { relevel: true, now: this.now() });
  }

  /** Two peers type a marker each into one text field at once; both markers must survive. */
  typingRace(): { id: string; field: CardTextField; markers: string[] } | undefined {
    const [a, b] = this.random.shuffle([...this.network.peers]);
    const ids = this.cardIds(a!);
    if (ids.length === 0) return undefined;
    const id = this.random.pick(ids);
    const field = this.random.pick(CARD_TEXT_FIELDS);
    const markers = [`<${this.counter++}>`, `[${this.counter++}]`];
    [a!, b!].forEach((doc, index) => {
      const text = readBoard(doc).cards.find((card) => card.id === id)![field];
      const chars = [...text];
      chars.splice(this.random.int(chars.length + 1), 0, markers[index]!);
      editCard(doc, id, { [field]: chars.join('') });
    });
    return { id, field, markers };
  }
}

function expectedDangling(board: BoardSnapshot): string[] {
  const cards = new Set(board.cards.map((card) => card.id));
  return board.links
    .filter((link) => !cards.has(link.from) || !cards.has(link.to))
    .map((link) => link.id)
    .sort();
}

function runSeed(seed: number): { dangling: number; racesStaged: number } {
  const random = new Random(seed);
  const scenario = new Scenario(random, 3 + random.int(3));
  const { network } = scenario;
  for (let i = 0; i < 6; i++) scenario.randomOperation();
  for (let round = 0; round < 4; round++) {
    network.flush();
    const typing = scenario.typingRace();
    network.flush();
    if (typing) {
      const card = readBoard(network.peers[0]!).cards.find((found) => found.id === typing.id);
      for (const marker of typing.markers) {
        expect(card?.[typing.field], `seed ${seed}: ${typing.field}`).toContain(marker);
      }
    }
    scenario.stageRaces();
    for (let op = 0; op < 20; op++) {
      scenario.randomOperation();
      if (random.chance(0.3)) network.deliverSome(random.next());
    }
  }
  network.flush();

  const exports = network.peers.map(exportBoardJson);
  // Every selection drag was dropped: no peer draws a card off its stored position.
  for (const peer of network.peers) expect(readDrags(peer).size, `seed ${seed}`).toBe(0);
  for (const json of exports) expect(json, `seed ${seed}: docs diverged`).toBe(exports[0]);
  const board = readBoard(network.peers[0]!);
  for (const card of board.cards) {
    expect(laneOfCardAt(card.position), `seed ${seed}: card ${card.id}`).toBe(card.lane);
  }
  const reported = validateBoard(board)
    .filter((finding) => finding.rule === 'link/dangling')
    .map((finding) => finding.target.id)
    .sort();
  const expected = expectedDangling(board);
  expect(reported, `seed ${seed}: dangling links`).toEqual(expected);
  // What converged is a valid board file that round-trips, dangling links included.
  expect(exportBoardJson(importBoard(exports[0]!)), `seed ${seed}: round trip`).toBe(exports[0]);
  return { dangling: expected.length, racesStaged: scenario.racesStaged };
}

describe('[sync/converge] random operations delivered in random order', () => {
  const SEEDS = Array.from({ length: 40 }, (_, index) => index + 1);
  const totals = { dangling: 0, races: 0 };
  for (const seed of SEEDS) {
    it(`[sync/converge] seed ${seed}: 3–5 peers, 4 rounds, identical exports, dangling links reported`, () => {
      const result = runSeed(seed);
      totals.dangling += result.dangling;
      totals.races += result.racesStaged;
    });
  }

  it('[sync/converge] the races really happened (a suite where no link ever dangled would prove nothing)', () => {
    expect(totals.races).toBeGreaterThan(SEEDS.length * 3);
    expect(totals.dangling).toBeGreaterThan(SEEDS.length / 2);
  });
});
