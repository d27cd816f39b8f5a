/**
 * The run's PostgreSQL and Redis (started by `global-setup.ts`), for the tests that need them.
 * Each caller gets its own PostgreSQL schema and Redis key prefix, so test files running in
 * parallel share the servers but never a board, a lock or a limit.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

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
