/**
 * Import benchmark: reading a board file — its shape check alone, parse + check, and the whole
 * import into a Y.Doc — on the validator benchmark's board (10,000 cards, 15,000 links) and on a
 * board at the format's card and link limits (20,000 cards, 40,000 links, everyday text).
 *
 *   pnpm --filter @fire-triangle/shared bench:import
 *
 * No target: this benchmark guards the shape check against regressions (issue 8 replaced the
 * hand-written check with one generated from the schema; the figures must stay within noise).
 * Every figure is also a ratio to `JSON.parse` of the same text measured in the same round, so
 * machine noise cancels. Results go to bench/results/import.json at the repo root.
 */
import {
  boardFileToJson,
  fileOfSnapshot,
  importBoard,
  parseBoardFile,
  validateBoardFile,
} from '../src/format/board-file.ts';
import { largestBoardFile } from '../test-support/index.ts';
import { bigBoard } from './big-board.ts';
import { machineAtStart, median, time, writeResults } from './measure.ts';

const ROUNDS = Number(process.env.FT_BENCH_ROUNDS ?? 9);
const WARM_UP = 2;

const machine = machineAtStart();

const boards = [
  {
    name: 'validator board (10,000 cards, 15,000 links)',
    json: boardFileToJson(fileOfSnapshot(bigBoard())),
  },
  {
    name: 'largest board (20,000 cards, 40,000 links)',
    json: boardFileToJson(validateBoardFile(largestBoardFile())),
  },
];

interface Row {
  board: string;
  name: string;
  ms: number;
  ratioToJsonParse: number;
}
const rows: Row[] = [];

for (const board of boards) {
  const samples = {
    parse: [] as number[],
    check: [] as number[],
    parseFile: [] as number[],
    importBoard: [] as number[],
  };
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    let parsed: unknown;
    const parse = time(() => {
      parsed = JSON.parse(board.json);
    });
    const check = time(() => validateBoardFile(parsed));
    const parseFile = time(() => parseBoardFile(board.json));
    const whole = time(() => importBoard(board.json));
    if (round < WARM_UP) continue;
    samples.parse.push(parse);
    samples.check.push(check);
    samples.parseFile.push(parseFile);
    samples.importBoard.push(whole);
  }
  const ratio = (values: number[]) => median(values.map((ms, i) => ms / samples.parse[i]!));
  const mib = (board.json.length / 1024 / 1024).toFixed(1);
  console.log(`\n${board.name}, ${mib} MiB`);
  for (const [name, values] of [
    ['peer: JSON.parse', samples.parse],
    ['shape check (validateBoardFile)', samples.check],
    ['parseBoardFile (parse + check)', samples.parseFile],
    ['importBoard (parse + check + Y.Doc)', samples.importBoard],
  ] as const) {
    const row = { board: board.name, name, ms: median(values), ratioToJsonParse: ratio(values) };
    rows.push(row);
    console.log(
      `  ${name.padEnd(40)}${row.ms.toFixed(1).padStart(9)} ms${row.ratioToJsonParse.toFixed(2).padStart(8)} × JSON.parse`,
    );
  }
}

writeResults('import', machine, {
  runs: { rounds: ROUNDS, warmUp: WARM_UP },
  results: rows,
});
