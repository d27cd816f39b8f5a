/**
 * A room in the benchmark's own process, without sockets: the real `BoardRoom` on a given store,
 * and connections whose socket takes every message and sends nothing — so a benchmark measures
 * the room's path (apply, check, store, relay) and nothing of the network.
 */
import type { Role } from '@fire-triangle/shared';
import type { WebSocket } from 'ws';
import { createLogger } from '../src/log.ts';
import { ServerMetrics } from '../src/metrics/server-metrics.ts';
import { BoardConnection } from '../src/rooms/board-connection.ts';
import { BoardRoom, type RoomExtensionFactory } from '../src/rooms/board-room.ts';
import type { BoardStore } from '../src/storage/board-store.ts';

const silentSocket = {
  readyState: 1,
  OPEN: 1,
  bufferedAmount: 0,
  send: () => {},
  close: () => {},
  terminate: () => {},
} as unknown as WebSocket;

const unlimited = { messagesPerSecond: 1e9, messageBurst: 1e9, maxBufferedBytes: 2 ** 40 };

/** A connection to `room` that swallows what the room sends it. */
export function benchConnection(room: BoardRoom, role: Role): BoardConnection {
  const connection = new BoardConnection(silentSocket, role, '127.0.0.1', unlimited);
  room.addConnection(connection);
  return connection;
}

/** Loads `boardId` (already in `store`) into a room, with `extensions`. */
export async function loadBenchRoom(
  store: BoardStore,
  boardId: string,
  options: {
    compactAfterUpdates?: number;
    extensions?: RoomExtensionFactory[];
    metrics?: ServerMetrics;
  } = {},
): Promise<BoardRoom> {
  const room = await BoardRoom.load(
    boardId,
    {
      store,
      metrics: options.metrics ?? new ServerMetrics(),
      log: createLogger('silent'),
      settings: {
        compactAfterUpdates: options.compactAfterUpdates ?? 1e9,
        awarenessBatchMs: 50,
        maxBoardBytes: 2 ** 40,
      },
      onFailed: () => {},
      extensions: options.extensions ?? [],
    },
    { createIfMissing: false },
  );
  if (!room) throw new Error(`board ${boardId} is not in the store`);
  return room;
}
