/**
 * [limits/…]: the one table of limits (`src/limits.ts`) makes every stage agree — what the live
 * board accepts, export writes and import accepts again; what import accepts, the server takes
 * in one message and within its size cap. The byte relations the table's comment states are
 * measured here.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import schema from '../board.schema.json' with { type: 'json' };
import { type CardSnapshot, cardWithDefaults } from '../src/board/card.ts';
import { boardStoredBytes, readBoard } from '../src/board/doc.ts';
import { addCard, editCard, initBoard, replaceBoard } from '../src/board/operations.ts';
import type { BoardSnapshot } from '../src/board/types.ts';
import {
  BoardImportError,
  boardFileToJson,
  exportBoardJson,
  importBoard,
  parseBoardFile,
  validateBoardFile,
} from '../src/format/board-file.ts';
import { LIMITS, utf8ByteLength } from '../src/limits.ts';
import { largestBoardFile, Random, randomBoardDoc } from '../test-support/index.ts';

const MiB = 1024 * 1024;

/** The encoded state of a new doc holding `board`, written by the largest client id. */
function storedBytes(board: Parameters<typeof replaceBoard>[1]): number {
  const doc = new Y.Doc();
  doc.clientID = 0xffffffff;
  replaceBoard(doc, board);
  return Y.encodeStateAsUpdate(doc).byteLength;
}

describe('limits: one table for every stage', () => {
  it('[limits/live-export-import] text typed past every limit is stored at the limit, exported, and imported again (a 575-character title)', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'T'.repeat(LIMITS.boardTitleLength), language: 'en' });
    const id = addCard(doc, { lane: 'plan', title: 'x'.repeat(575) });
    editCard(doc, id, {
      body: 'é'.repeat(LIMITS.cardBodyLength + 1),
      kpi: '🔥'.repeat(LIMITS.cardFieldLength + 1),
      owner: 'o'.repeat(LIMITS.cardFieldLength + 1),
      budget: 'b'.repeat(LIMITS.cardFieldLength + 1),
      colour: '#'.repeat(LIMITS.cardColourLength + 1),
    });
    const json = exportBoardJson(doc);
    const imported = importBoard(json);
    expect(exportBoardJson(imported)).toBe(json);
    expect(readBoard(imported).cards[0]!.title).toHaveLength(LIMITS.cardTitleLength);
  });

  it('[limits/schema] the published schema carries the numbers of the table', () => {
    const { properties } = schema;
    expect(properties.cards.maxItems).toBe(LIMITS.cards);
    expect(properties.links.maxItems).toBe(LIMITS.links);
    expect(properties.meta.properties.title.maxLength).toBe(LIMITS.boardTitleLength);
    expect(properties.meta.properties.focusLimit.maximum).toBe(LIMITS.focusLimitMax);
    const card = properties.cards.items.properties;
    expect(card.title.maxLength).toBe(LIMITS.cardTitleLength);
    expect(card.body.maxLength).toBe(LIMITS.cardBodyLength);
    for (const field of ['author', 'kpi', 'owner', 'budget'] as const) {
      expect(card[field].maxLength).toBe(LIMITS.cardFieldLength);
    }
    expect(card.colour.maxLength).toBe(LIMITS.cardColourLength);
    expect(card.id.maxLength).toBe(LIMITS.idLength);
    expect(schema.description).toContain(`${LIMITS.fileBytes / MiB} MiB`);
  });

  it('[limits/bytes] an import or a restore of a board within the cap fits in one message', () => {
    expect(LIMITS.boardBytes).toBeLessThanOrEqual(LIMITS.messageBytes);
    expect(LIMITS.fileBytes).toBeGreaterThanOrEqual(LIMITS.boardBytes);
  });

  it('[format/limits] a board at the card and link limits, with everyday text, exports within maxBytes and parses back', () => {
    const file = validateBoardFile(largestBoardFile());
    const json = boardFileToJson(file);
    expect(utf8ByteLength(json)).toBeLessThan(LIMITS.fileBytes);
    expect(parseBoardFile(json).cards).toHaveLength(LIMITS.cards);
    // …and it fits the live board: its stored state is within the cap, and an import of it into
    // a live board is one update that fits in one message.
    // The bound is within 3 % where it matters, so import needs no scratch doc to decide.
    const stored = storedBytes(file);
    expect(stored).toBeLessThan(LIMITS.boardBytes);
    const bound = boardStoredBytes(file, utf8ByteLength);
    expect(bound).toBeGreaterThanOrEqual(stored);
    expect(bound).toBeLessThan(Math.min(stored * 1.03, LIMITS.boardBytes));
    const live = new Y.Doc();
    initBoard(live, { title: 'Live', language: 'fr' });
    addCard(live, { lane: 'tactic', title: 'replaced by the import' });
    const updates: number[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update.byteLength));
    importBoard(json, live);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toBeLessThan(LIMITS.messageBytes);
  }, 60_000);

  it('[limits/import-cap] a file within the file limit whose board would pass the board cap is refused, naming both sizes', () => {
    // Bare cards with a body: the minified file is small, the loaded board three times larger.
    const body = 'b'.repeat(400);
    const cards = Array.from({ length: LIMITS.cards }, (_, i) => ({
      id: `c${i}`,
      lane: 'tactic',
      title: '',
      body,
      position: { x: 1500, y: 1800 },
    }));
    const text = JSON.stringify({
      format: 'fire-triangle/board',
      version: 1,
      meta: { title: 'Big', language: 'en' },
      cards,
      links: [],
    });
    expect(utf8ByteLength(text)).toBeLessThan(LIMITS.fileBytes);
    const target = new Y.Doc();
    initBoard(target, { title: 'Kept', language: 'en' });
    const before = Y.encodeStateAsUpdate(target);
    let refusal: BoardImportError | undefined;
    try {
      importBoard(text, target);
    } catch (error) {
      refusal = error as BoardImportError;
    }
    expect(refusal).toBeInstanceOf(BoardImportError);
    expect(refusal!.issues).toHaveLength(1);
    expect(refusal!.issues[0]!.message).toMatch(
      /^this board takes \d+\.\d MiB once loaded; a board may take at most 12 MiB/,
    );
    expect(Y.encodeStateAsUpdate(target)).toEqual(before);
  }, 60_000);

  it('[limits/stored-bytes] boardStoredBytes bounds the stored state from above', () => {
    const boards: BoardSnapshot[] = [];
    for (let seed = 1; seed <= 6; seed++) boards.push(readBoard(randomBoardDoc(new Random(seed))));
    const odd = (i: number, fields: Partial<CardSnapshot>) =>
      cardWithDefaults({ id: `c_${i}`, lane: 'plan', ...fields });
    boards.push({
      meta: { title: 'Odd', language: 'fr', schemaVersion: 1, focusLimit: 3 },
      cards: [
        ...Array.from({ length: 300 }, (_, i) =>
          odd(i, {
            id: `card-${'x'.repeat(100)}-${i}`,
            title: '🔥'.repeat(LIMITS.cardTitleLength),
            body: 'é'.repeat(LIMITS.cardBodyLength),
            position: { x: 1500.123, y: 1800.5 },
            createdAt: 1.5e12 + 0.25,
            kpi: 'k'.repeat(LIMITS.cardFieldLength),
            dueDate: '2027-06-30',
          }),
        ),
        ...Array.from({ length: 3000 }, (_, i) => odd(1000 + i, {})),
      ],
      links: Array.from({ length: 3000 }, (_, i) => ({
        id: `l_${i}`,
        from: `c_${1000 + i}`,
        to: `c_${i % 300}`,
      })),
    });
    for (const board of boards) {
      const actual = storedBytes(board);
      const bound = boardStoredBytes(board, utf8ByteLength);
      expect(bound, `${board.cards.length} cards`).toBeGreaterThanOrEqual(actual);
      // Its per-card constant is sized for big boards (longer varints): small ones are within 15 %.
      expect(bound, `${board.cards.length} cards`).toBeLessThanOrEqual(actual * 1.15);
      expect(boardStoredBytes(board, (text) => 3 * text.length)).toBeGreaterThanOrEqual(bound);
    }
  });
});
