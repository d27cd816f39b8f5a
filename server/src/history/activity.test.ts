import {
  addCard,
  deleteCard,
  editCard,
  initBoard,
  laneBand,
  linkCards,
  moveCard,
  unlinkCards,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ActivityLog, type CardEvent, cardEventsOf } from './activity.ts';

/** The card events of each transaction `change` makes on `doc`. */
function eventsOf(doc: Y.Doc, change: () => void): CardEvent[] {
  const events: CardEvent[] = [];
  const listen = (transaction: Y.Transaction) => events.push(...cardEventsOf(transaction));
  doc.on('afterTransaction', listen);
  change();
  doc.off('afterTransaction', listen);
  return events;
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'B', language: 'en' });
  addCard(doc, { id: 'n', lane: 'strategy', title: 'Newsletter' });
  addCard(doc, { id: 's', lane: 'strategy', title: 'Win SMEs' });
  return doc;
}

const inLane = (lane: Parameters<typeof laneBand>[0]) => {
  const band = laneBand(lane);
  return { x: 1500, y: (band.top + band.bottom) / 2 - 48 };
};

describe('card activity', () => {
  it('[S-HIST-8] what a transaction did to cards: made, retitled, dropped in another lane, linked, unlinked, deleted', () => {
    const doc = board();
    expect(eventsOf(doc, () => addCard(doc, { id: 'x', lane: 'plan', title: 'Plan' }))).toEqual([
      { cardId: 'x', action: 'created', cardTitle: 'Plan' },
    ]);
    expect(eventsOf(doc, () => editCard(doc, 'n', { title: 'Monthly newsletter' }))).toEqual([
      { cardId: 'n', action: 'edited', field: 'title', cardTitle: 'Monthly newsletter' },
    ]);
    expect(eventsOf(doc, () => editCard(doc, 'x', { kpi: 'CAC' }))).toEqual([
      { cardId: 'x', action: 'edited', field: 'kpi', cardTitle: 'Plan' },
    ]);
    expect(eventsOf(doc, () => moveCard(doc, 'n', inLane('tactic')))).toEqual([
      {
        cardId: 'n',
        action: 'moved',
        fromLane: 'strategy',
        toLane: 'tactic',
        cardTitle: 'Monthly newsletter',
      },
    ]);
    expect(eventsOf(doc, () => linkCards(doc, 'n', 's', null, 'l1'))).toEqual([
      {
        cardId: 'n',
        action: 'linked',
        cardTitle: 'Monthly newsletter',
        otherCardId: 's',
        otherCardTitle: 'Win SMEs',
      },
      {
        cardId: 's',
        action: 'linked',
        cardTitle: 'Win SMEs',
        otherCardId: 'n',
        otherCardTitle: 'Monthly newsletter',
      },
    ]);
    expect(eventsOf(doc, () => unlinkCards(doc, 'l1')).map((event) => event.action)).toEqual([
      'unlinked',
      'unlinked',
    ]);
    linkCards(doc, 'n', 's', null, 'l2');
    // A deleted card keeps its title in the entry; its link goes with it, said once for 's'.
    expect(eventsOf(doc, () => deleteCard(doc, 'n'))).toEqual([
      { cardId: 'n', action: 'deleted', cardTitle: 'Monthly newsletter' },
      {
        cardId: 's',
        action: 'unlinked',
        cardTitle: 'Win SMEs',
        otherCardId: 'n',
        otherCardTitle: '',
      },
    ]);
  });

  it('[S-HIST-8] a drag inside a lane, and the bookkeeping fields, are not activity', () => {
    const doc = board();
    const events = eventsOf(doc, () => {
      for (let frame = 0; frame < 10; frame++) {
        moveCard(doc, 's', { x: 1400 + frame * 10, y: inLane('strategy').y }, { relevel: false });
      }
      moveCard(doc, 's', { x: 1500, y: inLane('strategy').y });
    });
    expect(events).toEqual([]);
  });

  it('[S-HIST-8] coalescing: a typing session is one entry; editing a card one just made extends its creation; a drag across two lanes is one move', () => {
    const log = new ActivityLog(60_000);
    const bob = { key: 'c1', name: 'Bob', role: 'editor' as const };
    const ana = { key: 'c2', name: 'Ana', role: 'facilitator' as const };
    const typed = (title: string): CardEvent => ({
      cardId: 'n',
      action: 'edited',
      field: 'title',
      cardTitle: title,
    });
    log.record([typed('N')], bob, 1000);
    log.record([typed('Ne')], bob, 2000);
    log.record([typed('New')], ana, 2500); // someone else: their own entry
    log.record([typed('News')], bob, 30_000);
    log.record([typed('News!')], bob, 200_000); // past the window: a new session
    let entries = log.takeUnsaved(200_000);
    expect(entries.map((entry) => [entry.actor, entry.since, entry.at, entry.cardTitle])).toEqual([
      ['Bob', 1000, 30_000, 'News'],
      ['Ana', 2500, 2500, 'New'],
      ['Bob', 200_000, 200_000, 'News!'],
    ]);
    log.record([{ cardId: 'x', action: 'created', cardTitle: '' }], bob, 300_000);
    log.record(
      [{ cardId: 'x', action: 'edited', field: 'title', cardTitle: 'Idea' }],
      bob,
      301_000,
    );
    log.record(
      [{ cardId: 'x', action: 'moved', fromLane: 'tactic', toLane: 'plan', cardTitle: 'Idea' }],
      bob,
      302_000,
    );
    log.record(
      [{ cardId: 'x', action: 'moved', fromLane: 'plan', toLane: 'strategy', cardTitle: 'Idea' }],
      bob,
      303_000,
    );
    entries = log.takeUnsaved(303_000);
    expect(
      entries.map((entry) => [entry.action, entry.cardTitle, entry.fromLane, entry.toLane]),
    ).toEqual([
      ['created', 'Idea', undefined, undefined],
      ['moved', 'Idea', 'tactic', 'strategy'],
    ]);
    // An entry still open is stored again, as one row, when it grows.
    log.record(
      [{ cardId: 'x', action: 'edited', field: 'title', cardTitle: 'Idea 2' }],
      bob,
      304_000,
    );
    const again = log.takeUnsaved(304_000);
    expect(again.map((entry) => entry.id)).toEqual([entries[0]!.id]);
    expect(log.hasUnsaved).toBe(false);
  });
});
