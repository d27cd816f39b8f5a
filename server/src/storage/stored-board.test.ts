import { addCard, cardText, getCardMap, initBoard, readBoard } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type StoredBoard, StoredBoardDamagedError } from './board-store.ts';
import { decodeStoredBoard, sequenceProblems, storedBytes } from './stored-board.ts';

/** A board stored as a snapshot (through seq 2) and a log of four updates (seqs 3–6). */
function storedBoard(): StoredBoard {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Stored', language: 'en' });
  const id = addCard(doc, { lane: 'objective', title: 'Grow' });
  const snapshot = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let index = 0; index < 4; index++) {
    cardText(getCardMap(doc, id)!, 'body').insert(0, `step ${index}. `);
  }
  return { snapshot, snapshotSeq: 2, updates, seqs: [3, 4, 5, 6], lastSeq: 6, problems: [] };
}

function problemsOf(stored: StoredBoard) {
  try {
    decodeStoredBoard('b', stored);
  } catch (error) {
    expect(error).toBeInstanceOf(StoredBoardDamagedError);
    return (error as StoredBoardDamagedError).problems;
  }
  throw new Error('the board was not refused');
}

describe('stored board → doc', () => {
  it('[S-DUR-7] an intact board decodes whole', () => {
    const stored = storedBoard();
    const board = readBoard(decodeStoredBoard('b', stored));
    expect(board.cards[0]!.body).toBe('step 3. step 2. step 1. step 0. ');
    expect(storedBytes(stored)).toBe(
      stored.snapshot!.length + stored.updates.reduce((sum, update) => sum + update.length, 0),
    );
  });

  it('[S-DUR-7] a truncated snapshot, a changed update and a missing row are each named', () => {
    const cut = storedBoard();
    cut.snapshot = cut.snapshot!.subarray(0, Math.floor(cut.snapshot!.length * 0.6));
    expect(problemsOf(cut)).toEqual(
      expect.arrayContaining([
        { row: 'snapshot', problem: expect.stringMatching(/^does not decode/) },
      ]),
    );

    const missing = storedBoard();
    missing.updates.splice(1, 1);
    missing.seqs.splice(1, 1);
    expect(problemsOf(missing)).toEqual([
      { row: 'log', problem: 'update 4 missing (the log jumps from seq 3 to 5)' },
      { row: 'log', problem: expect.stringMatching(/depend on changes that are not stored/) },
    ]);

    const tail = storedBoard();
    tail.updates.pop();
    tail.seqs.pop();
    expect(problemsOf(tail)).toEqual([
      { row: 'log', problem: "update 6 missing (the board's last seq is 6)" },
    ]);

    const flagged = storedBoard();
    flagged.problems = [{ row: 'update 5', problem: 'checksum mismatch' }];
    expect(problemsOf(flagged)).toEqual([{ row: 'update 5', problem: 'checksum mismatch' }]);
  });

  it('[S-DUR-7] sequence checks: a log that starts late, runs backwards or repeats', () => {
    const base = { snapshot: null, updates: [], problems: [] };
    expect(sequenceProblems({ ...base, snapshotSeq: 0, seqs: [], lastSeq: 0 })).toEqual([]);
    expect(sequenceProblems({ ...base, snapshotSeq: 4, seqs: [5, 6], lastSeq: 6 })).toEqual([]);
    expect(sequenceProblems({ ...base, snapshotSeq: 4, seqs: [7], lastSeq: 7 })).toEqual([
      { row: 'log', problem: 'updates 5–6 missing (the log jumps from seq 4 to 7)' },
    ]);
    expect(sequenceProblems({ ...base, snapshotSeq: 4, seqs: [3, 5], lastSeq: 5 })).toEqual([
      {
        row: 'update 3',
        problem: 'out of place: the snapshot or the log before it already covers seq 4',
      },
    ]);
    expect(sequenceProblems({ ...base, snapshotSeq: 4, seqs: [], lastSeq: 6 })).toEqual([
      { row: 'log', problem: "updates 5–6 missing (the board's last seq is 6)" },
    ]);
  });
});
