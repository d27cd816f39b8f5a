// Stops throwaway services when the process that started them is gone (see
// throwaway-services.ts). Usage: node service-watchdog.mjs PARENT_PID '{"commands":[[...]],"removeDir":"..."}'
// It polls the parent twice a second; when the parent has ended (or this watchdog is sent
// SIGTERM/SIGINT/SIGHUP), it runs each stop command, removes the folder and exits. The parent
// kills it with SIGKILL once it has stopped the services itself.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const parentPid = Number(process.argv[2]);
const { commands, removeDir } = JSON.parse(process.argv[3] ?? '{}');

let cleaning = false;
function cleanUp() {
  if (cleaning) return;
  cleaning = true;
  for (const [file, ...args] of commands ?? []) {
    spawnSync(file, args, { stdio: 'ignore', timeout: 60_000 });
  }
  if (removeDir) rmSync(removeDir, { recursive: true, force: true });
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, cleanUp);

setInterval(() => {
  try {
    process.kill(parentPid, 0);
  } catch {
    cleanUp();
  }
}, 500);
