/**
 * Prints precision and recall per text rule on one part of the labelled corpus (issue 12).
 *
 *   pnpm --filter @fire-triangle/shared corpus                   # tuning part, with its misses
 *   pnpm --filter @fire-triangle/shared corpus -- --held-out     # held-out part (measure only)
 *   pnpm --filter @fire-triangle/shared corpus -- --word-forms   # the word-form probe
 *   … --markdown   prints the table and the misses as Markdown (for docs/validator-rules.md)
 *   … --folding    matches with the plural folding instead of Snowball stems (the comparison
 *                  behind the choice of stemmer, docs/validator-rules.md "Word forms")
 */
import { setWordKeying } from '../src/validator/normalise.ts';
import { type CorpusSplit, loadCorpus, scoreCorpus } from '../test-support/validator-corpus.ts';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const split: CorpusSplit = args.includes('--held-out')
  ? 'held-out'
  : args.includes('--word-forms')
    ? 'word-forms'
    : 'tuning';
const markdown = args.includes('--markdown');
if (args.includes('--folding')) setWordKeying('folding');
const score = scoreCorpus(loadCorpus(split));

const percent = (value: number) => value.toFixed(2);
if (markdown) {
  console.log(`| rule | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|`);
  for (const r of score.rules) {
    console.log(
      `| \`${r.rule}\` | ${r.truePositives} | ${r.falsePositives} | ${r.falseNegatives} | ${percent(r.precision)} | ${percent(r.recall)} |`,
    );
  }
  console.log('');
  for (const miss of score.misses) {
    const body = miss.card.body ? ` / body « ${miss.card.body} »` : '';
    console.log(
      `- \`${miss.rule}\` ${miss.kind}: ${miss.card.id} (${miss.card.lane}, ${miss.card.language} board) « ${miss.card.title} »${body}`,
    );
  }
} else {
  console.log(
    `${split}: ${score.cards} cards, ${args.includes('--folding') ? 'plural folding' : 'Snowball stems'}`,
  );
  console.log('rule                              TP   FP   FN  precision  recall');
  for (const r of score.rules) {
    console.log(
      `${r.rule.padEnd(32)} ${String(r.truePositives).padStart(3)}  ${String(r.falsePositives).padStart(3)}  ${String(r.falseNegatives).padStart(3)}  ${percent(r.precision).padStart(9)}  ${percent(r.recall).padStart(6)}`,
    );
  }
  console.log(`\n${score.misses.length} misses`);
  for (const miss of score.misses) {
    console.log(
      `  ${miss.kind.padEnd(11)} ${miss.rule.padEnd(28)} ${miss.card.id.padEnd(16)} ${miss.card.title}${miss.card.body ? ` | ${miss.card.body}` : ''}${miss.message ? `\n      → ${miss.message}` : ''}`,
    );
  }
}
