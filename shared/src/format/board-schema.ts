/**
 * The board file's shape, written once as a TypeBox schema (a JSON Schema object built in
 * TypeScript from the card record and the limits table). From it come both the published
 * `shared/board.schema.json` (written by `pnpm --filter @fire-triangle/shared schema`; a test
 * fails when the file is stale) and the importer's shape check (`checkShape`, interpreted by
 * TypeBox's `Check`/`Errors`: no code generated at run time, so it runs under a strict
 * Content-Security-Policy in the browser).
 *
 * What a JSON Schema cannot say is checked in `board-file.ts` after the shape: duplicate card or
 * link ids, 29 February of a year that is not a leap year, duplicate keys, the file's size.
 */
import {
  Union as AnyOf,
  Array as ArrayOf,
  Integer,
  Literal,
  Object as ObjectType,
  Optional,
  String as StringType,
  type TSchema,
} from '@sinclair/typebox';
import { Errors, type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { Check } from '@sinclair/typebox/value';
import { CARD_FILE_SCHEMA, ID_SCHEMA } from '../board/card.ts';
import { DEFAULT_FOCUS_LIMIT } from '../board/doc.ts';
import { LANES, LANGUAGES } from '../board/lanes.ts';
import { characterCount, LIMITS } from '../limits.ts';
import type { PathSegment } from './json-text.ts';

export const BOARD_FILE_FORMAT = 'fire-triangle/board';
export const BOARD_FILE_VERSION = 1;

const MiB = 1024 * 1024;

const META_SCHEMA = ObjectType(
  {
    title: StringType({ maxLength: LIMITS.boardTitleLength }),
    language: AnyOf(
      LANGUAGES.map((language) => Literal(language)),
      { description: 'Lane labels and validator messages.' },
    ),
    focusLimit: Optional(
      Integer({
        minimum: 1,
        maximum: LIMITS.focusLimitMax,
        default: DEFAULT_FOCUS_LIMIT,
        description:
          'How many strategies may serve one objective before focus/too-many-strategies fires.',
      }),
    ),
  },
  { additionalProperties: false },
);

const LINK_SCHEMA = ObjectType(
  { id: ID_SCHEMA, from: ID_SCHEMA, to: ID_SCHEMA },
  {
    additionalProperties: false,
    description:
      '`from` serves `to` (a tactic serves a plan, a plan a strategy, a strategy an objective).',
  },
);

/** The whole board file, version 1, as a TypeBox (JSON Schema draft 2020-12) schema. */
export const BOARD_FILE_SCHEMA = ObjectType(
  {
    $schema: Optional(StringType({ description: 'Optional address of this schema, for editors.' })),
    format: Literal(BOARD_FILE_FORMAT),
    version: Literal(BOARD_FILE_VERSION),
    meta: META_SCHEMA,
    cards: ArrayOf(CARD_FILE_SCHEMA, { maxItems: LIMITS.cards }),
    links: ArrayOf(LINK_SCHEMA, { maxItems: LIMITS.links }),
  },
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:fire-triangle:board-file:v1',
    title: 'Fire Triangle board file, version 1',
    description: `A strategy board: cards in four lanes (${LANES.join(', ')}) and links where \`from\` serves \`to\`. Written by export, read by import and \`pnpm fire-triangle check\`. Generated from shared/src/format/board-schema.ts (\`pnpm --filter @fire-triangle/shared schema\`). The importer also refuses what a schema cannot say: duplicate card or link ids, duplicate keys, impossible dates such as 2027-02-29, files over ${LIMITS.fileBytes / MiB} MiB. A link to a missing card is valid here and reported by the validator as link/dangling.`,
    additionalProperties: false,
  },
);

/** `board.schema.json` as plain JSON (TypeBox's symbol keys dropped), e.g. for an HTTP framework. */
export function boardFileJsonSchema(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(BOARD_FILE_SCHEMA)) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// The shape check and its messages

/** One problem the shape check found, before it is given a line. */
export interface ShapeIssue {
  path: PathSegment[];
  message: string;
}

/** What each object of the file is called in a message. */
interface ObjectNoun {
  /** `'Body' is not a field of a card` */
  a: string;
  /** `is missing; every card needs id, lane, title and position` */
  every: string;
  /** `expected a link {id, from, to} (an object), got …` */
  shape: string;
}

function objectNoun(path: readonly PathSegment[]): ObjectNoun {
  const [first, , third] = path;
  if (path.length === 0) return { a: 'a board file', every: 'a board file', shape: '' };
  if (first === 'meta') {
    return { a: 'the board settings', every: 'the board settings', shape: 'the board settings' };
  }
  if (third === 'position') {
    return { a: 'a position', every: 'a position', shape: 'a position {x, y}' };
  }
  if (first === 'links')
    return { a: 'a link', every: 'every link', shape: 'a link {id, from, to}' };
  return { a: 'a card', every: 'every card', shape: 'a card' };
}

/** A short, readable rendering of a value for a message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    return `'${shown}'`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to store';
  return String(value);
}

/** `a number (42)`, `text ('10')`, `a list`: what a value is, for "expected …, got …". */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return describeValue(value);
  return `${typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true/false' : 'text'} (${describeValue(value)})`;
}

/** `a, b and c` */
export function listed(fields: readonly string[]): string {
  return fields.length === 1
    ? fields[0]!
    : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

/** Lane names people type by mistake (French labels, plurals, capitals) → the lane they meant. */
const LANE_HINTS: Record<string, string> = {
  objectif: 'objective',
  objectifs: 'objective',
  objectives: 'objective',
  goal: 'objective',
  stratégie: 'strategy',
  strategie: 'strategy',
  stratégies: 'strategy',
  strategies: 'strategy',
  plans: 'plan',
  tactique: 'tactic',
  tactiques: 'tactic',
  tactics: 'tactic',
};

function laneHint(value: string): string {
  const lower = value.trim().toLowerCase();
  const meant = (LANES as readonly string[]).includes(lower) ? lower : LANE_HINTS[lower];
  return meant ? ` (did you mean '${meant}'?)` : '';
}

/** The schema at `path` (object properties and array items), for the fields an object allows. */
function schemaAt(path: readonly PathSegment[]): TSchema | undefined {
  let schema: TSchema | undefined = BOARD_FILE_SCHEMA;
  for (const segment of path) {
    if (schema === undefined) return undefined;
    schema = typeof segment === 'number' ? schema.items : schema.properties?.[segment];
  }
  return schema;
}

function fieldsOf(object: TSchema | undefined): string[] {
  return Object.keys(object?.properties ?? {}).filter((field) => field !== '$schema');
}

/**
 * `/cards/3/lane` → `['cards', 3, 'lane']`: a segment is an index where the value at that point
 * is a list (so an object key "3" stays a key).
 */
function pathSegments(pointer: string, root: unknown): PathSegment[] {
  const segments: PathSegment[] = [];
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const segment = Array.isArray(value) ? Number(key) : key;
    segments.push(segment);
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[segment]
        : undefined;
  }
  return segments;
}

/** The message for one TypeBox error, or undefined when it is not one after all (see below). */
function messageOf(error: ValueError, path: PathSegment[]): string | undefined {
  const value = error.value;
  const key = path.at(-1);
  const parent = path.slice(0, -1);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty: {
      const noun = objectNoun(parent);
      const required = (schemaAt(parent)?.required ?? []) as string[];
      return `is missing; ${noun.every} needs ${listed(required)}`;
    }
    case ValueErrorType.ObjectAdditionalProperties: {
      const noun = objectNoun(parent);
      const allowed = fieldsOf(schemaAt(parent));
      const name = String(key);
      const meant = allowed.find((field) => field.toLowerCase() === name.toLowerCase());
      const hint = meant ? ` (did you mean '${meant}'?)` : '';
      return `'${name}' is not a field of ${noun.a}${hint}; the fields are ${listed(allowed)}`;
    }
    case ValueErrorType.Object:
      return `expected ${objectNoun(path).shape} (an object), got ${typeName(value)}`;
    case ValueErrorType.Array:
      return `expected a list of ${String(key)}, got ${typeName(value)}`;
    case ValueErrorType.ArrayMaxItems: {
      const max = (error.schema.maxItems as number).toLocaleString('en');
      const count = (value as unknown[]).length.toLocaleString('en');
      return `holds ${count} ${String(key)}; a board file may hold at most ${max}`;
    }
    case ValueErrorType.String:
      if (key === 'dueDate') return `expected a date as text, got ${typeName(value)}`;
      if (key === '$schema') return `expected text (the schema's address), got ${typeName(value)}`;
      return `expected text, got ${typeName(value)}`;
    case ValueErrorType.StringMaxLength: {
      // TypeBox counts UTF-16 units; JSON Schema (and this format) counts characters, so 500
      // emoji are a valid title. Only a text over the limit in characters is refused.
      const max = error.schema.maxLength as number;
      const length = characterCount(value as string);
      if (length <= max) return undefined;
      return `is ${length.toLocaleString('en')} characters long; at most ${max.toLocaleString('en')} are allowed`;
    }
    case ValueErrorType.StringMinLength:
      return 'must not be empty';
    case ValueErrorType.StringPattern:
      if (key === 'dueDate') return dueDateMessage(value);
      return 'must not be empty';
    case ValueErrorType.Number:
      return `expected a finite number, got ${typeName(value)}`;
    case ValueErrorType.NumberMinimum:
      return `must be at least ${error.schema.minimum}, got ${value}`;
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return `expected a whole number from ${error.schema.minimum} to ${error.schema.maximum}, got ${typeName(value)}`;
    case ValueErrorType.Union:
      if (key === 'language') {
        return `${describeValue(value)} is not a board language; expected ${listed(LANGUAGES.map((language) => `'${language}'`)).replace(' and ', ' or ')}`;
      }
      if (typeof value === 'string') {
        return `'${value}' is not a lane; expected one of ${LANES.join(', ')}${laneHint(value)}`;
      }
      return `expected a lane (${LANES.join(', ')}), got ${typeName(value)}`;
    default:
      return error.message;
  }
}

/** The message for a due date that is not a real `YYYY-MM-DD` date. */
export function dueDateMessage(value: unknown): string {
  return `${describeValue(value)} is not a date; write it YYYY-MM-DD (e.g. 2027-06-30), or '' for none`;
}

/**
 * Checks `value` against `BOARD_FILE_SCHEMA`: every problem, in the file's order, one per path
 * (a missing field is not also "expected text"). Empty when the shape is right. The fast path
 * (`Check`) costs about as much as the hand-written check it replaced; the error walk runs only
 * for a refused file.
 */
export function checkShape(value: unknown): ShapeIssue[] {
  if (Check(BOARD_FILE_SCHEMA, value)) return [];
  const issues: ShapeIssue[] = [];
  const seen = new Set<string>();
  for (const error of Errors(BOARD_FILE_SCHEMA, value)) {
    if (seen.has(error.path)) continue;
    const path = pathSegments(error.path, value);
    const message = messageOf(error, path);
    if (message === undefined) continue;
    seen.add(error.path);
    issues.push({ path, message });
  }
  return issues;
}
