/**
 * [format/round-trip]: export → import → export gives the same bytes, for every template and for
 * boards built by random operations (accents, emoji, quotes, new lines, positions off the
 * triangle, dangling and duplicate-looking links).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../src/board/doc.ts';
import { LANES } from '../src/board/lanes.ts';
import { deleteCard, editCard, moveCard } from '../src/board/operations.ts';
import {
  BOARD_FILE_LIMITS,
  type BoardFileV1,
  boardFileToJson,
  exportBoard,
  exportBoardJson,
  importBoard,
  parseBoardFile,
  snapshotOfFile,
  validateBoardFile,
} from '../src/format/board-file.ts';
import { utf8ByteLength } from '../src/format/json-text.ts';
import { TEMPLATES } from '../src/templates/index.ts';
import { Random, randomBoardDoc } from '../test-support/index.ts';

describe('[format/round-trip]', () => {
  for (const template of TEMPLATES) {
    it(`[format/round-trip] template ${template.id}`, () => {
      const doc = importBoard(template.file);
      const json = exportBoardJson(doc);
      expect(JSON.parse(json)).toEqual(template.file);
      expect(exportBoardJson(importBoard(json))).toBe(json);
    });
  }

  it('[format/round-trip] 30 random boards, edited, moved and with cards deleted under their links', () => {
    for (let seed = 100; seed < 130; seed++) {
      const random = new Random(seed);
      const doc = randomBoardDoc(random, 30, 50);
      const ids = readBoard(doc).cards.map((card) => card.id);
      for (let i = 0; i < 10; i++) {
        const id = random.pick(ids);
        editCard(doc, id, { title: random.text(30), body: random.text(80) }, null, i);
        moveCard(doc, id, random.point(), { relevel: random.chance(0.5), now: i });
      }
      // Leave dangling links behind, as a concurrent delete does.
      const victim = random.pick(ids);
      const danglingFrom = readBoard(doc).links.filter(
        (link) => link.from === victim || link.to === victim,
      );
      deleteCard(doc, victim);
      const withDangling = exportBoard(doc);
      withDangling.links.push(...danglingFrom);
      const json = exportBoardJson(importBoard(withDangling));
      const again = importBoard(json);
      expect(exportBoardJson(again), `seed ${seed}`).toBe(json);
      expect(readBoard(again), `seed ${seed}`).toEqual(snapshotOfFile(parseBoardFile(json)));
    }
  });

  it('[format/round-trip] a Yjs update of the imported doc rebuilds the same board elsewhere', () => {
    const template = TEMPLATES[0]!;
    const doc = importBoard(template.file);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(exportBoard(copy)).toEqual(template.file);
  });

  it('[format/limits] a board at the card and link limits, with everyday text, exports within maxBytes and parses back', () => {
    const hex = (n: number) => (0x1000000000000000n + BigInt(n) * 7919n).toString(16).slice(0, 16);
    const cards = Array.from({ length: BOARD_FILE_LIMITS.maxCards }, (_, i) => ({
      id: `c_${hex(i)}`,
      lane: LANES[i % 4]!,
      title: `Card ${i}: a typical title of about fifty chars`,
      position: { x: 1500, y: 1800 },
      author: 'Participant 12',
      createdAt: 1_790_000_000_000 + i,
      updatedAt: 1_790_000_000_000 + i,
    }));
    const links = Array.from({ length: BOARD_FILE_LIMITS.maxLinks }, (_, i) => ({
      id: `l_${hex(i + 1e6)}`,
      from: cards[i % cards.length]!.id,
      to: cards[(i * 7 + 1) % cards.length]!.id,
    }));
    const file: BoardFileV1 = validateBoardFile({
      format: 'fire-triangle/board',
      version: 1,
      meta: { title: 'Largest board', language: 'en' },
      cards,
      links,
    });
    const json = boardFileToJson(file);
    expect(utf8ByteLength(json)).toBeLessThan(BOARD_FILE_LIMITS.maxBytes);
    expect(parseBoardFile(json).cards).toHaveLength(BOARD_FILE_LIMITS.maxCards);
  });
});
