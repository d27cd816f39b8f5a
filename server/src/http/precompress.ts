/**
 * Compresses the built client once, at `pnpm build`, so the server never compresses a file per
 * request: beside every text file of `client/dist` it writes `<file>.br` (brotli, quality 11)
 * and `<file>.gz` (gzip, level 9), which `@fastify/static` (`preCompressed`) serves to browsers
 * that accept them. A variant that saves less than 5 % is not written. Why not compress on the
 * fly: BENCHMARKS.md "The page" (brotli 11 is ~20 % smaller than what a per-request compressor
 * can afford, and costs nothing per request).
 *
 *   node --import tsx server/src/http/precompress.ts [DIR]   (default: <repo>/client/dist)
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Extensions worth compressing (images and fonts are compressed already). */
const TEXT_EXTENSIONS = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.xml',
  '.webmanifest',
  '.wasm',
]);

/** Below this, headers outweigh any saving. */
const MIN_BYTES = 256;
/** A variant must be at most this share of the original to be worth a file. */
const MAX_RATIO = 0.95;

export interface PrecompressedFile {
  /** Path relative to the directory. */
  file: string;
  bytes: number;
  brotliBytes: number | null;
  gzipBytes: number | null;
}

async function* filesUnder(dir: string, prefix = ''): AsyncGenerator<string> {
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const relative = join(prefix, entry.name);
    if (entry.isDirectory()) yield* filesUnder(dir, relative);
    else if (entry.isFile()) yield relative;
  }
}

/** Writes `.br` and `.gz` beside each text file of `dir`; returns what it wrote. */
export async function precompressDirectory(dir: string): Promise<PrecompressedFile[]> {
  const written: PrecompressedFile[] = [];
  for await (const file of filesUnder(dir)) {
    if (!TEXT_EXTENSIONS.has(extname(file).toLowerCase())) continue;
    const path = join(dir, file);
    const source = await readFile(path);
    if (source.length < MIN_BYTES) continue;
    const [br, gz] = await Promise.all([
      brotli(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      }),
      gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    const worth = (variant: Buffer) => variant.length <= source.length * MAX_RATIO;
    if (worth(br)) await writeFile(`${path}.br`, br);
    if (worth(gz)) await writeFile(`${path}.gz`, gz);
    written.push({
      file,
      bytes: source.length,
      brotliBytes: worth(br) ? br.length : null,
      gzipBytes: worth(gz) ? gz.length : null,
    });
  }
  return written;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../../client/dist', import.meta.url));
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    console.error(`precompress: ${dir} is not a directory (run the client build first)`);
    process.exit(2);
  }
  const files = await precompressDirectory(dir);
  for (const { file, bytes, brotliBytes, gzipBytes } of files) {
    console.log(`  ${file}: ${bytes} B → br ${brotliBytes ?? '-'} B, gzip ${gzipBytes ?? '-'} B`);
  }
  console.log(`precompress: ${files.length} files in ${dir}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error('precompress:', error);
    process.exit(1);
  });
}
