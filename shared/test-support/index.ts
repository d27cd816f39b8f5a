/**
 * Test support for every package (`@fire-triangle/shared/test-support`): seeded randomness
 * (lib0's `prng`), random boards built through the real operations, and a factory of board
 * snapshots. Not part of the app: only tests and benchmarks import it.
 */
export * from './boards.ts';
export * from './hostile.ts';
export * from './random.ts';
