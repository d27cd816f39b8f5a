/**
 * The card record, in one place (as tldraw keeps a record's type, validator and defaults in one
 * file): its fields and their types, how each is stored in the Y.Doc, which ones the validator
 * reads and which ones a card draws, their defaults, their limits, and the card's shape in a
 * board file (a TypeBox schema, from which `board.schema.json` is generated).
 *
 * Stored form: one Y.Map per card in `cardsMap(doc)`, keyed by card id. What people type —
 * `title`, `body` and the plan fields `kpi`, `owner`, `budget` — is Y.Text, so two people typing
 * in one field merge character by character (layout v2; v1 kept the plan fields as plain
 * strings); `position` is ONE value `{x, y}` so a concurrent move never mixes one user's x with
 * another's y; `dueDate` is picked whole from a date picker, so it stays one plain value (last
 * writer wins — merging two dates character by character would make a date nobody picked); the
 * rest are plain values. Changing a field's stored form is a layout change: bump `SCHEMA_VERSION` and add a
 * migration (`migrations.ts`).
 */
import {
  Union as AnyOf,
  Literal,
  Number as NumberType,
  Object as ObjectType,
  Optional,
  String as StringType,
  type TSchema,
} from '@sinclair/typebox';
import * as Y from 'yjs';
import { cutToLength, LIMITS } from '../limits.ts';
import { isLane, LANE_COLOURS, LANES, type Lane } from './lanes.ts';
import { wellFormedText } from './text.ts';
import type { Point } from './types.ts';

/** Fields only plan cards carry (PRODUCT.md §1: KPI, owner, timeline, budget). */
export interface PlanFields {
  kpi: string;
  owner: string;
  /** ISO date `YYYY-MM-DD`, or '' when not set. */
  dueDate: string;
  budget: string;
}

/**
 * A card as plain data: what the validator, the JSON format and the REST API see.
 * @example
 * { id: 'c_3f9a…', lane: 'plan', title: 'Plan de conquête', body: '', position: { x: 1500, y: 1200 },
 *   colour: '#29335c', author: 'Ana', createdAt: 1790000000000, updatedAt: 1790000000000,
 *   kpi: 'Coût par client', owner: 'Camille', dueDate: '2027-06-30', budget: '40 000 €' }
 */
export interface CardSnapshot extends PlanFields {
  id: string;
  lane: Lane;
  title: string;
  body: string;
  /** Top-left corner of the card, in board coordinates. */
  position: Point;
  /** A CSS colour; the lane's colour by default. */
  colour: string;
  author: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export type CardField = keyof CardSnapshot;

/** How one field of the card record is stored, checked and used. */
interface CardFieldSpec {
  /**
   * How the card's Y.Map holds it: `text` a Y.Text (merges per character), `string`/`number` a
   * plain value (last writer wins), `lane` a lane name, `point` one `{x, y}` value.
   */
  stored: 'text' | 'string' | 'number' | 'lane' | 'point';
  /** Required in a board file; the others take their default. */
  required: boolean;
  /** Read by a validator rule: a change to it can change the findings. */
  rules: boolean;
  /** Drawn on the card on the canvas (position apart). */
  drawn: boolean;
  /** Its shape in a board file (limits included). */
  schema: TSchema;
}

/** Text of at most `maxLength` characters; `options` are JSON Schema annotations. */
const text = (maxLength: number, options: { description?: string; default?: string } = {}) =>
  StringType({ maxLength, ...options });
const time = () => NumberType({ minimum: 0, description: 'Milliseconds since 1970.' });

/** A card or link id: not blank, at most `LIMITS.idLength` characters. */
export const ID_SCHEMA = StringType({ minLength: 1, maxLength: LIMITS.idLength, pattern: '\\S' });

/**
 * `YYYY-MM-DD` with a possible month and day, or ''. What a pattern cannot say (29 February of a
 * year that is not a leap year) is checked by `isValidDueDate`.
 */
const DUE_DATE_PATTERN =
  '^(?:|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2\\d)))$';

/**
 * Every field of the card record, in the board file's key order (export writes them so).
 * `satisfies` keeps this table and `CardSnapshot` in step: a field added to one and not the
 * other does not compile.
 */
export const CARD_FIELDS = {
  id: { stored: 'string', required: true, rules: false, drawn: false, schema: ID_SCHEMA },
  lane: {
    stored: 'lane',
    required: true,
    rules: true,
    drawn: true,
    schema: AnyOf(LANES.map((lane) => Literal(lane))),
  },
  title: {
    stored: 'text',
    required: true,
    rules: true,
    drawn: true,
    schema: text(LIMITS.cardTitleLength),
  },
  body: {
    stored: 'text',
    required: false,
    rules: true,
    drawn: true,
    schema: text(LIMITS.cardBodyLength, { default: '' }),
  },
  position: {
    stored: 'point',
    required: true,
    rules: false,
    drawn: false,
    schema: ObjectType(
      { x: NumberType(), y: NumberType() },
      {
        additionalProperties: false,
        description:
          'Top-left corner in board coordinates (triangle 3200 × 2000, apex at (1600, 0), card 200 × 96). Import moves a card that sticks out of the triangle back inside.',
      },
    ),
  },
  colour: {
    stored: 'string',
    required: false,
    rules: false,
    drawn: true,
    schema: text(LIMITS.cardColourLength, {
      description: "CSS colour; empty or absent means the lane's colour.",
    }),
  },
  author: {
    stored: 'string',
    required: false,
    rules: false,
    drawn: false,
    schema: text(LIMITS.cardFieldLength, { default: '' }),
  },
  createdAt: { stored: 'number', required: false, rules: false, drawn: false, schema: time() },
  updatedAt: { stored: 'number', required: false, rules: false, drawn: false, schema: time() },
  kpi: {
    stored: 'text',
    required: false,
    rules: true,
    drawn: true,
    schema: text(LIMITS.cardFieldLength, { default: '' }),
  },
  owner: {
    stored: 'text',
    required: false,
    rules: true,
    drawn: true,
    schema: text(LIMITS.cardFieldLength, { default: '' }),
  },
  dueDate: {
    stored: 'string',
    required: false,
    rules: true,
    drawn: true,
    schema: StringType({
      pattern: DUE_DATE_PATTERN,
      description: 'YYYY-MM-DD, or empty for none.',
    }),
  },
  budget: {
    stored: 'text',
    required: false,
    rules: true,
    drawn: true,
    schema: text(LIMITS.cardFieldLength, { default: '' }),
  },
} as const satisfies Record<CardField, CardFieldSpec>;

type Spec = typeof CARD_FIELDS;
type FieldsWhere<P extends keyof CardFieldSpec, V> = {
  [F in CardField]: Spec[F][P] extends V ? F : never;
}[CardField];

function fieldsWhere<F extends CardField>(test: (spec: CardFieldSpec) => boolean): readonly F[] {
  return Object.freeze(
    (Object.keys(CARD_FIELDS) as CardField[]).filter((field) => test(CARD_FIELDS[field])),
  ) as readonly F[];
}

/** Every field, in the board file's key order. */
export const CARD_FIELD_NAMES: readonly CardField[] = fieldsWhere(() => true);

/** The fields a board file must give; the others take `cardDefaults`. */
export type RequiredCardField = FieldsWhere<'required', true>;
export const REQUIRED_CARD_FIELDS = fieldsWhere<RequiredCardField>((spec) => spec.required);

/** The fields stored as Y.Text (merged character by character): `title`, `body`, `kpi`, `owner`, `budget`. */
export type CardTextField = FieldsWhere<'stored', 'text'>;
export const CARD_TEXT_FIELDS = fieldsWhere<CardTextField>((spec) => spec.stored === 'text');

/**
 * The fields the validator reads (lane, title, body and the plan fields): a change to any other
 * (position, colour, author, times) cannot change a finding, so it need not re-run the validator.
 */
export type CardRuleField = FieldsWhere<'rules', true>;
export const CARD_RULE_FIELDS = fieldsWhere<CardRuleField>((spec) => spec.rules);

/** The fields a card draws (its position apart): a change to another need not repaint it. */
export type CardDrawnField = FieldsWhere<'drawn', true>;
export const CARD_DRAWN_FIELDS = fieldsWhere<CardDrawnField>((spec) => spec.drawn);

/** The fields a person edits as text in the card editor (`editCard`). */
export type CardEditableField = CardTextField | 'colour' | keyof PlanFields;

const RULE_FIELD_SET: ReadonlySet<string> = new Set(CARD_RULE_FIELDS);

/** Whether a key of a stored card is one the validator reads (`CARD_RULE_FIELDS`). */
export function isRuleField(key: string): key is CardRuleField {
  return RULE_FIELD_SET.has(key);
}

/**
 * Whether two snapshots of a card agree on every field the validator reads. Written out rather
 * than looped over `CARD_RULE_FIELDS`: the incremental validator compares every card of a board
 * on a full re-read. `card.test.ts` checks it against the list.
 */
export function sameRuleFields(a: CardSnapshot, b: CardSnapshot): boolean {
  return (
    a.lane === b.lane &&
    a.title === b.title &&
    a.body === b.body &&
    a.kpi === b.kpi &&
    a.owner === b.owner &&
    a.dueDate === b.dueDate &&
    a.budget === b.budget
  );
}

/** Whether two snapshots of a card draw the same (`CARD_DRAWN_FIELDS`; position apart). */
export function sameDrawnFields(a: CardSnapshot, b: CardSnapshot): boolean {
  for (const field of CARD_DRAWN_FIELDS) if (a[field] !== b[field]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Limits

/** Most characters (code points) each text-valued field may hold, from `LIMITS`. */
export const CARD_TEXT_LIMITS: Readonly<Partial<Record<CardField, number>>> = Object.freeze(
  Object.fromEntries(
    CARD_FIELD_NAMES.flatMap((field) => {
      const max = (CARD_FIELDS[field].schema as { maxLength?: number }).maxLength;
      return max === undefined ? [] : [[field, max]];
    }),
  ),
);

/**
 * Text as a card field may hold it: well-formed (no half emoji, see `wellFormedText`) and cut to
 * the field's limit. The shared operations pass every text through this; the editor stops at
 * the limit first and says so.
 */
export function cardFieldText(field: CardField, value: string): string {
  const max = CARD_TEXT_LIMITS[field];
  const wellFormed = wellFormedText(value);
  return max === undefined ? wellFormed : cutToLength(wellFormed, max);
}

/** `card` with every text field passed through `cardFieldText` (its id apart: links name it). */
export function cardTextWithinLimits(card: CardSnapshot): CardSnapshot {
  const limited = { ...card };
  for (const field of CARD_FIELD_NAMES) {
    const value = card[field];
    if (field !== 'id' && typeof value === 'string') {
      (limited as Record<CardField, unknown>)[field] = cardFieldText(field, value);
    }
  }
  return limited;
}

/** true for '' and real calendar dates written YYYY-MM-DD. */
export function isValidDueDate(value: string): boolean {
  return value === '' || isCalendarDate(value);
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2027-02-29 is not). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

// ---------------------------------------------------------------------------------------------
// Defaults

/** What a new card or a board file leaves out, given the card's `id` and `lane`. */
export type CardInput = Pick<CardSnapshot, 'id' | 'lane'> & Partial<CardSnapshot>;

/**
 * A whole card record in the file's key order, each missing field at its default: empty text,
 * the lane's colour (also for an empty colour, which is what a stored card reads back as),
 * position (0, 0), times 0.
 */
export function cardWithDefaults(input: CardInput): CardSnapshot {
  return {
    id: input.id,
    lane: input.lane,
    title: input.title ?? '',
    body: input.body ?? '',
    position: input.position ?? { x: 0, y: 0 },
    colour: input.colour || LANE_COLOURS[input.lane],
    author: input.author ?? '',
    createdAt: input.createdAt ?? 0,
    updatedAt: input.updatedAt ?? 0,
    kpi: input.kpi ?? '',
    owner: input.owner ?? '',
    dueDate: input.dueDate ?? '',
    budget: input.budget ?? '',
  };
}

const LANE_DEFAULT_COLOURS: ReadonlySet<string> = new Set(Object.values(LANE_COLOURS));

/**
 * The colour a card is drawn in: its own when someone chose one, else its lane's. A card keeps
 * the default colour it was created with, which would be wrong once it is dropped in another
 * lane, so any lane's default colour counts as "not chosen".
 */
export function drawnCardColour(card: Pick<CardSnapshot, 'colour' | 'lane'>): string {
  return LANE_DEFAULT_COLOURS.has(card.colour) ? LANE_COLOURS[card.lane] : card.colour;
}

/** The colour someone chose for a card, or '' when it has a lane's default (see `drawnCardColour`). */
export function chosenCardColour(colour: string): string {
  return LANE_DEFAULT_COLOURS.has(colour) ? '' : colour;
}

// ---------------------------------------------------------------------------------------------
// Stored form (Y.Map)

/** A card as stored: a Y.Map whose text fields (`CARD_TEXT_FIELDS`) are Y.Text. */
export type CardMap = Y.Map<unknown>;

function readString(card: CardMap, key: CardField): string {
  const value = card.get(key);
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : '';
}

function readNumber(card: CardMap, key: CardField): number {
  const value = card.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function readPoint(card: CardMap): Point {
  const value = card.get('position') as Partial<Point> | undefined;
  return {
    x: typeof value?.x === 'number' ? value.x : 0,
    y: typeof value?.y === 'number' ? value.y : 0,
  };
}

/** Reads one stored card as plain data. Unknown or damaged fields read as empty, never throw. */
export function readCard(card: CardMap, id: string): CardSnapshot {
  const lane = card.get('lane');
  const safeLane: Lane = isLane(lane) ? lane : 'tactic';
  return {
    id,
    lane: safeLane,
    title: readString(card, 'title'),
    body: readString(card, 'body'),
    position: readPoint(card),
    colour: readString(card, 'colour') || LANE_COLOURS[safeLane],
    author: readString(card, 'author'),
    createdAt: readNumber(card, 'createdAt'),
    updatedAt: readNumber(card, 'updatedAt'),
    kpi: readString(card, 'kpi'),
    owner: readString(card, 'owner'),
    dueDate: readString(card, 'dueDate'),
    budget: readString(card, 'budget'),
  };
}

/** Builds the stored form of a card (call inside a transaction, then put it in `cardsMap`). */
export function cardToMap(card: CardSnapshot): CardMap {
  const map = new Y.Map<unknown>();
  for (const field of CARD_FIELD_NAMES) {
    const value = card[field];
    switch (CARD_FIELDS[field].stored) {
      case 'text':
        map.set(field, new Y.Text(value as string));
        break;
      case 'point': {
        const point = value as Point;
        map.set(field, { x: point.x, y: point.y });
        break;
      }
      default:
        map.set(field, value);
    }
  }
  return map;
}

/**
 * Bytes a stored card spends in an encoded doc besides its strings and its id references: the
 * Y.Map and thirteen entries with their keys, numbers as 64-bit floats. Calibrated (with the
 * other constants here) so the bound is 3–16 bytes above every card measured, from the first
 * card of a board to one written at a clock of twelve million (`test/limits.test.ts`).
 */
const CARD_STRUCTURE_BYTES = 181;
/** Entries of a card that name their parent by id (client and clock varints). */
const CARD_ID_REFERENCES = 12;
/** A non-empty Y.Text adds one item. */
const TEXT_ITEM_BYTES = 14;

/** The length of an unsigned varint (Yjs and lib0 encode lengths and clocks so). */
export function varintBytes(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes++;
  return bytes;
}

/** A string's bytes in an encoded doc: its UTF-8 and the varint of its length. */
export function storedStringBytes(byteLength: number): number {
  return byteLength + varintBytes(byteLength);
}

/** How far a card advances its writer's Yjs clock: one per entry, one per UTF-16 unit of text. */
export function cardClockLength(card: CardSnapshot): number {
  let length = CARD_FIELD_NAMES.length + 1;
  for (const field of CARD_TEXT_FIELDS) length += card[field].length;
  return length;
}

/**
 * An upper bound of the bytes `card` takes in the encoded state of a doc it was written into by
 * `cardToMap` when its writer's clock stood at `clock` (ids reference clocks: later cards spend
 * more), within a few per cent. `byteLength` measures a string's UTF-8: exact
 * (`utf8ByteLength`), or a quicker bound such as three bytes per UTF-16 unit.
 */
export function cardStoredBytes(
  card: CardSnapshot,
  byteLength: (text: string) => number,
  clock = 2 ** 28 - 1,
): number {
  // The id is stored twice: as the card's key in `cards` and as its `id` field. Ids name the
  // writer as a 32-bit client id (5 varint bytes at most) and a clock.
  let bytes =
    CARD_STRUCTURE_BYTES +
    CARD_ID_REFERENCES * (5 + varintBytes(clock)) +
    2 * storedStringBytes(byteLength(card.id));
  for (const field of CARD_FIELD_NAMES) {
    const value = card[field];
    if (field === 'id' || typeof value !== 'string') continue;
    bytes += storedStringBytes(byteLength(value));
    if (CARD_FIELDS[field].stored === 'text' && value !== '') bytes += TEXT_ITEM_BYTES;
  }
  return bytes;
}

/**
 * The Y.Text of one of a card's text fields (created if the record lacks it: a damaged record, or
 * a plan field of a board not yet migrated to layout v2 — the plain string becomes its text).
 */
export function cardText(card: CardMap, field: CardTextField): Y.Text {
  const value = card.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  card.set(field, text);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Board file

/** A card in a board file (`board.schema.json` `$defs/card`): required fields and limits. */
export const CARD_FILE_SCHEMA = ObjectType(
  Object.fromEntries(
    CARD_FIELD_NAMES.map((field) => {
      const spec: CardFieldSpec = CARD_FIELDS[field];
      return [field, spec.required ? spec.schema : Optional(spec.schema)];
    }),
  ),
  { additionalProperties: false },
);
