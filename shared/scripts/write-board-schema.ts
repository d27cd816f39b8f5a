/**
 * Writes `shared/board.schema.json` from the TypeBox schema in `src/format/board-schema.ts`
 * (the one definition of the board file's shape), formatted as Biome formats JSON.
 *
 *   pnpm --filter @fire-triangle/shared schema
 *
 * `test/schema.test.ts` fails while the written file differs from the schema.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { boardFileJsonSchema } from '../src/format/board-schema.ts';

const file = fileURLToPath(new URL('../board.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(boardFileJsonSchema(), null, 2)}\n`);
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', file], { stdio: 'inherit' });
console.log(`Wrote ${file}`);
