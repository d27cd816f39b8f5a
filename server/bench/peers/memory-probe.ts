/**
 * Preloaded into every benchmark server (`--import`): on SIGUSR2 it runs a full garbage
 * collection (the process is started with --expose-gc) and writes `process.memoryUsage()` to
 * the file named by BENCH_MEMORY_PROBE, so memory is compared after GC, not at a random
 * point of the heap's sawtooth. It touches nothing else in the server.
 */
import { writeFileSync } from 'node:fs';

const probeFile = process.env.BENCH_MEMORY_PROBE;
if (probeFile) {
  let sequence = 0;
  process.on('SIGUSR2', () => {
    const collect = (globalThis as { gc?: () => void }).gc;
    collect?.();
    collect?.();
    sequence += 1;
    writeFileSync(
      probeFile,
      JSON.stringify({ sequence, collected: Boolean(collect), ...process.memoryUsage() }),
    );
  });
}
