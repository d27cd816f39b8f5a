/**
 * The version history as the REST API uses it (S-HIST-*): list, open, diff, name, restore, card
 * activity. Roles are checked by the routes (`history-routes.ts`); this layer holds the rooms
 * while it works and turns stored rows into what the API shows.
 */
import {
  type BoardSnapshot,
  type CardActivityResponse,
  changeCounts,
  diffBoards,
  type RestoreResponse,
  readBoard,
  type VersionDiffResponse,
  type VersionListResponse,
  type VersionSummary,
} from '@fire-triangle/shared';
import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { BoardRoom } from '../rooms/board-room.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { HistoryStores } from '../storage/history-store.ts';
import {
  type HistorySettings,
  historyOf,
  type RoomHistory,
  versionSummary,
} from './room-history.ts';
import { readVersionState, VersionUnreadableError } from './version-state.ts';

/** No version with this id on this board. */
export class VersionNotFoundError extends Error {
  constructor(readonly versionId: number) {
    super(
      `This board has no version ${versionId} (it may have been pruned: see the history's budget).`,
    );
    this.name = 'VersionNotFoundError';
  }
}

/** The card asked for is not in the version. */
export class CardNotInVersionError extends Error {
  constructor(
    readonly cardId: string,
    readonly versionId: number,
  ) {
    super(`Card "${cardId}" is not in version ${versionId}.`);
    this.name = 'CardNotInVersionError';
  }
}

/** Runs `use` with the board's room held (`api-routes.ts` `withRoom`: loads it, maps errors). */
export type WithRoom = <T>(boardId: string, use: (room: BoardRoom) => Promise<T>) => Promise<T>;

export interface HistoryServiceDeps {
  stores: HistoryStores;
  registry: RoomRegistry;
  settings: HistorySettings;
  metrics: ServerMetrics;
  log: Logger;
}

/** A decoded version: its summary and board. */
export interface OpenedVersion {
  version: VersionSummary;
  board: BoardSnapshot;
}

export class HistoryService {
  constructor(private readonly deps: HistoryServiceDeps) {}

  get budget() {
    return this.deps.settings.budget;
  }

  async list(boardId: string): Promise<VersionListResponse> {
    const records = await this.deps.stores.versions.listVersions(boardId);
    return { versions: records.map(versionSummary), budget: this.deps.settings.budget };
  }

  /** The version's board. Throws `VersionNotFoundError`, `VersionUnreadableError`. */
  async open(boardId: string, versionId: number): Promise<OpenedVersion> {
    const stored = await this.deps.stores.versions.getVersion(boardId, versionId);
    if (!stored) throw new VersionNotFoundError(versionId);
    try {
      if (stored.problem) throw new VersionUnreadableError(versionId, stored.problem);
      const { board } = await readVersionState(versionId, stored.state);
      return { version: versionSummary(stored), board };
    } catch (error) {
      this.deps.metrics.historyFailures.inc({ operation: 'read' });
      this.deps.log.error(
        { boardId, version: versionId, err: error },
        'a stored version cannot be read; the board and the other versions are not affected',
      );
      throw error;
    }
  }

  /** From the version to the live board. */
  async diff(boardId: string, versionId: number, withRoom: WithRoom): Promise<VersionDiffResponse> {
    const { version, board } = await this.open(boardId, versionId);
    const live = await withRoom(boardId, (room) => room.read(readBoard));
    const diff = diffBoards(board, live);
    return { version, diff, counts: changeCounts(diff) };
  }

  /** A named version of the board as it is now. */
  create(boardId: string, name: string, withRoom: WithRoom): Promise<VersionSummary> {
    return withRoom(boardId, (room) => this.historyOfRoom(room).nameNow(name));
  }

  /** Names a version, or removes its name (`null`). */
  async rename(boardId: string, versionId: number, name: string | null): Promise<VersionSummary> {
    const record = await this.deps.stores.versions.nameVersion(
      boardId,
      versionId,
      name,
      this.deps.settings.budget,
    );
    if (!record) throw new VersionNotFoundError(versionId);
    return versionSummary(record);
  }

  /** Restores the whole board, or one card of it. */
  async restore(
    boardId: string,
    versionId: number,
    options: { seen?: Y.Snapshot; by: string; cardId?: string },
    withRoom: WithRoom,
  ): Promise<RestoreResponse> {
    const { board } = await this.open(boardId, versionId);
    if (options.cardId !== undefined && !board.cards.some((card) => card.id === options.cardId)) {
      throw new CardNotInVersionError(options.cardId, versionId);
    }
    return withRoom(boardId, (room) => this.historyOfRoom(room).restore(board, versionId, options));
  }

  /** One card's activity, newest first (what the room has not stored yet included). */
  async activity(boardId: string, cardId: string, limit: number): Promise<CardActivityResponse> {
    const room = this.deps.registry.loaded(boardId);
    const history = room ? historyOf(room) : undefined;
    if (history) await history.flushActivity();
    const entries = await this.deps.stores.activity.cardActivity(boardId, cardId, limit);
    return { cardId, entries };
  }

  private historyOfRoom(room: BoardRoom): RoomHistory {
    const history = historyOf(room);
    if (!history) throw new Error('this server runs without version history');
    return history;
  }
}
