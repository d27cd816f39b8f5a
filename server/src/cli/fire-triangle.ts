/**
 * Entry of the board command line: `pnpm fire-triangle check FILE.json [--format text|json]
 * [--lang fr|en]` (the root script runs `node --import tsx server/src/cli/fire-triangle.ts`).
 * It lives in the server package because `shared` stays free of Node APIs.
 */
import { runCli } from './cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // pnpm runs root scripts from the repository root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
