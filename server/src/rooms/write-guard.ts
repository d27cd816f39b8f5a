/**
 * Applies the write policy (`write-policy.ts`) to a live doc (BRIEF decision 1, S-WRITE-3): every
 * transaction a client's update makes is checked while Yjs cleans it up, and one with a refused
 * part is reverted whole, at once, by a server-side `Y.UndoManager` — so the revert is an
 * ordinary Yjs update that follows the client's update in the same `applyUpdate` call. The room
 * then stores and relays the two (`board-room.ts`).
 *
 * The UndoManager's `captureTransaction` is the check: it returns false for every allowed
 * transaction, so an allowed edit costs one policy check (a Map lookup for a card edit) and
 * nothing is kept for undoing it. Only a refused transaction becomes a stack item, undone in
 * the 'stack-item-added' event — still inside the transaction's cleanup, before Yjs
 * garbage-collects what it deleted — after which the deleted originals are released to be
 * collected as usual (the UndoManager keeps them for the undo; kept, a refused deletion would
 * leave two copies of the content in the board for good).
 *
 * An update that leaves structs waiting for missing dependencies ("pending") cannot be
 * attributed: whichever later update brings the dependencies would integrate them under its own
 * origin. It is refused as `unattributable` and what is pending is dropped.
 */
import type { Role, WriteRefusal } from '@fire-triangle/shared';
import * as Y from 'yjs';
import { type BoardWriteState, refusedWrites } from './write-policy.ts';

/** What a client connection looks like to the guard: transactions carry it as their origin. */
export interface ClientOrigin {
  readonly role: Role;
}

/** A client transaction the guard reverted, and why. */
export interface Revert<Client extends ClientOrigin> {
  client: Client;
  refusals: WriteRefusal[];
}

export class WriteGuard<Client extends ClientOrigin> {
  private readonly reverter: Y.UndoManager;
  private reverted: Revert<Client> | null = null;
  private transaction: Y.Transaction | null = null;

  /**
   * @param clientClass transactions whose origin is an instance of it are clients' (the room's
   *   `BoardConnection`); everything else — migrations, imports, reverts — is the server's.
   * @param board the board's state before the transaction (read at each client transaction).
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly clientClass: abstract new (...args: never[]) => Client,
    private readonly board: () => BoardWriteState,
  ) {
    this.reverter = new Y.UndoManager(doc, {
      // Every refused transaction is its own stack item, reverted at once.
      captureTimeout: 0,
      trackedOrigins: new Set([clientClass]),
      captureTransaction: this.check,
    });
    this.reverter.on('stack-item-added', this.revert);
  }

  /** The transaction reverted since the last call, if any (call after each client update). */
  takeRevert(): Revert<Client> | null {
    const reverted = this.reverted;
    this.reverted = null;
    if (reverted?.refusals.some((refusal) => refusal.reason === 'unattributable')) {
      // What could not be integrated must not be integrated later under another's name.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
    }
    return reverted;
  }

  destroy(): void {
    this.reverter.destroy();
  }

  private readonly check = (transaction: Y.Transaction): boolean => {
    const origin = transaction.origin;
    if (!(origin instanceof this.clientClass)) return false;
    const refusals = refusedWrites(transaction, origin.role, this.board());
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    if (refusals.length === 0 && !pending) return false;
    this.reverted = {
      client: origin,
      refusals: pending ? [...refusals, { reason: 'unattributable' }] : [...refusals],
    };
    this.transaction = transaction;
    return true;
  };

  private readonly revert = (event: { stackItem: { deletions: unknown } }): void => {
    const transaction = this.transaction;
    this.transaction = null;
    this.reverter.undo();
    if (!transaction) return;
    Y.iterateDeletedStructs(
      transaction,
      event.stackItem.deletions as Parameters<typeof Y.iterateDeletedStructs>[1],
      (struct) => {
        let item: Y.Item | null = struct instanceof Y.Item ? struct : null;
        while (item?.keep) {
          item.keep = false;
          item = (item.parent as Y.AbstractType<unknown>)._item;
        }
      },
    );
  };
}
