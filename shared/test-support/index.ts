/**
 * Test support for every package (`@fire-triangle/shared/test-support`): seeded randomness
 * (lib0's `prng`), random boards built through the real operations, a factory of board
 * snapshots, peers without a server (`TestNetwork`), a clock moved by hand (`ManualClock`).
 * Not part of the app: only tests and benchmarks import it.
 */
export * from './boards.ts';
export * from './hostile.ts';
export * from './manual-clock.ts';
export * from './network.ts';
export * from './random.ts';
