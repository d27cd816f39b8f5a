/**
 * Vitest's global setup for the server project: one throwaway PostgreSQL and one Redis for the
 * whole run (server/test-support/throwaway-services.ts), stopped when the run ends — or by their
 * watchdog when the run is interrupted. Tests reach them through `inject('testServices')`
 * (`test/services.ts`); each test takes its own PostgreSQL schema and Redis key prefix, so files
 * running in parallel never share boards or limits. A service that cannot start is reported,
 * with what to do, by the tests that need it — the others run as usual.
 */
import type { TestProject } from 'vitest/node';
import {
  startPostgres,
  startRedis,
  type ThrowawayService,
} from '../test-support/throwaway-services.ts';

export interface TestServices {
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Why PostgreSQL / Redis is not there (null when it is). */
  postgresError: string | null;
  redisError: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testServices: TestServices;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.FT_TEST_SERVICES === '0') {
    const skipped = 'not started: FT_TEST_SERVICES=0';
    project.provide('testServices', {
      databaseUrl: null,
      redisUrl: null,
      postgresError: skipped,
      redisError: skipped,
    });
    return async () => {};
  }
  const [postgres, redis] = await Promise.allSettled([startPostgres(), startRedis()]);
  const started: ThrowawayService[] = [];
  const describe = (outcome: PromiseSettledResult<ThrowawayService>) => {
    if (outcome.status === 'fulfilled') {
      started.push(outcome.value);
      return { url: outcome.value.url, error: null };
    }
    return { url: null, error: (outcome.reason as Error).message };
  };
  const pg = describe(postgres);
  const rd = describe(redis);
  project.provide('testServices', {
    databaseUrl: pg.url,
    redisUrl: rd.url,
    postgresError: pg.error,
    redisError: rd.error,
  });
  return async () => {
    await Promise.all(started.map((service) => service.stop()));
  };
}
