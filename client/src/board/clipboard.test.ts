import {
  addCard,
  initBoard,
  LIMITS,
  linkCards,
  pasteCards,
  readBoard,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyPayload, MAX_TEXT_CARDS, readPaste } from './clipboard.ts';

function source() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Source', language: 'en' });
  const plan = addCard(doc, { lane: 'plan', title: 'Partner plan', kpi: '20 resellers' });
  const tactic = addCard(doc, { lane: 'tactic', title: 'Trade show' });
  const strategy = addCard(doc, { lane: 'strategy', title: 'Retail' });
  linkCards(doc, tactic, plan);
  linkCards(doc, plan, strategy);
  return { doc, plan, tactic, strategy };
}

describe('clipboard', () => {
  it('[clipboard/round-trip] copied cards paste on another board as new cards, with the links between them only', () => {
    const { doc, plan, tactic } = source();
    const text = copyPayload(readBoard(doc), new Set([plan, tactic]))!;
    const pasted = readPaste({ text });
    expect(pasted.kind).toBe('cards');
    if (pasted.kind !== 'cards') return;
    expect(pasted.clip.cards.map((card) => card.title).sort()).toEqual([
      'Partner plan',
      'Trade show',
    ]);
    expect(pasted.clip.links).toHaveLength(1);
    const target = new Y.Doc();
    initBoard(target, { title: 'Target', language: 'en' });
    pasteCards(target, pasted.clip, { offset: { x: 0, y: 0 }, author: 'Bob' });
    const board = readBoard(target);
    expect(board.cards.map((card) => card.kpi).sort()).toEqual(['', '20 resellers']);
    expect(board.links).toHaveLength(1);
    // The same text through our own clipboard type reads the same.
    expect(readPaste({ custom: text, text: 'ignored' })).toEqual(pasted);
  });

  it('[clipboard/refuse] a damaged board file is refused with the import’s reason, not pasted as text', () => {
    const { doc, plan } = source();
    const text = copyPayload(readBoard(doc), new Set([plan]))!.replace('"plan"', '"plane"');
    const pasted = readPaste({ text });
    expect(pasted.kind).toBe('refused');
    if (pasted.kind === 'refused') expect(pasted.reason).toMatch(/lane/);
  });

  it('[clipboard/text] plain text becomes one card per line (list marks dropped), at most 50', () => {
    expect(readPaste({ text: '- Trade show\n\n* Newsletter\r\n3. Webinar  ' })).toEqual({
      kind: 'text',
      lines: ['Trade show', 'Newsletter', 'Webinar'],
    });
    const many = Array.from({ length: 80 }, (_, i) => `Idea ${i}`).join('\n');
    const pasted = readPaste({ text: many });
    expect(pasted.kind === 'text' && pasted.lines.length).toBe(MAX_TEXT_CARDS);
    expect(readPaste({ text: '  \n ' })).toEqual({ kind: 'nothing' });
    expect(readPaste({})).toEqual({ kind: 'nothing' });
    // Text that merely contains braces is text.
    expect(readPaste({ text: '{ not a board }' }).kind).toBe('text');
  });

  it('[clipboard/copy] nothing to copy gives null; the payload names our format', () => {
    const { doc } = source();
    expect(copyPayload(readBoard(doc), new Set(['missing']))).toBeNull();
    const text = copyPayload(readBoard(doc), new Set(readBoard(doc).cards.map((c) => c.id)))!;
    expect(text).toContain('"format": "fire-triangle/board"');
    expect(text.length).toBeLessThan(LIMITS.fileBytes);
  });
});
