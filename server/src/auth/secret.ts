/**
 * The secret that signs share tokens: FT_SECRET when given, else 32 random bytes generated into
 * `<dataDir>/secret` on first start (file mode 0600, readable by the server's user only) and
 * read back on every later start, so links keep working across restarts.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE_NAME = 'secret';

export interface LoadedSecret {
  secret: string;
  source: 'env' | 'generated' | 'file';
  path?: string;
}

export function loadOrCreateSecret(dataDir: string, fromEnv: string | undefined): LoadedSecret {
  if (fromEnv) return { secret: fromEnv, source: 'env' };
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SECRET_FILE_NAME);
  try {
    // 'wx' fails if the file exists, so two servers starting together never overwrite each other.
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return { secret: readSecretFile(path), source: 'generated', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // An existing file readable by others (copied around, restored from a backup): tighten it.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { secret: readSecretFile(path), source: 'file', path };
}

function readSecretFile(path: string): string {
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) {
    throw new Error(
      `${path} holds a secret shorter than 32 characters. Delete it to generate a new one (this invalidates every share link).`,
    );
  }
  return secret;
}
