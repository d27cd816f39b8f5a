/**
 * The board command line. `runCli` takes the arguments and returns the exit code, writing to
 * the streams it is given, so the entry file stays a one-liner.
 *
 *   check FILE.json [--format text|json] [--lang fr|en]
 *
 * Exit codes: 0 no error-severity finding · 1 at least one · 2 the file cannot be read, is not
 * a valid board, or the command line is wrong (the reason on stderr).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  alignmentScore,
  BoardImportError,
  isLanguage,
  type Language,
  LIMITS,
  parseBoardFile,
  snapshotOfFile,
  validateBoard,
} from '@fire-triangle/shared';
import { reportJson, reportText } from './check-report.ts';
import { runStoreCommand } from './store-commands.ts';

export const EXIT = { clean: 0, errorsFound: 1, unusable: 2 } as const;

export const USAGE = `Usage: pnpm fire-triangle check FILE.json [--format text|json] [--lang fr|en]
       pnpm fire-triangle store check|set-aside …   (the server's data directory; store --help)

Checks a Fire Triangle board file (as exported by the app) with the validator and prints its
findings grouped by severity, with the alignment score.

Options:
  --format text|json  text for people (default), json for scripts:
                      { "findings": [{ "rule", "severity", "target": { "kind", "id" }, "message" }], "score": {…} }
  --lang fr|en        language of the messages (default: the board's own language)
  -h, --help          show this help

FILE is read relative to the directory you ran pnpm from. For clean JSON on stdout, keep pnpm
quiet: pnpm -s fire-triangle check board.json --format json

Exit codes:
  0  no error-severity finding (warnings and infos may remain)
  1  at least one error-severity finding
  2  the file cannot be read or is not a valid board file, or the command line is wrong
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where relative file paths start (pnpm sets INIT_CWD to the caller's directory). */
  cwd: string;
}

interface CheckOptions {
  file: string;
  format: 'text' | 'json';
  language?: Language;
}

class UsageError extends Error {}

function parseCheckArguments(args: string[]): CheckOptions {
  const files: string[] = [];
  let format: CheckOptions['format'] = 'text';
  let language: Language | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const given = inline ?? args[++index];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value.`);
      return given;
    };
    if (name === '--format') {
      const given = value();
      if (given !== 'text' && given !== 'json') {
        throw new UsageError(`--format must be text or json, not '${given}'.`);
      }
      format = given;
    } else if (name === '--lang') {
      const given = value();
      if (!isLanguage(given)) throw new UsageError(`--lang must be fr or en, not '${given}'.`);
      language = given;
    } else {
      throw new UsageError(`unknown option '${arg}'.`);
    }
  }
  if (files.length === 0) throw new UsageError('check needs the board file to read.');
  if (files.length > 1) throw new UsageError(`check reads one file; got ${files.length}.`);
  return { file: files[0]!, format, ...(language ? { language } : {}) };
}

/** Reads a board file's text, refusing what is not a readable, reasonably sized UTF-8 file. */
async function readBoardText(path: string): Promise<string> {
  const info = await stat(path);
  if (info.isDirectory()) throw new Error('it is a directory, not a board file');
  if (info.size > LIMITS.fileBytes) {
    const mib = (info.size / 1024 / 1024).toFixed(1);
    throw new Error(
      `the file is ${mib} MiB; a board file may be at most ${LIMITS.fileBytes / 1024 / 1024} MiB`,
    );
  }
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8 text; save it as UTF-8 JSON');
  }
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

async function check(options: CheckOptions, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, options.file);
  let text: string;
  try {
    text = await readBoardText(path);
  } catch (error) {
    const shown = path === options.file ? path : `${options.file} (${path})`;
    io.stderr(`fire-triangle: cannot read ${shown}: ${describeReadError(error)}\n`);
    return EXIT.unusable;
  }
  let board: ReturnType<typeof snapshotOfFile>;
  try {
    board = snapshotOfFile(parseBoardFile(text));
  } catch (error) {
    if (!(error instanceof BoardImportError)) throw error;
    io.stderr(`fire-triangle: ${options.file} is not a valid board file.\n${error.message}\n`);
    return EXIT.unusable;
  }
  const report = { findings: validateBoard(board), score: alignmentScore(board) };
  const language = options.language ?? board.meta.language;
  io.stdout(
    options.format === 'json' ? reportJson(report, language) : reportText(board, report, language),
  );
  return report.findings.some((finding) => finding.severity === 'error')
    ? EXIT.errorsFound
    : EXIT.clean;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    // Asked for help: usage on stdout, but exit 2 without a command so scripts notice.
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT.unusable : EXIT.clean;
  }
  if (command === 'store') {
    return runStoreCommand(rest, { ...io, env: process.env });
  }
  if (command !== 'check') {
    io.stderr(`fire-triangle: unknown command '${command}'.\n\n${USAGE}`);
    return EXIT.unusable;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(USAGE);
    return EXIT.clean;
  }
  let options: CheckOptions;
  try {
    options = parseCheckArguments(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`fire-triangle: ${error.message}\n\n${USAGE}`);
    return EXIT.unusable;
  }
  return check(options, io);
}
