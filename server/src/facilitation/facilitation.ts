/**
 * The facilitation module's entry (issue #13; docs/server-spec.md "Facilitation"): one per
 * server, it gives every loaded room its part — a board room a `BoardFacilitation` (commands,
 * timer, votes), a participant's private room a `PrivateRoomFacilitation` — and holds the
 * private rounds (`private-rounds.ts`) the websocket upgrade asks for private rooms.
 */
import {
  type ClientFrame,
  getCardMap,
  isLane,
  type Lane,
  NO_LOCKS,
  type SessionState,
} from '@fire-triangle/shared';
import type { BoardConnection } from '../rooms/board-connection.ts';
import type { BoardRoom, RoomExtension } from '../rooms/board-room.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { BoardStore } from '../storage/board-store.ts';
import { BoardFacilitation, type FacilitationDeps, welcome } from './board-facilitation.ts';
import { PrivateRounds, parsePrivateRoomId } from './private-rounds.ts';

export type { FacilitationDeps } from './board-facilitation.ts';

export class Facilitation {
  readonly privateRounds: PrivateRounds;

  constructor(
    private readonly deps: FacilitationDeps,
    private readonly registry: () => RoomRegistry,
    store: BoardStore,
  ) {
    this.privateRounds = new PrivateRounds(registry, store);
  }

  /** A `RoomExtensionFactory` (`RoomDeps.extensions`): the part of a freshly loaded room. */
  readonly forRoom = (room: BoardRoom): RoomExtension => {
    const privateRoom = parsePrivateRoomId(room.boardId);
    return privateRoom
      ? new PrivateRoomFacilitation(room, privateRoom.boardId, this.deps, this.registry)
      : new BoardFacilitation(room, this.deps, this.privateRounds);
  };
}

/**
 * A participant's private doc during a private round (S-FAC-PRIV-*): it answers `hello` like a
 * board (the participant is the one its address named), takes no command, and its write policy
 * obeys the board's locks — a card written privately into a locked lane would otherwise land
 * there when the round ends.
 */
class PrivateRoomFacilitation implements RoomExtension {
  constructor(
    private readonly room: BoardRoom,
    private readonly boardId: string,
    private readonly deps: FacilitationDeps,
    private readonly registry: () => RoomRegistry,
  ) {}

  onFrame(connection: BoardConnection, frame: ClientFrame): void {
    if (frame.type === 'hello') {
      welcome(connection, this.boardId, frame, this.deps);
      return;
    }
    this.deps.metrics.commandsRefused.inc({ reason: 'unavailable' });
    connection.sendFrame({
      type: 'reply',
      id: frame.id,
      ok: false,
      serverTime: this.deps.now(),
      error: 'unavailable',
    });
  }

  onConnectionRemoved(): void {}

  policySession(): SessionState {
    // The board is held while any private connection is open (`PrivateRounds.acquire`).
    const board = this.registry().loaded(this.boardId);
    const session = board?.session;
    return {
      timer: session?.timer ?? this.room.session.timer,
      locks: session?.locks ?? NO_LOCKS,
      stage: session?.stage ?? null,
      vote: null,
      // New cards are what a private doc is for.
      privateRound: null,
    };
  }

  /** A board card's lane: a private link to it obeys its lane's lock (S-FAC-PRIV-2). */
  policyCardLane(cardId: string): Lane | undefined {
    const board = this.registry().loaded(this.boardId);
    const lane = board && getCardMap(board.doc, cardId)?.get('lane');
    return isLane(lane) ? lane : undefined;
  }

  destroy(): void {}
}
