/**
 * From stored rows to a board's Y.Doc — or a refusal. A board is served only when every row
 * the store holds for it is intact: checksums match (`StoredBoard.problems`), the log runs
 * without a gap from the snapshot to the last sequence number, every row applies, and nothing
 * is left waiting for a change that is not stored (Yjs "pending" structs). Anything else throws
 * `StoredBoardDamagedError` naming every row found wrong, and the rows stay untouched: serving
 * what did decode would show people a partial board and let the next compaction write it over
 * the bytes an operator could still salvage (S-DUR-7).
 */
import * as Y from 'yjs';
import {
  type StoredBoard,
  StoredBoardDamagedError,
  type StoredBoardProblem,
} from './board-store.ts';

/** Gaps and disorder in the log's sequence numbers (a deleted or lost row shows here). */
export function sequenceProblems(stored: StoredBoard): StoredBoardProblem[] {
  const problems: StoredBoardProblem[] = [];
  let expected = stored.snapshotSeq + 1;
  for (const seq of stored.seqs) {
    if (seq > expected) {
      problems.push({
        row: 'log',
        problem: `${range(expected, seq - 1)} missing (the log jumps from seq ${expected - 1} to ${seq})`,
      });
    } else if (seq < expected) {
      problems.push({
        row: `update ${seq}`,
        problem: `out of place: the snapshot or the log before it already covers seq ${expected - 1}`,
      });
    }
    expected = Math.max(expected, seq + 1);
  }
  if (expected - 1 < stored.lastSeq) {
    problems.push({
      row: 'log',
      problem: `${range(expected, stored.lastSeq)} missing (the board's last seq is ${stored.lastSeq})`,
    });
  }
  return problems;
}

function range(from: number, to: number): string {
  return from === to ? `update ${from}` : `updates ${from}–${to}`;
}

/**
 * The board's doc built from its rows. Throws `StoredBoardDamagedError` (every problem found,
 * not only the first) when any row is damaged or missing; the caller refuses the board.
 */
export function decodeStoredBoard(boardId: string, stored: StoredBoard): Y.Doc {
  const problems: StoredBoardProblem[] = [...stored.problems, ...sequenceProblems(stored)];
  const doc = new Y.Doc();
  const entries: { row: string; update: Uint8Array }[] = stored.snapshot
    ? [{ row: 'snapshot', update: stored.snapshot }]
    : [];
  stored.updates.forEach((update, index) => {
    entries.push({ row: `update ${stored.seqs[index] ?? `#${index + 1}`}`, update });
  });
  for (const { row, update } of entries) {
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      problems.push({ row, problem: `does not decode (${(error as Error).message})` });
    }
  }
  const pending = doc.store.pendingStructs;
  if (pending || doc.store.pendingDs) {
    const missing = pending
      ? [...pending.missing].map(([client, clock]) => `client ${client} from clock ${clock}`)
      : [];
    problems.push({
      row: 'log',
      problem: `changes depend on changes that are not stored${missing.length > 0 ? ` (${missing.join(', ')})` : ''}: a row is missing or damaged`,
    });
  }
  if (problems.length > 0) {
    doc.destroy();
    throw new StoredBoardDamagedError(boardId, problems);
  }
  return doc;
}

/** Bytes the board takes in the store (snapshot + log): what the size limit counts. */
export function storedBytes(stored: StoredBoard): number {
  let total = stored.snapshot?.length ?? 0;
  for (const update of stored.updates) total += update.length;
  return total;
}
