/**
 * This participant's private doc during a private ("silent") writing round (S-FAC-PRIV-*): a
 * second Y.Doc with the board's layout, synced with the server through a second stock
 * y-websocket provider on the participant's private room
 * (`/ws/<boardId>?token=<share token>&private=<participant token>`, shared `participant.ts`),
 * kept on the device in IndexedDB under the round's id (a reload during the round, even
 * offline, finds every private card), with its own undo (`OwnUndo`) and read model.
 *
 * While the round runs, this participant's new cards go here (`routedActions.ts`); the board's
 * read model draws them with the board's, marked "only you see this" (`BoardReadModel.setDraft`).
 * Nobody else receives this doc: the server syncs it to this participant's connections only.
 *
 * When the round ends the server copies every private card into the board in one transaction
 * and closes this room with 4410. A card written offline that never reached the server is then
 * a *leftover*: `leftovers()` finds them (cards not on the board), and the person decides —
 * publish them now (`publishLeftovers`, one undo step) or drop them.
 */
import {
  type LinkResult,
  linkPrivateCard,
  PRIVATE_ROOM_PARAM,
  type PublishedCounts,
  type PublishRoom,
  publishPrivateCards,
  readPrivateDraft,
} from '@fire-triangle/shared';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type BoardActions, createBoardActions } from './boardActions.ts';
import { BoardReadModel } from './boardReadModel.ts';
import type { DeviceStorage, SessionEnvironment } from './boardSession.ts';
import type { DraftState } from './facilitation.ts';
import { OwnUndo } from './ownUndo.ts';
import {
  decodeServerNotice,
  FIRE_TRIANGLE_MESSAGE_TYPE,
  helloFrame,
  type SessionNotice,
} from './serverNotices.ts';

/** Where the device copy of a round's private doc is kept (IndexedDB database name). */
export function draftStorageName(boardId: string, roundId: string): string {
  return `fire-triangle/${boardId}/private/${roundId}`;
}

/** The `localStorage` key remembering which round's private doc this device holds. */
export function openDraftKey(boardId: string): string {
  return `ft-draft:${boardId}`;
}

export interface PrivateDraftOptions {
  boardId: string;
  roundId: string;
  /** The share token of the board link (the private room needs an editor or facilitator's). */
  token: string;
  websocketUrl: string;
  env: SessionEnvironment;
  /** The board's doc: links from a private card to a board card read its lane there. */
  boardDoc: Y.Doc;
  author(): string;
  onNotice(notice: SessionNotice): void;
  /** Called when `connection` changed. */
  onChange(): void;
}

export class PrivateDraft {
  readonly roundId: string;
  readonly doc = new Y.Doc();
  readonly readModel: BoardReadModel;
  readonly undo: OwnUndo;
  readonly actions: BoardActions;
  /** Resolves once what the device held of this round is loaded. */
  readonly loaded: Promise<void>;
  connection: DraftState['connection'] = 'off';
  /** The round is running (new cards come here); false once the board says it is over. */
  open = true;
  private readonly origin: object;
  private provider: WebsocketProvider | null = null;
  private readonly storage: DeviceStorage | null;
  private destroyed = false;

  constructor(private readonly options: PrivateDraftOptions) {
    this.roundId = options.roundId;
    this.origin = { source: 'private', boardId: options.boardId, roundId: options.roundId };
    this.undo = new OwnUndo(this.doc, this.origin);
    this.readModel = new BoardReadModel(this.doc);
    this.actions = createBoardActions(this.doc, this.origin, this.undo.manager, options.author);
    const open = options.env.openDeviceStorage;
    this.storage = open ? open(draftStorageName(options.boardId, options.roundId), this.doc) : null;
    this.loaded = this.storage
      ? this.storage.whenSynced.then(
          () => undefined,
          () => undefined,
        )
      : Promise.resolve();
  }

  hasCard(id: string): boolean {
    return this.readModel.hasCard(id);
  }

  hasLink(id: string): boolean {
    return this.readModel.linkList().some((link) => link.id === id);
  }

  /**
   * Links `a` and `b` here when one of them is a private card (the other may be on the board),
   * oriented as on the board; one undo step.
   */
  link(a: string, b: string): LinkResult {
    this.undo.manager.stopCapturing();
    const result = linkPrivateCard(this.doc, this.options.boardDoc, a, b, this.origin);
    this.undo.manager.stopCapturing();
    return result;
  }

  /** Opens the private room with this participant's token (once; reconnects by itself). */
  connect(participantToken: string): void {
    if (this.destroyed || this.connection === 'closed') return;
    if (this.provider) {
      if (!this.provider.shouldConnect) this.provider.connect();
      return;
    }
    const { options } = this;
    const provider = new WebsocketProvider(options.websocketUrl, options.boardId, this.doc, {
      params: { token: options.token, [PRIVATE_ROOM_PARAM]: participantToken },
      disableBc: true,
      WebSocketPolyfill: options.env.WebSocket,
    });
    // Presence belongs to the board's room; nobody is in a private room but its owner.
    provider.awareness.setLocalState(null);
    provider.messageHandlers[FIRE_TRIANGLE_MESSAGE_TYPE] = (_encoder, decoder) => {
      const notice = decodeServerNotice(decoder);
      if (notice) options.onNotice(notice);
    };
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        // The locks apply here too: ask to be told when a change is refused.
        provider.ws?.send(helloFrame(participantToken, ['write-refused']));
      }
      this.setConnection(status === 'connected' ? 'connected' : 'connecting');
    });
    // A final close — 4410 (`CLOSE_CODES.PRIVATE_ROUND_OVER`): the round is over, or was before
    // this room opened; the board has the cards. The board's doc says what comes next.
    provider.on('closed', () => this.setConnection('closed'));
    this.provider = provider;
    this.setConnection('connecting');
  }

  /** Closes the private room (offline, or the round ended); `connect` opens it again. */
  disconnect(): void {
    this.provider?.disconnect();
    if (this.connection !== 'closed') this.setConnection('off');
  }

  /** Private cards the board does not hold (written but never published). */
  leftovers(boardHasCard: (id: string) => boolean): string[] {
    return this.readModel
      .cardList()
      .filter((card) => !boardHasCard(card.id))
      .map((card) => card.id);
  }

  /**
   * Copies the leftovers (and their links whose two ends exist) that fit `room` into `boardDoc`
   * in one transaction tagged `origin` — one undo step of the board's — oldest first, as the
   * server publishes a round (S-FAC-PRIV-5), and returns the counts. What does not fit stays.
   */
  publishLeftovers(boardDoc: Y.Doc, origin: object, room: PublishRoom): PublishedCounts {
    return publishPrivateCards(
      boardDoc,
      [readPrivateDraft(this.doc)],
      { hideAuthors: false, room },
      origin,
    );
  }

  /**
   * Ends this draft here: closes the room, and with `clear` deletes its device copy (the round is
   * over and its cards are decided). Idempotent.
   */
  destroy(options: { clear: boolean }): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider?.destroy();
    const storage = this.storage;
    if (storage) {
      const done = options.clear && storage.clearData ? storage.clearData() : storage.destroy();
      void Promise.resolve(done).catch(() => {});
    }
    this.undo.destroy();
    this.readModel.destroy();
    this.doc.destroy();
  }

  private setConnection(connection: DraftState['connection']): void {
    if (this.destroyed || this.connection === connection) return;
    this.connection = connection;
    this.options.onChange();
  }
}
