import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { card as fixture } from '../../test-support/index.ts';
import { LIMITS } from '../limits.ts';
import {
  CARD_DRAWN_FIELDS,
  CARD_FIELD_NAMES,
  CARD_FIELDS,
  CARD_RULE_FIELDS,
  CARD_TEXT_FIELDS,
  CARD_TEXT_LIMITS,
  type CardField,
  type CardSnapshot,
  cardFieldText,
  cardToMap,
  cardWithDefaults,
  drawnCardColour,
  isRuleField,
  REQUIRED_CARD_FIELDS,
  readCard,
  sameDrawnFields,
  sameRuleFields,
} from './card.ts';
import { cardsMap } from './doc.ts';
import { LANE_COLOURS } from './lanes.ts';

const full: CardSnapshot = {
  id: 'c_1',
  lane: 'plan',
  title: 'Plan de conquête 🔥',
  body: 'Pourquoi',
  position: { x: 1500, y: 1200 },
  colour: '#123456',
  author: 'Ana',
  createdAt: 10,
  updatedAt: 20,
  kpi: 'CA',
  owner: 'Camille',
  dueDate: '2027-06-30',
  budget: '40 k€',
};

/** `card` with one field given another value of its type. */
function changed(card: CardSnapshot, field: CardField): CardSnapshot {
  const value = card[field];
  const other =
    field === 'lane'
      ? 'tactic'
      : field === 'position'
        ? { x: 1, y: 2 }
        : typeof value === 'number'
          ? value + 1
          : `${value}!`;
  return { ...card, [field]: other };
}

describe('card record', () => {
  it('[card/fields] the table, the snapshot type, the defaults and the stored form name the same fields in one order', () => {
    expect(Object.keys(full)).toEqual(CARD_FIELD_NAMES);
    expect(Object.keys(cardWithDefaults({ id: 'a', lane: 'tactic' }))).toEqual(CARD_FIELD_NAMES);
    const doc = new Y.Doc();
    doc.transact(() => cardsMap(doc).set(full.id, cardToMap(full)));
    const stored = cardsMap(doc).get(full.id)!;
    expect([...stored.keys()].sort()).toEqual([...CARD_FIELD_NAMES].sort());
    expect(readCard(stored, full.id)).toEqual(full);
  });

  it('[card/fields] what people type (title, body, kpi, owner, budget), and only that, is stored as Y.Text', () => {
    expect(CARD_TEXT_FIELDS).toEqual(['title', 'body', 'kpi', 'owner', 'budget']);
    const doc = new Y.Doc();
    doc.transact(() => cardsMap(doc).set(full.id, cardToMap(full)));
    const stored = cardsMap(doc).get(full.id)!;
    for (const field of CARD_FIELD_NAMES) {
      expect(stored.get(field) instanceof Y.Text, field).toBe(
        (CARD_TEXT_FIELDS as readonly string[]).includes(field),
      );
    }
  });

  it('[card/defaults] a file or a new card leaves out everything but id, lane, title and position', () => {
    expect(REQUIRED_CARD_FIELDS).toEqual(['id', 'lane', 'title', 'position']);
    // Empty text, the lane's colour (also for an empty one), (0, 0), times 0.
    const defaults = cardWithDefaults({ id: 'a', lane: 'strategy', colour: '' });
    for (const field of CARD_FIELD_NAMES) {
      const value = defaults[field];
      if (field === 'id' || field === 'lane') continue;
      if (field === 'colour') expect(value).toBe(LANE_COLOURS.strategy);
      else if (field === 'position') expect(value).toEqual({ x: 0, y: 0 });
      else expect(value, field).toBe(typeof value === 'number' ? 0 : '');
    }
  });

  const comparisons = [
    {
      id: '[card/rule-fields] sameRuleFields differs exactly on the fields the validator reads',
      fields: CARD_RULE_FIELDS,
      expected: ['lane', 'title', 'body', 'kpi', 'owner', 'dueDate', 'budget'],
      same: sameRuleFields,
    },
    {
      id: '[card/drawn-fields] sameDrawnFields differs exactly on what a card draws (position apart)',
      fields: CARD_DRAWN_FIELDS,
      expected: ['lane', 'title', 'body', 'colour', 'kpi', 'owner', 'dueDate', 'budget'],
      same: sameDrawnFields,
    },
  ];
  for (const { id, fields, expected, same } of comparisons) {
    it(id, () => {
      expect(fields).toEqual(expected);
      for (const field of CARD_FIELD_NAMES) {
        const listed = (fields as readonly string[]).includes(field);
        expect(same(full, changed(full, field)), field).toBe(!listed);
      }
    });
  }

  it('[card/rule-fields] isRuleField answers for stored keys, unknown ones included', () => {
    for (const field of CARD_FIELD_NAMES) {
      expect(isRuleField(field), field).toBe(
        (CARD_RULE_FIELDS as readonly string[]).includes(field),
      );
    }
    expect(isRuleField('x')).toBe(false);
  });

  it('[card/limits] every text field has the limit of the one table, in the file schema too', () => {
    expect(CARD_TEXT_LIMITS).toEqual({
      id: LIMITS.idLength,
      title: LIMITS.cardTitleLength,
      body: LIMITS.cardBodyLength,
      colour: LIMITS.cardColourLength,
      author: LIMITS.cardFieldLength,
      kpi: LIMITS.cardFieldLength,
      owner: LIMITS.cardFieldLength,
      budget: LIMITS.cardFieldLength,
    });
    for (const [field, max] of Object.entries(CARD_TEXT_LIMITS)) {
      expect(CARD_FIELDS[field as CardField].schema.maxLength).toBe(max);
    }
  });

  it('[card/limits] cardFieldText cuts at the limit in characters, never through an emoji, and mends half emoji', () => {
    expect(cardFieldText('title', 'x'.repeat(575))).toHaveLength(LIMITS.cardTitleLength);
    const emoji = cardFieldText('title', `${'🔥'.repeat(LIMITS.cardTitleLength)}🔥`);
    expect([...emoji]).toHaveLength(LIMITS.cardTitleLength);
    expect(emoji).toBe('🔥'.repeat(LIMITS.cardTitleLength));
    expect(cardFieldText('kpi', 'a\ud83d')).toBe('a\uFFFD');
    expect(cardFieldText('dueDate', '2027-06-30')).toBe('2027-06-30');
  });

  it('[card/colour] a card is drawn in its chosen colour, or in its current lane’s', () => {
    const dropped = { lane: 'plan' as const, colour: LANE_COLOURS.tactic };
    expect(drawnCardColour(dropped)).toBe(LANE_COLOURS.plan);
    expect(drawnCardColour({ lane: 'plan', colour: '#123456' })).toBe('#123456');
  });

  it('[card/fixture] the test-support card is the record with its defaults', () => {
    expect(fixture('t1', 'tactic', 'Salon')).toEqual(
      cardWithDefaults({ id: 't1', lane: 'tactic', title: 'Salon' }),
    );
  });
});
