import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isValidDueDate } from '../board/card.ts';
import { cardsMap, metaMap, readBoard, SCHEMA_VERSION } from '../board/doc.ts';
import { LANE_COLOURS } from '../board/lanes.ts';
import { BoardVersionError } from '../board/migrations.ts';
import { addCard, initBoard, linkCards } from '../board/operations.ts';
import { isInsideTriangle, laneOfCardAt } from '../geometry/triangle.ts';
import { LIMITS } from '../limits.ts';
import {
  BOARD_FILE_FORMAT,
  type BoardFileV1,
  BoardImportError,
  exportBoard,
  exportBoardJson,
  importBoard,
  parseBoardFile,
  snapshotOfFile,
  validateBoardFile,
} from './board-file.ts';

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Lancement 2027', language: 'fr', focusLimit: 2 });
  const objective = addCard(doc, { id: 'c-obj', lane: 'objective', title: 'Objectif', now: 10 });
  const plan = addCard(doc, {
    id: 'c-plan',
    lane: 'plan',
    title: 'Plan',
    kpi: 'CA',
    owner: 'Ana',
    dueDate: '2027-06-30',
    budget: '10 k€',
    now: 11,
  });
  const tactic = addCard(doc, {
    id: 'c-tac',
    lane: 'tactic',
    title: 'Salon « Vivatech »',
    now: 12,
  });
  linkCards(doc, tactic, plan, null, 'l-1');
  linkCards(doc, plan, objective, null, 'l-2');
  return doc;
}

/** The error a refused text throws (fails the test when nothing is thrown). */
function refusal(text: string): BoardImportError {
  try {
    parseBoardFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BoardImportError);
    return error as BoardImportError;
  }
  throw new Error('the file was accepted');
}

/** 1-based line of the first occurrence of `needle` — found independently of the parser. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  expect(index).toBeGreaterThanOrEqual(0);
  return text.slice(0, index).split('\n').length;
}

function withFile(mutate: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(exportBoardJson(sampleDoc())) as Record<string, unknown>;
  mutate(file);
  return `${JSON.stringify(file, null, 2)}\n`;
}

const cardsOf = (file: Record<string, unknown>) => file.cards as Record<string, unknown>[];

describe('board file: export', () => {
  it('[format/stable] writes format, version, meta, sorted cards and links, 2-space indent, trailing new line', () => {
    const json = exportBoardJson(sampleDoc());
    expect(json.endsWith('}\n')).toBe(true);
    expect(
      json.startsWith('{\n  "format": "fire-triangle/board",\n  "version": 1,\n  "meta": {'),
    ).toBe(true);
    const file = JSON.parse(json) as BoardFileV1;
    expect(file.cards.map((card) => card.id)).toEqual(['c-obj', 'c-plan', 'c-tac']);
    expect(file.links.map((link) => link.id)).toEqual(['l-1', 'l-2']);
    expect(Object.keys(file.cards[0]!)).toEqual([
      'id',
      'lane',
      'title',
      'body',
      'position',
      'colour',
      'author',
      'createdAt',
      'updatedAt',
      'kpi',
      'owner',
      'dueDate',
      'budget',
    ]);
    expect(file.meta).toEqual({ title: 'Lancement 2027', language: 'fr', focusLimit: 2 });
  });

  it('[format/stable] two docs with the same board in a different insertion order export the same bytes', () => {
    const a = sampleDoc();
    const b = new Y.Doc();
    // Insert in reverse order through an import of a reversed file.
    const reversed = exportBoard(a);
    reversed.cards.reverse();
    reversed.links.reverse();
    importBoard(reversed, b);
    expect(exportBoardJson(b)).toBe(exportBoardJson(a));
  });
});

describe('board file: import', () => {
  it('[format/round-trip] export → import → export is byte-identical and the snapshot matches', () => {
    const json = exportBoardJson(sampleDoc());
    const doc = importBoard(json);
    expect(exportBoardJson(doc)).toBe(json);
    expect(readBoard(doc)).toEqual(snapshotOfFile(parseBoardFile(json)));
  });

  it('[format/atomic] replaces the whole content of an existing doc in one transaction with the given origin', () => {
    const target = new Y.Doc();
    initBoard(target, { title: 'old', language: 'en' });
    addCard(target, { id: 'old-card', lane: 'tactic' });
    const origins: unknown[] = [];
    target.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    const origin = { kind: 'import' };
    importBoard(exportBoardJson(sampleDoc()), target, origin);
    expect(origins).toEqual([origin]);
    expect(cardsMap(target).has('old-card')).toBe(false);
    expect(readBoard(target).meta.title).toBe('Lancement 2027');
    expect(metaMap(target).get('schemaVersion')).toBe(SCHEMA_VERSION);
  });

  it('[format/atomic] a refused file leaves the doc exactly as it was (nothing half-imported)', () => {
    const target = sampleDoc();
    const before = Y.encodeStateAsUpdate(target);
    const beforeJson = exportBoardJson(target);
    let updates = 0;
    target.on('update', () => updates++);
    const bad = withFile((file) => {
      cardsOf(file).push({ id: 'new', lane: 'tactic', title: 'ok', position: { x: 1, y: 1900 } });
      cardsOf(file)[1]!.lane = 'tactique';
    });
    expect(() => importBoard(bad, target)).toThrow(BoardImportError);
    expect(updates).toBe(0);
    expect(exportBoardJson(target)).toBe(beforeJson);
    expect(Y.encodeStateAsUpdate(target)).toEqual(before);
  });

  it('[format/keep-dangling] keeps a link whose card is missing (the validator reports it)', () => {
    const text = withFile((file) => {
      (file.links as unknown[]).push({ id: 'l-ghost', from: 'c-tac', to: 'c-deleted' });
    });
    const doc = importBoard(text);
    expect(readBoard(doc).links).toContainEqual({ id: 'l-ghost', from: 'c-tac', to: 'c-deleted' });
    expect(exportBoardJson(doc)).toBe(text);
  });

  it('[format/keep-dangling] keeps self and duplicate links too (validator findings, not format errors)', () => {
    const text = withFile((file) => {
      (file.links as unknown[]).push({ id: 'l-self', from: 'c-tac', to: 'c-tac' });
      (file.links as unknown[]).push({ id: 'l-twice', from: 'c-tac', to: 'c-plan' });
    });
    expect(parseBoardFile(text).links.map((link) => link.id)).toEqual([
      'l-1',
      'l-2',
      'l-self',
      'l-twice',
    ]);
  });

  it('[format/defaults] fills optional card fields and meta.focusLimit', () => {
    const file = validateBoardFile({
      format: BOARD_FILE_FORMAT,
      version: 1,
      meta: { title: 'Minimal', language: 'en' },
      cards: [{ id: 'a', lane: 'plan', title: 'Plan', position: { x: 1500, y: 1200 } }],
      links: [],
    });
    expect(file.meta.focusLimit).toBe(3);
    expect(file.cards[0]).toEqual({
      id: 'a',
      lane: 'plan',
      title: 'Plan',
      body: '',
      position: { x: 1500, y: 1200 },
      colour: LANE_COLOURS.plan,
      author: '',
      createdAt: 0,
      updatedAt: 0,
      kpi: '',
      owner: '',
      dueDate: '',
      budget: '',
    });
  });

  it('[format/clamp] moves a card outside the triangle back inside, keeps its lane, and round-trips', () => {
    const text = withFile((file) => {
      cardsOf(file)[0]!.position = { x: -5000, y: -300 };
    });
    const file = parseBoardFile(text);
    const card = file.cards[0]!;
    expect(card.lane).toBe('objective');
    expect(isInsideTriangle(card.position)).toBe(true);
    expect(laneOfCardAt(card.position)).toBe('objective');
    const once = exportBoardJson(importBoard(file));
    expect(exportBoardJson(importBoard(once))).toBe(once);
  });

  it('[format/clamp] an export of a doc holding an unclamped position still round-trips exactly', () => {
    const doc = sampleDoc();
    doc.transact(() => cardsMap(doc).get('c-tac')!.set('position', { x: 99_999, y: 5 }));
    const json = exportBoardJson(doc);
    expect(exportBoardJson(importBoard(json))).toBe(json);
  });

  it('[format/version] refuses to import into a doc written by a newer Fire Triangle', () => {
    const newer = new Y.Doc();
    metaMap(newer).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => importBoard(exportBoardJson(sampleDoc()), newer)).toThrow(BoardVersionError);
  });

  it('[format/well-formed] half an emoji (a lone \\ud83d escape) imports as U+FFFD', () => {
    const text = exportBoardJson(sampleDoc()).replace(
      '"title": "Objectif"',
      '"title": "Obj\\ud83d"',
    );
    expect(parseBoardFile(text).cards[0]!.title).toBe('Obj\uFFFD');
  });

  it('[format/bom] accepts a file saved with a byte-order mark', () => {
    const json = exportBoardJson(sampleDoc());
    expect(parseBoardFile(`\uFEFF${json}`)).toEqual(parseBoardFile(json));
  });
});

describe('board file: refusals name the field and the line', () => {
  it('[format/refuse] unknown lane, with the lane list and a hint', () => {
    const text = withFile((file) => {
      cardsOf(file)[2]!.lane = 'tactique';
    });
    const error = refusal(text);
    expect(error.issues).toEqual([
      {
        path: 'cards[2].lane',
        line: lineOf(text, '"lane": "tactique"'),
        message:
          "'tactique' is not a lane; expected one of objective, strategy, plan, tactic (did you mean 'tactic'?)",
      },
    ]);
    expect(error.message).toContain(
      `cards[2].lane: 'tactique' is not a lane; expected one of objective, strategy, plan, tactic (did you mean 'tactic'?) (line ${lineOf(text, '"tactique"')})`,
    );
  });

  it('[format/refuse] wrong types, several at once, each with its line', () => {
    const text = withFile((file) => {
      cardsOf(file)[0]!.title = 42;
      cardsOf(file)[1]!.position = { x: '10', y: 20 };
      (file.meta as Record<string, unknown>).language = 'de';
      (file.links as Record<string, unknown>[])[0]!.to = null;
    });
    const issues = refusal(text).issues;
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['meta.language', lineOf(text, '"language": "de"')],
      ['cards[0].title', lineOf(text, '"title": 42')],
      ['cards[1].position.x', lineOf(text, '"x": "10"')],
      ['links[0].to', lineOf(text, '"to": null')],
    ]);
    expect(issues[1]!.message).toBe('expected text, got a number (42)');
    expect(issues[2]!.message).toBe("expected a finite number, got text ('10')");
  });

  it('[format/refuse] missing required fields point at the object that lacks them', () => {
    const text = withFile((file) => {
      delete cardsOf(file)[1]!.title;
      delete cardsOf(file)[1]!.lane;
      delete file.links;
    });
    const issues = refusal(text).issues;
    expect(issues.map((issue) => issue.path)).toEqual(['links', 'cards[1].lane', 'cards[1].title']);
    expect(issues[1]!.message).toBe('is missing; every card needs id, lane, title and position');
    expect(issues[1]!.line).toBe(lineOf(text, '"id": "c-plan"') - 1);
  });

  it('[format/refuse] duplicate card ids and duplicate link ids', () => {
    const text = withFile((file) => {
      cardsOf(file)[2]!.id = 'c-obj';
    });
    const [issue] = refusal(text).issues;
    expect(issue).toEqual({
      path: 'cards[2].id',
      line: text.split('\n').findIndex((line, index) => index > 20 && line.includes('"c-obj"')) + 1,
      message: "the id 'c-obj' is already used by cards[0]; every card needs its own id",
    });
  });

  it('[format/refuse] bad due dates: impossible day, wrong shape, not text', () => {
    expect(isValidDueDate('')).toBe(true);
    expect(isValidDueDate('2028-02-29')).toBe(true);
    expect(isValidDueDate('2027-02-29')).toBe(false);
    expect(isValidDueDate('2027-04-31')).toBe(false);
    expect(isValidDueDate('30/06/2027')).toBe(false);
    const text = withFile((file) => {
      cardsOf(file)[1]!.dueDate = '30/06/2027';
    });
    expect(refusal(text).issues[0]).toMatchObject({
      path: 'cards[1].dueDate',
      line: lineOf(text, '30/06/2027'),
    });
    expect(refusal(text).issues[0]!.message).toContain('write it YYYY-MM-DD');
  });

  it('[format/refuse] a non-finite position (1e999 parses to Infinity)', () => {
    const text = exportBoardJson(sampleDoc()).replace(/"y": [\d.]+/, '"y": 1e999');
    expect(refusal(text).issues[0]).toMatchObject({
      path: 'cards[0].position.y',
      message: 'expected a finite number, got a number too large to store',
    });
  });

  it('[format/refuse] unknown fields (a typo would silently lose data), with a case hint', () => {
    const text = withFile((file) => {
      cardsOf(file)[0]!.Body = 'typo';
    });
    expect(refusal(text).issues[0]).toMatchObject({
      path: 'cards[0].Body',
      line: lineOf(text, '"Body"'),
    });
    expect(refusal(text).issues[0]!.message).toMatch(
      /^'Body' is not a field of a card \(did you mean 'body'\?\)/,
    );
  });

  it('[format/refuse] invalid JSON names the line and column', () => {
    const json = exportBoardJson(sampleDoc());
    const text = json.replace('"kpi": "CA",', '"kpi": "CA"');
    const [issue] = refusal(text).issues;
    expect(issue!.line).toBe(lineOf(text, '"owner": "Ana"'));
    expect(issue!.message).toBe("invalid JSON: a ',' was expected between two values");
    expect(issue!.column).toBeGreaterThan(1);
    expect(refusal('').issues[0]!.message).toMatch(/empty/);
    expect(refusal('{"format": "fire-triangle/board", // note\n}').issues[0]!.message).toMatch(
      /comments are not allowed/,
    );
  });

  it('[format/refuse] a duplicate key is refused instead of keeping only the last one', () => {
    const json = exportBoardJson(sampleDoc());
    const text = json.replace('"body": "",', '"body": "first",\n      "body": "",');
    const [issue] = refusal(text).issues;
    expect(issue).toMatchObject({ path: 'cards[0].body', line: lineOf(text, '"body": "",') });
  });

  it('[format/refuse] another JSON file or a newer format gets one clear reason', () => {
    expect(refusal('[1, 2]').issues).toEqual([
      { path: '', line: 1, message: 'a board file is a JSON object, this one holds a list' },
    ]);
    expect(refusal('{"name": "package"}').issues).toHaveLength(1);
    expect(refusal('{"name": "package"}').issues[0]!.path).toBe('format');
    const newer = withFile((file) => {
      file.version = 2;
    });
    expect(refusal(newer).issues[0]!.message).toMatch(/newer than the version 1/);
  });

  it('[format/refuse] "__proto__" is an unknown field, never an object prototype', () => {
    const text = withFile(() => {}).replace(
      '"id": "c-obj",',
      '"__proto__": {"lane": "plan"}, "id": "c-obj",',
    );
    expect(refusal(text).issues[0]!.path).toBe('cards[0].__proto__');
  });

  it('[format/refuse] the issue list is capped and the rest counted', () => {
    const text = withFile((file) => {
      for (const card of cardsOf(file)) card.lane = 'nope';
      for (let i = 0; i < 30; i++) {
        cardsOf(file).push({ id: `x${i}`, lane: 'nope', title: 't', position: { x: 0, y: 0 } });
      }
    });
    const error = refusal(text);
    expect(error.issues).toHaveLength(LIMITS.importIssues);
    expect(error.omitted).toBe(33 - LIMITS.importIssues);
    expect(error.message).toContain('(33 problems)');
    expect(error.message).toContain(`…and ${33 - LIMITS.importIssues} more`);
  });

  it('[format/limits] oversized text fields are refused with their length and the limit', () => {
    const text = withFile((file) => {
      cardsOf(file)[0]!.title = 'x'.repeat(LIMITS.cardTitleLength + 1);
      cardsOf(file)[1]!.body = 'y'.repeat(LIMITS.cardBodyLength + 1);
    });
    const issues = refusal(text).issues;
    expect(issues.map((issue) => issue.path)).toEqual(['cards[0].title', 'cards[1].body']);
    expect(issues[0]!.message).toBe('is 501 characters long; at most 500 are allowed');
    expect(issues[1]!.message).toBe('is 10,001 characters long; at most 10,000 are allowed');
  });

  it('[format/limits] lengths count characters, so 500 emoji are a valid title', () => {
    const text = withFile((file) => {
      cardsOf(file)[0]!.title = '🔥'.repeat(LIMITS.cardTitleLength);
    });
    expect(parseBoardFile(text).cards[0]!.title).toHaveLength(LIMITS.cardTitleLength * 2);
  });

  it('[format/limits] a file over the byte limit is refused before parsing', () => {
    const text = withFile((file) => {
      cardsOf(file)[0]!.body = 'é'.repeat(LIMITS.fileBytes / 2);
    });
    expect(refusal(text).issues[0]!.message).toMatch(
      /^the file is 16\.0 MiB; a board file may be at most 16 MiB$/,
    );
  });

  it('[format/limits] too many cards is one issue, not 20,001', () => {
    const cards = Array.from({ length: LIMITS.cards + 1 }, (_, i) => ({
      id: `c${i}`,
      lane: 'tactic',
      title: '',
      position: { x: 1500, y: 1800 },
    }));
    const error = (() => {
      try {
        validateBoardFile({
          format: BOARD_FILE_FORMAT,
          version: 1,
          meta: { title: '', language: 'en' },
          cards,
          links: [],
        });
      } catch (caught) {
        return caught as BoardImportError;
      }
      throw new Error('accepted');
    })();
    expect(error.issues).toEqual([
      { path: 'cards', message: 'holds 20,001 cards; a board file may hold at most 20,000' },
    ]);
  });

  it('[format/limits] deep nesting is refused with its line instead of overflowing the stack', () => {
    const text = `{\n"format": "fire-triangle/board",\n"x": ${'['.repeat(100_000)}`;
    const [issue] = refusal(text).issues;
    expect(issue!.line).toBe(3);
    expect(issue!.message).toMatch(/nest more than 32 deep/);
  });
});
