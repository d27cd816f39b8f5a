/** Bytes used by the files under a directory (a server's data dir). */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function du(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += du(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}
