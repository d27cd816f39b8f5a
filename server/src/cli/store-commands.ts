/**
 * The operator's store commands (docs/server-spec.md, "A damaged board"):
 *
 *   store check [--data-dir DIR]                      read-only, safe beside a running server
 *   store set-aside BOARD [--data-dir DIR] [--reason TEXT]   with the server stopped
 *
 * `check` reads every board as the server would load it (checksums, gaps, decoding) and names
 * the rows of the ones it would refuse. `set-aside` moves a board's rows into the store's
 * `set_aside` table (nothing is deleted) so the board can be filled back from a participant's
 * copy (S-AUTH-6).
 */
import { resolve } from 'node:path';
import { defaultConfig } from '../config.ts';
import {
  BoardNotFoundError,
  StoredBoardDamagedError,
  StoreUnusableError,
} from '../storage/board-store.ts';
import { DataDirLock, DataDirLockedError } from '../storage/data-dir-lock.ts';
import { SqliteBoardStore } from '../storage/sqlite-store.ts';
import { decodeStoredBoard } from '../storage/stored-board.ts';

export const STORE_USAGE = `Usage: pnpm fire-triangle store check [--data-dir DIR]
       pnpm fire-triangle store set-aside BOARD_ID [--data-dir DIR] [--reason TEXT]

  check      reads every board of the store in DIR as the server loads it and lists the ones
             it would refuse, naming their damaged rows, then the rows set aside so far.
             Read-only: safe while the server runs.
  set-aside  (server stopped) moves every row of BOARD_ID — snapshot and log — into the
             store's set_aside table and removes the board. The next participant who opens
             it with the board still in their browser fills it back; the old bytes stay in
             set_aside for salvage.

DIR defaults to DATA_DIR, else the server's default data directory.

Exit codes: 0 every board reads / the rows were set aside · 1 some boards are damaged ·
            2 the store cannot be used, the server holds it, or the command line is wrong
`;

interface StoreIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

class StoreUsageError extends Error {}

function parse(args: string[]) {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name !== '--data-dir' && name !== '--reason') {
      throw new StoreUsageError(`unknown option '${arg}'.`);
    }
    const value = inline ?? args[++index];
    if (!value) throw new StoreUsageError(`${name} needs a value.`);
    options[name.slice(2)] = value;
  }
  return { positional, options };
}

async function check(dataDir: string, io: StoreIo): Promise<number> {
  const store = new SqliteBoardStore({ dataDir, readonly: true });
  try {
    let damaged = 0;
    const boards = await store.listBoards();
    for (const boardId of boards) {
      try {
        const stored = await store.loadBoard(boardId);
        if (stored) decodeStoredBoard(boardId, stored).destroy();
        io.stdout(`ok       ${boardId}\n`);
      } catch (error) {
        damaged += 1;
        if (error instanceof StoredBoardDamagedError) {
          io.stdout(`DAMAGED  ${boardId}\n`);
          for (const { row, problem } of error.problems)
            io.stdout(`           ${row}: ${problem}\n`);
        } else {
          io.stdout(`UNREADABLE ${boardId}: ${(error as Error).message}\n`);
        }
      }
    }
    const setAside = store.listSetAside();
    if (setAside.length > 0) {
      io.stdout(`\nRows set aside (table set_aside):\n`);
      for (const row of setAside) {
        io.stdout(
          `  ${new Date(row.setAsideAt).toISOString()}  ${row.boardId}  ${row.row}  ${row.bytes} bytes  ${row.reason}\n`,
        );
      }
    }
    io.stdout(`\n${boards.length} boards, ${damaged} refused.\n`);
    return damaged > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function setAside(dataDir: string, boardId: string, reason: string, io: StoreIo) {
  const lock = DataDirLock.acquire(dataDir);
  try {
    const store = new SqliteBoardStore({ dataDir });
    try {
      const moved = store.setAsideBoard(boardId, reason);
      for (const row of moved) io.stdout(`set aside  ${boardId}  ${row.row}  ${row.bytes} bytes\n`);
      io.stdout(
        `\nBoard ${boardId} is no longer in the store. The next person who opens its link with the board still in their browser fills it back; the old rows stay in the set_aside table.\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  } finally {
    lock.release();
  }
}

/** `store …`: returns the exit code. */
export async function runStoreCommand(args: string[], io: StoreIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    (sub === undefined ? io.stderr : io.stdout)(STORE_USAGE);
    return sub === undefined ? 2 : 0;
  }
  try {
    const { positional, options } = parse(rest);
    const dataDir = resolve(
      io.cwd,
      options['data-dir'] ?? io.env.DATA_DIR ?? defaultConfig().dataDir,
    );
    if (sub === 'check') {
      if (positional.length > 0) throw new StoreUsageError('check takes no board id.');
      return await check(dataDir, io);
    }
    if (sub === 'set-aside') {
      if (positional.length !== 1) throw new StoreUsageError('set-aside needs one board id.');
      return await setAside(
        dataDir,
        positional[0]!,
        options.reason ?? 'set aside by an operator',
        io,
      );
    }
    throw new StoreUsageError(`unknown store command '${sub}'.`);
  } catch (error) {
    if (error instanceof StoreUsageError) {
      io.stderr(`fire-triangle: ${error.message}\n\n${STORE_USAGE}`);
      return 2;
    }
    if (error instanceof DataDirLockedError) {
      io.stderr(`fire-triangle: ${error.message} Stop the server before setting rows aside.\n`);
      return 2;
    }
    if (error instanceof StoreUnusableError || error instanceof BoardNotFoundError) {
      io.stderr(`fire-triangle: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
