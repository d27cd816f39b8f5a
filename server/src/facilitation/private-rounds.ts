/**
 * Private writing rounds on the server (S-FAC-PRIV-*). A participant's private doc is a room
 * like a board's — same queue, storage, write policy (obeying its board's locks) — whose id is
 * `<boardId>~private~<participantId>`: `~` is never in a board id, so no share token, REST
 * route or websocket path for a board reaches it; only the upgrade does, for a connection that
 * presents the participant's own token (`websocket/upgrade.ts`).
 */
import {
  CLOSE_CODES,
  cardsMap,
  clearPrivateDraft,
  LIMITS,
  linksMap,
  type PrivateDraft,
  type PublishedCounts,
  type PublishLimit,
  publishPrivateCards,
  readPrivateDraft,
  writeSession,
} from '@fire-triangle/shared';
import type { BoardRoom } from '../rooms/board-room.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { BoardStore } from '../storage/board-store.ts';

const SEPARATOR = '~private~';

/** The room id of a participant's private doc on a board. */
export function privateRoomId(boardId: string, participantId: string): string {
  return `${boardId}${SEPARATOR}${participantId}`;
}

/** The board and participant of a private room id, or null for a board's own id. */
export function parsePrivateRoomId(
  roomId: string,
): { boardId: string; participantId: string } | null {
  const at = roomId.indexOf(SEPARATOR);
  if (at < 0) return null;
  return { boardId: roomId.slice(0, at), participantId: roomId.slice(at + SEPARATOR.length) };
}

/** No private round is running on the board (the upgrade closes with 4410). */
export class NoPrivateRoundError extends Error {
  constructor(readonly boardId: string) {
    super(`No private writing round is running on board ${boardId}`);
    this.name = 'NoPrivateRoundError';
  }
}

/** A room held for a connection, and how to give it back. */
export interface HeldRoom {
  room: BoardRoom;
  release(): void;
}

export class PrivateRounds {
  /** Boards whose round is being ended: nobody joins a private room of theirs any more. */
  private readonly ending = new Set<string>();

  constructor(
    private readonly registry: () => RoomRegistry,
    private readonly store: BoardStore,
  ) {}

  /**
   * For the websocket upgrade: the participant's private room, loaded (created the first time)
   * and held together with its board's room, whose locks it obeys. Throws
   * `NoPrivateRoundError` when no round runs, and what `RoomRegistry.acquire` throws.
   */
  async acquire(boardId: string, participantId: string): Promise<HeldRoom> {
    const registry = this.registry();
    const board = await registry.acquire(boardId, { createIfMissing: true });
    if (!board) throw new NoPrivateRoundError(boardId);
    try {
      if (!board.session.privateRound || this.ending.has(boardId)) {
        throw new NoPrivateRoundError(boardId);
      }
      const room = await registry.acquire(privateRoomId(boardId, participantId), {
        createIfMissing: true,
      });
      if (!room) throw new NoPrivateRoundError(boardId);
      return {
        room,
        release: () => {
          registry.release(room);
          registry.release(board);
        },
      };
    } catch (error) {
      registry.release(board);
      throw error;
    }
  }

  /**
   * `private-end` (S-FAC-PRIV-3): refuses new private connections, waits for what the private
   * rooms already received, copies every private card and link into the board in one
   * transaction that also ends the round, empties the private docs, then closes their
   * connections (4410). Runs in the board's facilitation queue, so two ends never overlap.
   */
  async end(board: BoardRoom, hideAuthors: boolean): Promise<PublishedCounts> {
    const registry = this.registry();
    const prefix = privateRoomId(board.boardId, '');
    this.ending.add(board.boardId);
    const held: BoardRoom[] = [];
    try {
      // Every private doc ever made on this board, loaded or not (they survive restarts).
      for (const id of await this.store.listBoards()) {
        if (!id.startsWith(prefix)) continue;
        const room = await registry.acquire(id, { createIfMissing: false });
        if (room) held.push(room);
      }
      const drafts: PrivateDraft[] = await Promise.all(
        held.map((room) => room.read(readPrivateDraft)),
      );
      // The room is measured inside the change's turn of the queue: nothing grows the board
      // between the measure and the publishing.
      const counts = await board.change((doc) => {
        const room = {
          cards: LIMITS.cards - cardsMap(doc).size,
          links: LIMITS.links - linksMap(doc).size,
          bytes: board.bytesLeft,
        };
        const published = publishPrivateCards(doc, drafts, { hideAuthors, room });
        writeSession(doc, { privateRound: null });
        return published;
      });
      // Emptied of what was settled while their authors are still connected, so their own
      // copies empty too; then closed. What did not fit, and a card still in flight now, stays
      // in its private doc (never lost): the author's client offers it as a leftover, the next
      // round publishes it.
      await Promise.all(
        held.map((room, index) =>
          room.change((doc) => clearPrivateDraft(doc, counts.settled[index]!)),
        ),
      );
      for (const [index, room] of held.entries()) {
        const reason = keptReason(drafts[index]!, counts.settled[index]!, counts.limit);
        for (const connection of room.connections) {
          connection.close(CLOSE_CODES.PRIVATE_ROUND_OVER, reason);
        }
      }
      return counts;
    } finally {
      for (const room of held) registry.release(room);
      this.ending.delete(board.boardId);
    }
  }
}

/** What each limit means to a person, in a close reason. */
const LIMIT_WORDS: Record<PublishLimit, string> = {
  cards: `the board holds ${LIMITS.cards.toLocaleString('en')} cards at most`,
  links: `the board holds ${LIMITS.links.toLocaleString('en')} links at most`,
  bytes: 'the board reached its size limit',
};

/**
 * The 4410 reason a private connection gets (S-FAC-PRIV-5): its cards are on the board, or how
 * many stayed private and why (close reasons are at most 123 bytes: these stay well under).
 */
function keptReason(
  draft: PrivateDraft,
  settled: PrivateDraft,
  limit: PublishLimit | null,
): string {
  const kept = draft.cards.length - settled.cards.length;
  if (kept === 0 || !limit) return 'the cards are on the board';
  return `${kept} ${kept === 1 ? 'card stays' : 'cards stay'} private: ${LIMIT_WORDS[limit]}`;
}
