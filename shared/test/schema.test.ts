/**
 * `shared/board.schema.json` is published for other tools; it is generated from the TypeBox
 * schema the importer checks with (`src/format/board-schema.ts`). These tests check the file is
 * not stale, and — through an independent validator (Ajv, as other tools would use) — that
 * everything Fire Triangle writes conforms to it and files the schema can judge are refused by
 * both it and the importer.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../board.schema.json' with { type: 'json' };
import { LANE_COLOURS, LANES } from '../src/board/lanes.ts';
import { BoardImportError, exportBoard, validateBoardFile } from '../src/format/board-file.ts';
import { boardFileJsonSchema } from '../src/format/board-schema.ts';
import { LIMITS } from '../src/limits.ts';
import { TEMPLATES } from '../src/templates/index.ts';
import { Random, randomBoardDoc } from '../test-support/index.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const schemaAccepts = ajv.compile(schema);

function tsAccepts(value: unknown): boolean {
  try {
    validateBoardFile(value);
    return true;
  } catch (error) {
    if (error instanceof BoardImportError) return false;
    throw error;
  }
}

function validFile(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(exportBoard(randomBoardDoc(new Random(7), 6, 6))));
}

const card = (file: Record<string, unknown>, index = 0) =>
  (file.cards as Record<string, unknown>[])[index]!;

const DELETE = Symbol('delete');
type Edit = [name: string, path: (string | number)[], value: unknown];

/** Sets (or deletes) the value at `path` in a parsed file. */
function edit(file: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let parent = file as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1))
    parent = parent[segment] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === DELETE) delete parent[last];
  else parent[last] = value;
}

/** Bad files the schema can express; each must be refused by both. */
const BAD_FILES: Edit[] = [
  ['not the format', ['format'], 'other/board'],
  ['format missing', ['format'], DELETE],
  ['newer version', ['version'], 2],
  ['meta missing', ['meta'], DELETE],
  ['cards not a list', ['cards'], {}],
  ['links missing', ['links'], DELETE],
  ['unknown top-level field', ['board'], {}],
  ['unknown language', ['meta', 'language'], 'de'],
  ['board title too long', ['meta', 'title'], 'x'.repeat(LIMITS.boardTitleLength + 1)],
  ['focus limit 0', ['meta', 'focusLimit'], 0],
  ['focus limit not whole', ['meta', 'focusLimit'], 2.5],
  ['unknown lane', ['cards', 0, 'lane'], 'tactique'],
  ['lane missing', ['cards', 0, 'lane'], DELETE],
  ['title a number', ['cards', 0, 'title'], 42],
  ['title too long', ['cards', 0, 'title'], 'x'.repeat(LIMITS.cardTitleLength + 1)],
  ['body too long', ['cards', 0, 'body'], 'x'.repeat(LIMITS.cardBodyLength + 1)],
  ['empty id', ['cards', 0, 'id'], ''],
  ['blank id', ['cards', 0, 'id'], '   '],
  ['id too long', ['cards', 0, 'id'], 'c'.repeat(LIMITS.idLength + 1)],
  ['position missing', ['cards', 0, 'position'], DELETE],
  ['position x as text', ['cards', 0, 'position'], { x: '1', y: 2 }],
  ['position extra key', ['cards', 0, 'position'], { x: 1, y: 2, z: 3 }],
  ['negative createdAt', ['cards', 0, 'createdAt'], -1],
  ['due date wrong shape', ['cards', 0, 'dueDate'], '30/06/2027'],
  ['due date 31 April', ['cards', 0, 'dueDate'], '2027-04-31'],
  ['due date month 13', ['cards', 0, 'dueDate'], '2027-13-01'],
  ['due date a number', ['cards', 0, 'dueDate'], 20270630],
  ['unknown card field', ['cards', 0, 'Body'], 'typo'],
  ['colour too long', ['cards', 0, 'colour'], '#'.repeat(LIMITS.cardColourLength + 1)],
  ['card is a list', ['cards', 0], []],
  ['link without to', ['links'], [{ id: 'l', from: 'a' }]],
  ['link from a number', ['links'], [{ id: 'l', from: 1, to: 'a' }]],
  ['link extra field', ['links'], [{ id: 'l', from: 'a', to: 'b', kind: 'x' }]],
];

describe('board.schema.json', () => {
  it('[format/schema] is the schema the importer checks with (run `pnpm --filter @fire-triangle/shared schema` after changing it)', () => {
    expect(schema).toEqual(boardFileJsonSchema());
  });

  it('[format/schema] is itself a valid draft 2020-12 schema', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('[format/schema] every template conforms', () => {
    for (const template of TEMPLATES) {
      expect(
        schemaAccepts(template.file),
        `${template.id}: ${ajv.errorsText(schemaAccepts.errors)}`,
      ).toBe(true);
    }
  });

  it('[format/schema] every exported random board conforms (20 seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const file = exportBoard(randomBoardDoc(new Random(seed)));
      expect(schemaAccepts(file), `seed ${seed}: ${ajv.errorsText(schemaAccepts.errors)}`).toBe(
        true,
      );
      expect(tsAccepts(file)).toBe(true);
    }
  });

  it('[format/schema] the minimal hand-written board is accepted by both', () => {
    const minimal = {
      format: 'fire-triangle/board',
      version: 1,
      meta: { title: 'Minimal', language: 'en' },
      cards: LANES.map((lane, index) => ({
        id: `c${index}`,
        lane,
        title: lane,
        position: { x: 1500, y: 400 + index * 500 },
        colour: index === 0 ? '' : LANE_COLOURS[lane],
      })),
      links: [{ id: 'l1', from: 'c1', to: 'c-missing' }],
    };
    expect(schemaAccepts(minimal), ajv.errorsText(schemaAccepts.errors)).toBe(true);
    expect(tsAccepts(minimal)).toBe(true);
  });

  for (const [name, path, value] of BAD_FILES) {
    it(`[format/schema] schema and importer both refuse: ${name}`, () => {
      const file = validFile();
      expect(schemaAccepts(file)).toBe(true);
      edit(file, path, value);
      expect(schemaAccepts(file), 'the schema accepted it').toBe(false);
      expect(tsAccepts(file), 'the importer accepted it').toBe(false);
    });
  }

  it('[format/schema] what only the importer can refuse (documented in the schema description)', () => {
    const duplicateIds = validFile();
    card(duplicateIds, 1).id = card(duplicateIds, 0).id;
    const leapDay = validFile();
    card(leapDay).dueDate = '2027-02-29';
    for (const file of [duplicateIds, leapDay]) {
      expect(schemaAccepts(file)).toBe(true);
      expect(tsAccepts(file)).toBe(false);
    }
    expect(schema.description).toMatch(/duplicate card or link ids/);
    expect(schema.description).toMatch(/2027-02-29/);
  });
});
