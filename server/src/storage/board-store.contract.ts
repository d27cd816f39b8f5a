/**
 * The one contract every BoardStore passes ([S-STORE-*] in docs/server-spec.md). A backend's
 * test file calls `describeBoardStoreContract` with a factory; persistent backends also give
 * `reopen`, which closes the store and opens it again on the same data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardNotFoundError, type BoardStore } from './board-store.ts';

export interface StoreHarness {
  store: BoardStore;
  /** Persistent stores: close this store and open a new one on the same data. */
  reopen?: () => Promise<BoardStore>;
  cleanup?: () => Promise<void>;
}

/** A doc whose text got `count` inserts, and the update of each (for store tests). */
export function textUpdates(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let index = 0; index < count; index++) doc.getText('t').insert(0, `${index};`);
  return { doc, updates };
}

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

/** Records each update `edit` produces on `doc`. */
function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  edit();
  doc.off('update', record);
  return updates;
}

function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

export interface ContractOptions {
  /** The store keeps data across close and reopen (the harness must give `reopen`). */
  persistent: boolean;
}

export function describeBoardStoreContract(
  name: string,
  open: () => Promise<StoreHarness>,
  options: ContractOptions,
): void {
  describe(`BoardStore contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    const start = async () => {
      harness = await open();
      return harness;
    };
    afterEach(async () => {
      await harness?.store.close().catch(() => {});
      await harness?.cleanup?.();
      harness = undefined;
    });

    it('[S-STORE-1] a created board loads with its initial state; an unknown one is null', async () => {
      const { store } = await start();
      const initial = Y.encodeStateAsUpdate(docWithText('hello'));
      expect(await store.createBoard('b1', initial)).toBe(true);
      expect(await store.hasBoard('b1')).toBe(true);
      expect(await store.hasBoard('b2')).toBe(false);
      expect(await store.loadBoard('b2')).toBeNull();
      const loaded = await store.loadBoard('b1');
      expect(loaded).not.toBeNull();
      expect(loaded!.updates).toEqual([]);
      expect(loaded!.lastSeq).toBe(0);
      expect(rebuild(loaded!).getText('t').toString()).toBe('hello');
    });

    it('[S-STORE-1] creating an existing board again changes nothing and says so', async () => {
      const { store } = await start();
      await store.createBoard('b1', Y.encodeStateAsUpdate(docWithText('first')));
      expect(await store.createBoard('b1', Y.encodeStateAsUpdate(docWithText('second')))).toBe(
        false,
      );
      expect(
        rebuild((await store.loadBoard('b1'))!)
          .getText('t')
          .toString(),
      ).toBe('first');
    });

    it('[S-STORE-2] appended updates come back in order with increasing sequence numbers', async () => {
      const { store } = await start();
      const doc = new Y.Doc();
      await store.createBoard('b1', Y.encodeStateAsUpdate(doc));
      const updates = updatesOf(doc, () => {
        for (let index = 0; index < 20; index++) doc.getText('t').insert(index, String(index % 10));
      });
      const seqs: number[] = [];
      for (const update of updates) seqs.push(await store.appendUpdate('b1', update));
      expect(seqs).toEqual(updates.map((_, index) => index + 1));
      const loaded = (await store.loadBoard('b1'))!;
      expect(loaded.lastSeq).toBe(20);
      expect(loaded.updates.map((update) => [...update])).toEqual(
        updates.map((update) => [...update]),
      );
      expect(rebuild(loaded).getText('t').toString()).toBe(doc.getText('t').toString());
    });

    it('[S-STORE-2] appending to a board that does not exist throws BoardNotFoundError', async () => {
      const { store } = await start();
      await expect(store.appendUpdate('nope', new Uint8Array([0, 0]))).rejects.toBeInstanceOf(
        BoardNotFoundError,
      );
      expect(await store.hasBoard('nope')).toBe(false);
    });

    it('[S-STORE-3] compaction replaces the snapshot and keeps only updates after throughSeq', async () => {
      const { store } = await start();
      const doc = new Y.Doc();
      await store.createBoard('b1', Y.encodeStateAsUpdate(doc));
      const early = updatesOf(doc, () => {
        doc.getText('t').insert(0, 'abc');
        doc.getText('t').insert(3, 'def');
      });
      for (const update of early) await store.appendUpdate('b1', update);
      const snapshot = Y.encodeStateAsUpdate(doc);
      const late = updatesOf(doc, () => doc.getText('t').insert(6, 'ghi'));
      for (const update of late) await store.appendUpdate('b1', update);

      await store.compact('b1', snapshot, early.length);
      const loaded = (await store.loadBoard('b1'))!;
      expect(loaded.updates).toHaveLength(late.length);
      expect(loaded.lastSeq).toBe(early.length + late.length);
      expect(rebuild(loaded).getText('t').toString()).toBe('abcdefghi');
      // Sequence numbers keep growing after a compaction.
      const next = updatesOf(doc, () => doc.getText('t').insert(0, '>'));
      expect(await store.appendUpdate('b1', next[0]!)).toBe(early.length + late.length + 1);
    });

    it('[S-STORE-3] compacting an unknown board throws BoardNotFoundError', async () => {
      const { store } = await start();
      await expect(store.compact('nope', new Uint8Array([0, 0]), 1)).rejects.toBeInstanceOf(
        BoardNotFoundError,
      );
    });

    it('[S-STORE-4] boards are independent and listed in order', async () => {
      const { store } = await start();
      for (const id of ['zeta', 'alpha', 'mid-1']) {
        await store.createBoard(id, Y.encodeStateAsUpdate(docWithText(id)));
      }
      await store.appendUpdate('alpha', Y.encodeStateAsUpdate(docWithText('more')));
      expect(await store.listBoards()).toEqual(['alpha', 'mid-1', 'zeta']);
      expect((await store.loadBoard('zeta'))!.updates).toHaveLength(0);
      expect((await store.loadBoard('alpha'))!.updates).toHaveLength(1);
    });

    it('[S-STORE-5] stored bytes are copies: changing the caller’s array afterwards changes nothing', async () => {
      const { store } = await start();
      const initial = Y.encodeStateAsUpdate(docWithText('keep'));
      const original = [...initial];
      await store.createBoard('b1', initial);
      initial.fill(0);
      const update = Y.encodeStateAsUpdate(docWithText('x'));
      const updateCopy = [...update];
      await store.appendUpdate('b1', update);
      update.fill(0);
      const loaded = (await store.loadBoard('b1'))!;
      expect([...loaded.snapshot!]).toEqual(original);
      expect([...loaded.updates[0]!]).toEqual(updateCopy);
      loaded.snapshot!.fill(0);
      expect([...(await store.loadBoard('b1'))!.snapshot!]).toEqual(original);
    });

    it('[S-STORE-8] every logged update comes with its seq, and the snapshot with the seq it covers', async () => {
      const { store } = await start();
      const doc = new Y.Doc();
      await store.createBoard('b1', Y.encodeStateAsUpdate(doc));
      expect(await store.loadBoard('b1')).toMatchObject({
        snapshotSeq: 0,
        seqs: [],
        lastSeq: 0,
        problems: [],
      });
      const updates = updatesOf(doc, () => {
        for (let index = 0; index < 5; index++) doc.getText('t').insert(0, String(index));
      });
      for (const update of updates.slice(0, 3)) await store.appendUpdate('b1', update);
      await store.compact('b1', Y.encodeStateAsUpdate(doc), 2);
      for (const update of updates.slice(3)) await store.appendUpdate('b1', update);
      const loaded = (await store.loadBoard('b1'))!;
      expect(loaded).toMatchObject({ snapshotSeq: 2, seqs: [3, 4, 5], lastSeq: 5, problems: [] });
      expect(loaded.updates).toHaveLength(3);
      // Compacting through an older seq never moves the snapshot's seq back.
      await store.compact('b1', Y.encodeStateAsUpdate(doc), 1);
      expect((await store.loadBoard('b1'))!.snapshotSeq).toBe(2);
    });

    it('[S-STORE-9] health is ok while the store takes writes, and says why not once it is closed', async () => {
      const { store } = await start();
      expect(await store.health()).toEqual({ ok: true });
      await store.close();
      expect(await store.health()).toEqual({ ok: false, reason: expect.stringMatching(/closed/) });
    });

    // Only persistent stores promise this; the memory store forgets by design.
    if (options.persistent) {
      it('[S-STORE-6] a persistent store gives back everything after close and reopen', async () => {
        const first = await start();
        if (!first.reopen) throw new Error('a persistent store harness must give reopen()');
        const doc = new Y.Doc();
        await first.store.createBoard('b1', Y.encodeStateAsUpdate(doc));
        const updates = updatesOf(doc, () => {
          doc.getText('t').insert(0, 'durable');
          doc.getText('t').delete(0, 1);
        });
        for (const update of updates) await first.store.appendUpdate('b1', update);
        const reopened = await first.reopen();
        harness = { ...first, store: reopened };
        const loaded = (await reopened.loadBoard('b1'))!;
        expect(loaded.lastSeq).toBe(updates.length);
        expect(rebuild(loaded).getText('t').toString()).toBe('urable');
      });
    }

    it('[S-STORE-7] a closed store refuses further calls', async () => {
      const { store } = await start();
      await store.close();
      await expect(store.hasBoard('b1')).rejects.toThrow();
    });
  });
}
