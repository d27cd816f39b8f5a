import type { ActivityEntry, VersionBudget } from '@fire-triangle/shared';
import {
  type ActivityStore,
  NamedVersionLimitError,
  type NewVersion,
  type StoredVersion,
  type VersionRecord,
  type VersionStore,
} from './history-store.ts';

/**
 * Versions in this process only (lost on exit), for tests, demos and `FT_STORE=memory`. Copies
 * bytes and details in and out, as a real store does.
 */
export class MemoryVersionStore implements VersionStore {
  private readonly boards = new Map<string, StoredVersion[]>();
  private nextId = 1;

  async addVersion(
    boardId: string,
    version: NewVersion,
    budget: VersionBudget,
  ): Promise<VersionRecord> {
    const versions = this.boards.get(boardId) ?? [];
    if (version.name !== null && namedCount(versions) >= budget.named) {
      throw new NamedVersionLimitError(budget.named);
    }
    const stored: StoredVersion = {
      id: this.nextId++,
      boardId,
      createdAt: version.createdAt,
      kind: version.kind,
      name: version.name,
      seq: version.seq,
      details: structuredClone(version.details),
      stateBytes: version.state.length,
      problem: null,
      state: version.state.slice(),
    };
    versions.push(stored);
    this.boards.set(boardId, prune(versions, budget));
    return record(stored);
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    return (this.boards.get(boardId) ?? []).map(record).reverse();
  }

  async getVersion(boardId: string, id: number): Promise<StoredVersion | null> {
    const found = this.boards.get(boardId)?.find((version) => version.id === id);
    return found ? { ...record(found), state: found.state.slice() } : null;
  }

  async nameVersion(
    boardId: string,
    id: number,
    name: string | null,
    budget: VersionBudget,
  ): Promise<VersionRecord | null> {
    const versions = this.boards.get(boardId) ?? [];
    const found = versions.find((version) => version.id === id);
    if (!found) return null;
    if (name !== null && found.name === null && namedCount(versions) >= budget.named) {
      throw new NamedVersionLimitError(budget.named);
    }
    found.name = name;
    return record(found);
  }
}

function namedCount(versions: readonly StoredVersion[]): number {
  return versions.filter((version) => version.name !== null).length;
}

/** Keeps every named version and the newest `budget.unnamed` others (ids grow with time). */
function prune(versions: StoredVersion[], budget: VersionBudget): StoredVersion[] {
  let unnamedToDrop = versions.length - namedCount(versions) - budget.unnamed;
  if (unnamedToDrop <= 0) return versions;
  return versions.filter((version) => {
    if (version.name !== null || unnamedToDrop <= 0) return true;
    unnamedToDrop--;
    return false;
  });
}

function record(version: StoredVersion): VersionRecord {
  const { state: _state, ...rest } = version;
  return { ...rest, details: rest.details ? structuredClone(rest.details) : null };
}

/** Card activity in this process only. */
export class MemoryActivityStore implements ActivityStore {
  private readonly boards = new Map<string, Map<string, ActivityEntry>>();

  async saveActivity(
    boardId: string,
    entries: readonly ActivityEntry[],
    keep: number,
  ): Promise<void> {
    const board = this.boards.get(boardId) ?? new Map<string, ActivityEntry>();
    for (const entry of entries) board.set(entry.id, structuredClone(entry));
    if (board.size > keep) {
      const oldest = [...board.values()].sort(byNewest).slice(keep);
      for (const entry of oldest) board.delete(entry.id);
    }
    this.boards.set(boardId, board);
  }

  async cardActivity(boardId: string, cardId: string, limit: number): Promise<ActivityEntry[]> {
    const board = this.boards.get(boardId);
    if (!board) return [];
    return [...board.values()]
      .filter((entry) => entry.cardId === cardId)
      .sort(byNewest)
      .slice(0, limit)
      .map((entry) => structuredClone(entry));
  }
}

/** Newest first; ids break ties so the order is the same in every store. */
export function byNewest(a: ActivityEntry, b: ActivityEntry): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
