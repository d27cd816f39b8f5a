/**
 * [format/round-trip]: export → import → export gives the same bytes, for every template and for
 * boards built by random operations (accents, emoji, quotes, new lines, positions off the
 * triangle, dangling and duplicate-looking links).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../src/board/doc.ts';
import { deleteCard, editCard, moveCard } from '../src/board/operations.ts';
import {
  exportBoard,
  exportBoardJson,
  importBoard,
  parseBoardFile,
  snapshotOfFile,
} from '../src/format/board-file.ts';
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
  // The board at the card and link limits: test/limits.test.ts.
});
