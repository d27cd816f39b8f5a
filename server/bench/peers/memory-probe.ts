/**
 * Preloaded into every benchmark server (`--import`), and does two things only:
 * - on SIGUSR2 it runs a full garbage collection (the process is started with --expose-gc)
 *   and writes `process.memoryUsage()` to the file named by BENCH_MEMORY_PROBE, so memory is
 *   compared after GC, not at a random point of the heap's sawtooth;
 * - if the benchmark runner that started it dies without stopping it (killed, or a test
 *   runner timing out), it sends itself SIGTERM, so no benchmark server outlives its run.
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

const runnerPid = Number(process.env.BENCH_RUNNER_PID);
if (Number.isInteger(runnerPid) && runnerPid > 0) {
  const watchdog = setInterval(() => {
    try {
      process.kill(runnerPid, 0);
    } catch {
      clearInterval(watchdog);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1_000);
  watchdog.unref();
}
