/**
 * A version's board as stored: the room doc's Yjs update (`Y.encodeStateAsUpdate`, with the
 * tombstones Yjs keeps — never a doc with garbage collection turned off), compressed with
 * brotli at quality 1. Measured on the benchmark's boards (BENCHMARKS.md "Version history"):
 * a Yjs update is mostly card text and ids, which brotli 1 shrinks to about a quarter, at a
 * fraction of the time deflate 6 or brotli 4+ take for a few per cent more; compression runs on
 * libuv's thread pool, off the event loop.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants } from 'node:zlib';
import { type BoardSnapshot, readBoard } from '@fire-triangle/shared';
import * as Y from 'yjs';

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

/** A version's board could not be read back: its stored row is damaged or does not decode. */
export class VersionUnreadableError extends Error {
  constructor(
    readonly versionId: number,
    readonly problem: string,
  ) {
    super(
      `Version ${versionId} cannot be opened: its stored data is damaged (${problem}). The board and the other versions are not affected.`,
    );
    this.name = 'VersionUnreadableError';
  }
}

/** The bytes to store for a board state. */
export async function compressState(state: Uint8Array): Promise<Uint8Array> {
  const compressed = await compress(state, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_SIZE_HINT]: state.length,
    },
  });
  return new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
}

/** A decoded version: its board as plain data (`fileOfSnapshot` makes the board file). */
export interface VersionBoard {
  board: BoardSnapshot;
  /** The Yjs update it was built from (decompressed). */
  state: Uint8Array;
}

/**
 * The board a stored version holds. Throws `VersionUnreadableError` when the bytes do not
 * decompress, do not decode, or leave Yjs structs waiting for changes that are not there.
 */
export async function readVersionState(
  versionId: number,
  stored: Uint8Array,
): Promise<VersionBoard> {
  let state: Uint8Array;
  try {
    const buffer = await decompress(stored);
    state = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new VersionUnreadableError(versionId, `does not decompress: ${(error as Error).message}`);
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      throw new Error('it depends on changes it does not hold');
    }
    return { board: readBoard(doc), state };
  } catch (error) {
    if (error instanceof VersionUnreadableError) throw error;
    throw new VersionUnreadableError(versionId, `does not decode: ${(error as Error).message}`);
  } finally {
    doc.destroy();
  }
}
