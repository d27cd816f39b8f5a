/**
 * The Markdown strategy report: the board read top-down — objectives, the strategies that serve
 * them, the plans under those, the tactics at the base — with each card's findings beside it,
 * then the cards that serve nothing, then every finding by severity.
 *
 * Pure and framework-free (plain data in, a string out): it could move to `shared` so the
 * server and the CLI print the same report.
 */
import {
  type AlignmentScore,
  type BoardSnapshot,
  type CardSnapshot,
  type Finding,
  LANE_LABELS,
  LANE_LEVEL,
  type Language,
  type Severity,
  type VoteState,
  wellFormedText,
  withoutBidiControls,
} from '@fire-triangle/shared';

const WORDS = {
  en: {
    report: 'Strategy report',
    untitledBoard: 'Untitled board',
    generated: 'Generated on',
    alignment: 'Alignment',
    alignmentDetail: (score: AlignmentScore) =>
      `${score.tacticsAligned} of ${score.tacticsTotal} tactics trace up to an objective; ${score.objectivesReached} of ${score.objectivesTotal} objectives reach down to a tactic.`,
    tree: 'From objectives to tactics',
    noObjective: 'The board has no objective yet.',
    orphans: 'Cards that serve no objective',
    noOrphans: 'Every card traces up to an objective.',
    findings: 'Findings',
    noFindings: 'No findings.',
    severity: { error: 'Errors', warning: 'Warnings', info: 'Suggestions' },
    untitled: '(untitled)',
    kpi: 'KPI',
    owner: 'owner',
    due: 'due',
    budget: 'budget',
    seeAbove: 'see above',
    link: 'link',
    missing: '(deleted card)',
    vote: 'Dot vote',
    voteDetail: (voters: number, dotsPerPerson: number) =>
      `${voters} ${voters === 1 ? 'participant' : 'participants'} voted, ${dotsPerPerson} ${dotsPerPerson === 1 ? 'dot' : 'dots'} each. Most dots first:`,
    noVotes: 'No card got a dot.',
    dots: (count: number) => (count === 1 ? '1 dot' : `${count} dots`),
  },
  fr: {
    report: 'Rapport de stratégie',
    untitledBoard: 'Tableau sans titre',
    generated: 'Généré le',
    alignment: 'Alignement',
    alignmentDetail: (score: AlignmentScore) =>
      `${score.tacticsAligned} tactiques sur ${score.tacticsTotal} remontent à un objectif ; ${score.objectivesReached} objectifs sur ${score.objectivesTotal} descendent jusqu’à une tactique.`,
    tree: 'Des objectifs aux tactiques',
    noObjective: 'Le tableau n’a pas encore d’objectif.',
    orphans: 'Cartes qui ne servent aucun objectif',
    noOrphans: 'Chaque carte remonte à un objectif.',
    findings: 'Constats',
    noFindings: 'Aucun constat.',
    severity: { error: 'Erreurs', warning: 'Avertissements', info: 'Suggestions' },
    untitled: '(sans titre)',
    kpi: 'KPI',
    owner: 'responsable',
    due: 'échéance',
    budget: 'budget',
    seeAbove: 'voir plus haut',
    link: 'lien',
    missing: '(carte supprimée)',
    vote: 'Vote par points',
    voteDetail: (voters: number, dotsPerPerson: number) =>
      `${voters} ${voters === 1 ? 'participant a' : 'participants ont'} voté, ${dotsPerPerson} ${dotsPerPerson === 1 ? 'point' : 'points'} chacun. Du plus au moins de points :`,
    noVotes: 'Aucune carte n’a reçu de point.',
    dots: (count: number) => (count === 1 ? '1 point' : `${count} points`),
  },
} as const;

const SEVERITY_MARK: Record<Severity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️' };
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Control characters a text file should not carry (tab and line breaks apart). */
const CONTROL = /(?![\t\n\r])\p{Cc}/gu;

/**
 * A card's text as plain Markdown text on one line: it cannot become structure — a heading, a
 * link or image, raw HTML, emphasis, a code span, a table cell, a list item, a quote or a setext
 * underline — whatever it holds. Every character CommonMark gives a meaning to anywhere on a
 * line is backslash-escaped (CommonMark §2.4 allows it before any ASCII punctuation; `(` and `!`
 * need none once `[` is escaped), as is `&` before an entity reference; those
 * that only mean something at the start of a line (`-`, `+`, `=`, `1.`) are escaped there; line
 * breaks become spaces; control characters and bidi controls (one left open reverses the rest
 * of the line in a Markdown viewer) are dropped, and broken surrogate halves become U+FFFD.
 */
export function escapeMarkdown(text: string): string {
  return (
    withoutBidiControls(wellFormedText(text))
      .replace(CONTROL, '')
      .replace(/\s*[\n\r]\s*/g, ' ')
      .replace(/([\\`*_[\]#<>|~])/g, '\\$1')
      // An entity reference would turn into another character (`&lt;` into `<`).
      .replace(/&(?=#?\w+;)/g, '\\&')
      .replace(/^(\s*)([-+=]|\d+[.)])/, (_, space: string, mark: string) =>
        mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
      )
  );
}

export interface ReportInput {
  board: BoardSnapshot;
  findings: readonly Finding[];
  score: AlignmentScore;
  language: Language;
  /** When the report was made (ISO date in the header); injected so the output is testable. */
  date: Date;
  /** The board's dot vote: once revealed, its results are listed (issue #13). */
  vote?: VoteState | null;
}

export function buildStrategyReport(input: ReportInput): string {
  const { board, findings, score, language } = input;
  const words = WORDS[language];
  const labels = LANE_LABELS[language];
  const cards = new Map(board.cards.map((card) => [card.id, card]));
  const findingsByCard = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.target.kind !== 'card') continue;
    const list = findingsByCard.get(finding.target.id) ?? [];
    list.push(finding);
    findingsByCard.set(finding.target.id, list);
  }
  // Who serves whom: children of a card are the cards linked *to* it (from serves to).
  const servedBy = new Map<string, CardSnapshot[]>();
  for (const link of board.links) {
    const from = cards.get(link.from);
    if (!from || !cards.has(link.to)) continue;
    const list = servedBy.get(link.to) ?? [];
    list.push(from);
    servedBy.set(link.to, list);
  }
  for (const list of servedBy.values()) list.sort(byLevelThenTitle);

  const title = (card: CardSnapshot) => escapeMarkdown(card.title.trim()) || words.untitled;
  const lines: string[] = [];
  lines.push(
    `# ${words.report} — ${escapeMarkdown(board.meta.title.trim()) || words.untitledBoard}`,
  );
  lines.push('');
  lines.push(`${words.generated} ${input.date.toISOString().slice(0, 10)}.`);
  lines.push('');
  lines.push(
    `**${words.alignment}: ${Math.round(score.overall * 100)}%** — ${words.alignmentDetail(score)}`,
  );
  lines.push('');

  lines.push(`## ${words.tree}`);
  lines.push('');
  const reached = new Set<string>();
  const objectives = board.cards.filter((card) => card.lane === 'objective').sort(byLevelThenTitle);
  if (objectives.length === 0) lines.push(words.noObjective);

  const describe = (card: CardSnapshot): string => {
    let text = `**${labels[card.lane]}** — ${title(card)}`;
    if (card.lane === 'plan') {
      const parts = [
        card.kpi && `${words.kpi}: ${escapeMarkdown(card.kpi)}`,
        card.owner && `${words.owner}: ${escapeMarkdown(card.owner)}`,
        card.dueDate && `${words.due}: ${escapeMarkdown(card.dueDate)}`,
        card.budget && `${words.budget}: ${escapeMarkdown(card.budget)}`,
      ].filter(Boolean);
      if (parts.length > 0) text += ` (${parts.join(', ')})`;
    }
    return text;
  };
  const writeFindings = (card: CardSnapshot, indent: string) => {
    for (const finding of findingsByCard.get(card.id) ?? []) {
      lines.push(
        `${indent}  - ${SEVERITY_MARK[finding.severity]} ${escapeMarkdown(finding.message[language])} \`${finding.rule}\``,
      );
    }
  };
  const walk = (card: CardSnapshot, depth: number, path: Set<string>) => {
    const indent = '  '.repeat(depth);
    if (path.has(card.id)) return;
    if (reached.has(card.id)) {
      lines.push(`${indent}- ${describe(card)} (${words.seeAbove})`);
      return;
    }
    reached.add(card.id);
    lines.push(`${indent}- ${describe(card)}`);
    if (card.body.trim()) lines.push(`${indent}  ${escapeMarkdown(card.body.trim())}`);
    writeFindings(card, indent);
    const nextPath = new Set(path).add(card.id);
    for (const child of servedBy.get(card.id) ?? []) walk(child, depth + 1, nextPath);
  };
  for (const objective of objectives) walk(objective, 0, new Set());
  lines.push('');

  lines.push(`## ${words.orphans}`);
  lines.push('');
  const orphans = board.cards.filter((card) => !reached.has(card.id)).sort(byLevelThenTitle);
  if (orphans.length === 0) lines.push(words.noOrphans);
  for (const card of orphans) {
    lines.push(`- ${describe(card)}`);
    writeFindings(card, '');
  }
  lines.push('');

  const vote = input.vote;
  if (vote?.state === 'revealed' && vote.results) {
    lines.push(`## ${words.vote}`);
    lines.push('');
    lines.push(words.voteDetail(vote.voters ?? 0, vote.dotsPerPerson));
    lines.push('');
    if (vote.results.length === 0) lines.push(words.noVotes);
    vote.results.forEach((result, index) => {
      const card = cards.get(result.cardId);
      const name = card ? `**${labels[card.lane]}** — ${title(card)}` : words.missing;
      lines.push(`${index + 1}. ${name} — ${words.dots(result.dots)}`);
    });
    lines.push('');
  }

  lines.push(`## ${words.findings}`);
  lines.push('');
  if (findings.length === 0) lines.push(words.noFindings);
  const linkById = new Map(board.links.map((link) => [link.id, link]));
  const targetName = (finding: Finding): string => {
    if (finding.target.kind === 'card') {
      const card = cards.get(finding.target.id);
      return card ? title(card) : words.missing;
    }
    const link = linkById.get(finding.target.id);
    const end = (id: string | undefined) => {
      const card = id ? cards.get(id) : undefined;
      return card ? title(card) : words.missing;
    };
    return `${words.link} ${end(link?.from)} → ${end(link?.to)}`;
  };
  for (const severity of SEVERITIES) {
    const group = findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    lines.push(`### ${words.severity[severity]} (${group.length})`);
    lines.push('');
    for (const finding of group) {
      lines.push(
        `- ${SEVERITY_MARK[severity]} **${targetName(finding)}**: ${escapeMarkdown(finding.message[language])} \`${finding.rule}\``,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function byLevelThenTitle(a: CardSnapshot, b: CardSnapshot): number {
  return (
    LANE_LEVEL[a.lane] - LANE_LEVEL[b.lane] ||
    a.title.localeCompare(b.title) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
