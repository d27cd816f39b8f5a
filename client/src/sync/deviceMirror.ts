/**
 * The board's copy for this device's storage: a second Y.Doc that follows the live doc, which
 * `y-indexeddb` binds to instead of the live doc. Sitting between the two at the level of Yjs
 * updates lets the session decide *when* an update reaches the device, through the doc API
 * alone (y-indexeddb has no public way to pause its writes):
 *
 * - a drag's frames are held and reach the copy as one merged update on drop — one IndexedDB
 *   write per drag instead of sixty a second, and no full-board compaction every 500 frames
 *   (y-indexeddb's `PREFERRED_TRIM_SIZE`) in the middle of a drag on a big board;
 * - the copy has no UndoManager, so Yjs garbage-collects what a drag overwrote: the record
 *   written per drag is ~80 bytes, where the live doc (whose UndoManager keeps every overwritten
 *   value restorable) would hand y-indexeddb ~25 bytes per frame.
 *
 * What the device storage loads into the copy (edits made offline, in another tab) flows into the
 * live doc with this mirror as transaction origin, so it is neither tracked by the UndoManager
 * nor counted as a local edit. A drag cut short by closing the tab loses only that drag's
 * positions on this device — the server has them already.
 *
 * Cost: the copy is a second Y.Doc of the board, and each update is applied twice. Measured in
 * Chromium on the drag benchmark's board (2,000 cards, 3,000 links): heap 101 MB against 93 MB
 * with y-indexeddb bound to the live doc; time to a connected board within the run's noise. If
 * that ever matters, the copy and y-indexeddb can move into a worker (IndexedDB works there).
 */
import * as Y from 'yjs';

export class DeviceMirror {
  /** The copy the device storage binds to (`new IndexeddbPersistence(name, mirror.doc)`). */
  readonly doc = new Y.Doc();
  private held: Uint8Array[] | null = null;

  constructor(private readonly live: Y.Doc) {
    // What the live doc already knows is in the copy too (the storage writes the copy's state
    // when it opens).
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(live), this);
    live.on('update', this.fromLive);
    this.doc.on('update', this.fromDevice);
  }

  /** From now on, live updates wait (a drag started). Idempotent. */
  hold(): void {
    this.held ??= [];
  }

  /** The held updates reach the copy as one (the drop). Idempotent. */
  release(): void {
    const held = this.held;
    this.held = null;
    if (held && held.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(held), this);
  }

  /** Whether updates are being held. */
  get holding(): boolean {
    return this.held !== null;
  }

  /** Releases what is held, then lets go of both docs (destroying the copy; not the live doc). */
  destroy(): void {
    this.release();
    this.live.off('update', this.fromLive);
    this.doc.off('update', this.fromDevice);
    this.doc.destroy();
  }

  private readonly fromLive = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    if (this.held) this.held.push(update);
    else Y.applyUpdate(this.doc, update, this);
  };

  private readonly fromDevice = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    Y.applyUpdate(this.live, update, this);
  };
}
