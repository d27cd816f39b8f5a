import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBoardStoreContract } from './board-store.contract.ts';
import { MemoryBoardStore } from './memory-store.ts';
import { SqliteBoardStore } from './sqlite-store.ts';

describeBoardStoreContract('memory', async () => ({ store: new MemoryBoardStore() }), {
  persistent: false,
});

describeBoardStoreContract(
  'sqlite',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ft-store-'));
    let store = new SqliteBoardStore({ dataDir });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = new SqliteBoardStore({ dataDir });
        return store;
      },
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
  { persistent: true },
);
