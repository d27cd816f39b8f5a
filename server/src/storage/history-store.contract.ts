/**
 * The one contract every history store passes ([S-HSTORE-*] in docs/server-spec.md; the
 * promises are listed on `VersionStore` and `ActivityStore` in `history-store.ts`). A backend's
 * test file calls `describeHistoryStoreContract` with a factory; persistent backends also give
 * `reopen`, which closes the stores and opens them again on the same data.
 */
import type { ActivityEntry, VersionBudget } from '@fire-triangle/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { type HistoryStores, NamedVersionLimitError, type NewVersion } from './history-store.ts';

export interface HistoryStoreHarness {
  stores: HistoryStores;
  reopen?: () => Promise<HistoryStores>;
  cleanup?: () => Promise<void>;
}

const BUDGET: VersionBudget = { unnamed: 3, named: 2 };

function version(index: number, overrides: Partial<NewVersion> = {}): NewVersion {
  return {
    createdAt: 1_790_000_000_000 + index * 1000,
    kind: 'auto',
    name: null,
    seq: index,
    details: {
      participants: [{ name: `Ana ${index}`, role: 'facilitator' }],
      authors: ['Ana', 'Bruno'],
      change: {
        bytes: index * 10,
        cardsAdded: 1,
        cardsRemoved: 0,
        cardsMoved: 2,
        textsChanged: 3,
        cardsChanged: 3,
        linksAdded: 0,
        linksRemoved: 1,
      },
      cards: 10 + index,
      links: 4,
    },
    state: Uint8Array.from([index, 1, 2, 3, 255]),
    ...overrides,
  };
}

function entry(id: string, cardId: string, at: number, overrides: Partial<ActivityEntry> = {}) {
  const result: ActivityEntry = {
    id,
    cardId,
    at,
    since: at - 500,
    actor: 'Bob',
    role: 'editor',
    action: 'moved',
    fromLane: 'strategy',
    toLane: 'tactic',
    cardTitle: 'Newsletter',
    ...overrides,
  };
  return result;
}

export function describeHistoryStoreContract(
  name: string,
  open: () => Promise<HistoryStoreHarness>,
  options: { persistent: boolean },
): void {
  describe(`History store contract: ${name}`, () => {
    let harness: HistoryStoreHarness | undefined;
    const start = async () => {
      harness = await open();
      return harness.stores;
    };
    afterEach(async () => {
      await harness?.cleanup?.();
      harness = undefined;
    });

    it('[S-HSTORE-1] a version comes back as added: ids grow, newest first, state byte for byte', async () => {
      const { versions } = await start();
      const first = await versions.addVersion('b1', version(1), BUDGET);
      const second = await versions.addVersion('b1', version(2, { kind: 'before-import' }), BUDGET);
      expect(second.id).toBeGreaterThan(first.id);
      expect(first).toMatchObject({
        boardId: 'b1',
        createdAt: version(1).createdAt,
        kind: 'auto',
        name: null,
        seq: 1,
        details: version(1).details,
        stateBytes: 5,
        problem: null,
      });
      const listed = await versions.listVersions('b1');
      expect(listed.map((entry) => entry.id)).toEqual([second.id, first.id]);
      expect(listed[0]).toEqual(second);
      const stored = await versions.getVersion('b1', first.id);
      expect(stored?.state).toEqual(Uint8Array.from([1, 1, 2, 3, 255]));
      expect(stored).toMatchObject(first);
    });

    it('[S-HSTORE-2] adding prunes to the newest unnamed versions and keeps every named one', async () => {
      const { versions } = await start();
      const named = await versions.addVersion(
        'b1',
        version(0, { kind: 'named', name: 'After the objective round' }),
        BUDGET,
      );
      const ids: number[] = [];
      for (let index = 1; index <= 5; index++) {
        ids.push((await versions.addVersion('b1', version(index), BUDGET)).id);
      }
      const listed = (await versions.listVersions('b1')).map((entry) => entry.id);
      expect(listed).toEqual([ids[4], ids[3], ids[2], named.id]);
    });

    it('[S-HSTORE-2] a named version past the budget is refused and nothing is stored', async () => {
      const { versions } = await start();
      await versions.addVersion('b1', version(1, { kind: 'named', name: 'one' }), BUDGET);
      await versions.addVersion('b1', version(2, { kind: 'named', name: 'two' }), BUDGET);
      await expect(
        versions.addVersion('b1', version(3, { kind: 'named', name: 'three' }), BUDGET),
      ).rejects.toThrow(NamedVersionLimitError);
      expect(await versions.listVersions('b1')).toHaveLength(2);
      // Another board has its own budget.
      await versions.addVersion('b2', version(3, { kind: 'named', name: 'three' }), BUDGET);
    });

    it('[S-HSTORE-4] boards are independent; unknown boards and other boards’ ids give nothing', async () => {
      const { versions } = await start();
      const own = await versions.addVersion('b1', version(1), BUDGET);
      await versions.addVersion('b2', version(2), BUDGET);
      expect(await versions.listVersions('nope')).toEqual([]);
      expect(await versions.getVersion('b2', own.id)).toBeNull();
      expect(await versions.getVersion('b1', own.id + 1000)).toBeNull();
      expect((await versions.listVersions('b1')).map((entry) => entry.boardId)).toEqual(['b1']);
    });

    it('[S-HSTORE-5] naming keeps a version out of pruning; clearing the name lets it go', async () => {
      const { versions } = await start();
      const kept = await versions.addVersion('b1', version(1), BUDGET);
      expect(await versions.nameVersion('b1', kept.id, 'Before lunch', BUDGET)).toMatchObject({
        id: kept.id,
        name: 'Before lunch',
        kind: 'auto',
      });
      for (let index = 2; index <= 5; index++)
        await versions.addVersion('b1', version(index), BUDGET);
      expect((await versions.listVersions('b1')).map((entry) => entry.id)).toContain(kept.id);
      await versions.nameVersion('b1', kept.id, null, BUDGET);
      await versions.addVersion('b1', version(6), BUDGET);
      expect((await versions.listVersions('b1')).map((entry) => entry.id)).not.toContain(kept.id);
      expect(await versions.nameVersion('b1', 99_999, 'x', BUDGET)).toBeNull();
    });

    it('[S-HSTORE-5] naming past the named budget is refused; renaming a named one is not', async () => {
      const { versions } = await start();
      const one = await versions.addVersion(
        'b1',
        version(1, { kind: 'named', name: 'one' }),
        BUDGET,
      );
      await versions.addVersion('b1', version(2, { kind: 'named', name: 'two' }), BUDGET);
      const auto = await versions.addVersion('b1', version(3), BUDGET);
      await expect(versions.nameVersion('b1', auto.id, 'three', BUDGET)).rejects.toThrow(
        NamedVersionLimitError,
      );
      expect((await versions.getVersion('b1', auto.id))?.name).toBeNull();
      expect((await versions.nameVersion('b1', one.id, 'one, renamed', BUDGET))?.name).toBe(
        'one, renamed',
      );
    });

    it('[S-HSTORE-6] stored bytes are copies', async () => {
      const { versions, activity } = await start();
      const given = version(1);
      const added = await versions.addVersion('b1', given, BUDGET);
      given.state[0] = 99;
      given.details.authors.push('Mallory');
      const stored = (await versions.getVersion('b1', added.id))!;
      expect(stored.state[0]).toBe(1);
      expect(stored.details?.authors).toEqual(['Ana', 'Bruno']);
      stored.state[1] = 42;
      expect((await versions.getVersion('b1', added.id))!.state[1]).toBe(1);
      const saved = entry('e1', 'c1', 10);
      await activity.saveActivity('b1', [saved], 100);
      saved.cardTitle = 'changed';
      expect((await activity.cardActivity('b1', 'c1', 10))[0]!.cardTitle).toBe('Newsletter');
    });

    it('[S-HSTORE-7] activity: an entry saved again replaces itself; newest first; per card; limit', async () => {
      const { activity } = await start();
      await activity.saveActivity(
        'b1',
        [
          entry('e1', 'c1', 100, { action: 'edited', field: 'title', fromLane: undefined }),
          entry('e2', 'c1', 200),
          entry('e3', 'c2', 150, { action: 'created' }),
        ],
        100,
      );
      // A typing session goes on: the same entry, later, with the title as it is now.
      await activity.saveActivity(
        'b1',
        [entry('e1', 'c1', 300, { action: 'edited', field: 'title', cardTitle: 'News' })],
        100,
      );
      const c1 = await activity.cardActivity('b1', 'c1', 10);
      expect(c1.map((found) => [found.id, found.at])).toEqual([
        ['e1', 300],
        ['e2', 200],
      ]);
      expect(c1[0]).toMatchObject({ cardTitle: 'News', action: 'edited', field: 'title' });
      expect(await activity.cardActivity('b1', 'c1', 1)).toHaveLength(1);
      expect((await activity.cardActivity('b1', 'c2', 10)).map((found) => found.id)).toEqual([
        'e3',
      ]);
      expect(await activity.cardActivity('b2', 'c1', 10)).toEqual([]);
    });

    it('[S-HSTORE-7] activity keeps the board’s newest entries only', async () => {
      const { activity } = await start();
      const entries = Array.from({ length: 12 }, (_, index) =>
        entry(`e${index}`, index % 2 === 0 ? 'c1' : 'c2', 1000 + index),
      );
      await activity.saveActivity('b1', entries.slice(0, 6), 5);
      await activity.saveActivity('b1', entries.slice(6), 5);
      await activity.saveActivity('other', [entry('x', 'c1', 1)], 5);
      const kept = [
        ...(await activity.cardActivity('b1', 'c1', 100)),
        ...(await activity.cardActivity('b1', 'c2', 100)),
      ]
        .map((found) => found.id)
        .sort();
      expect(kept).toEqual(['e10', 'e11', 'e7', 'e8', 'e9']);
      expect(await activity.cardActivity('other', 'c1', 10)).toHaveLength(1);
    });

    if (options.persistent) {
      it('[S-HSTORE-6] a persistent store gives back versions, names and activity after a reopen', async () => {
        const { versions, activity } = await start();
        const added = await versions.addVersion('b1', version(1), BUDGET);
        await versions.nameVersion('b1', added.id, 'kept', BUDGET);
        await activity.saveActivity('b1', [entry('e1', 'c1', 5)], 10);
        const reopened = await harness!.reopen!();
        expect(await reopened.versions.getVersion('b1', added.id)).toMatchObject({
          name: 'kept',
          state: Uint8Array.from([1, 1, 2, 3, 255]),
          problem: null,
        });
        expect(await reopened.activity.cardActivity('b1', 'c1', 10)).toEqual([
          entry('e1', 'c1', 5),
        ]);
        const next = await reopened.versions.addVersion('b1', version(2), BUDGET);
        expect(next.id).toBeGreaterThan(added.id);
      });
    }
  });
}
