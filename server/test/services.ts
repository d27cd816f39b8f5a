/**
 * The run's PostgreSQL and Redis (started by `global-setup.ts`), for the tests that need them.
 * Each caller gets its own PostgreSQL schema and Redis key prefix, so test files running in
 * parallel share the servers but never a board, a lock or a limit.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { PostgresBoardStore } from '../src/storage/postgres-store.ts';

/** The run's PostgreSQL URL; throws, saying what to do, when it could not start. */
export function testDatabaseUrl(): string {
  const services = inject('testServices');
  if (!services.databaseUrl) {
    throw new Error(`PostgreSQL is not available for this test run: ${services.postgresError}`);
  }
  return services.databaseUrl;
}

/** The run's Redis URL; throws, saying what to do, when it could not start. */
export function testRedisUrl(): string {
  const services = inject('testServices');
  if (!services.redisUrl) {
    throw new Error(`Redis is not available for this test run: ${services.redisError}`);
  }
  return services.redisUrl;
}

/** A name no other test uses: `t_<12 hex>` (a valid PostgreSQL identifier and Redis prefix). */
export function uniqueName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema the store created (after the test). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs SQL on the run's PostgreSQL as an operator would (psql), e.g. to damage a row. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A store on its own schema of the test PostgreSQL, for the contract suites: `open` gives the
 * board store (what the history and vote stores live beside), `reopen` closes it and opens it
 * again on the same data, `cleanup` closes it and drops the schema.
 */
export async function postgresHarness<T>(beside: (store: PostgresBoardStore) => T) {
  const schema = uniqueName();
  const open = () => PostgresBoardStore.open({ connectionString: testDatabaseUrl(), schema });
  let store = await open();
  return {
    stores: beside(store),
    reopen: async () => {
      await store.close();
      store = await open();
      return beside(store);
    },
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}
