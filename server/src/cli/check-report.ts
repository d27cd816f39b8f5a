/**
 * What `fire-triangle check` prints: the validator's findings on a board file, as text grouped by
 * severity (with card titles, for people) or as JSON (for scripts and CI). Pure functions of the
 * board and the findings, so the output is the same on every machine.
 */
import type {
  AlignmentScore,
  BoardSnapshot,
  Finding,
  Language,
  Severity,
} from '@fire-triangle/shared';

export interface CheckReport {
  findings: Finding[];
  score: AlignmentScore;
}

/** The JSON output: `{ findings: [{ rule, severity, target: { kind, id }, message }], score }`. */
export function reportJson(report: CheckReport, language: Language): string {
  const findings = report.findings.map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    target: { kind: finding.target.kind, id: finding.target.id },
    message: finding.message[language],
  }));
  return `${JSON.stringify({ findings, score: report.score }, null, 2)}\n`;
}

const WORDS = {
  en: {
    board: 'Board',
    untitled: '(untitled)',
    cards: (n: number) => `${n} card${n === 1 ? '' : 's'}`,
    links: (n: number) => `${n} link${n === 1 ? '' : 's'}`,
    alignment: (percent: number) => `Alignment: ${percent}%`,
    alignmentDetail: (score: AlignmentScore) =>
      `${score.tacticsAligned}/${score.tacticsTotal} tactics trace up to an objective, ${score.objectivesReached}/${score.objectivesTotal} objectives reach down to a tactic`,
    headings: { error: 'Errors', warning: 'Warnings', info: 'Infos' } as Record<Severity, string>,
    card: 'card',
    link: 'link',
    missing: (id: string) => `missing card ${id}`,
    clean: 'No findings: every link and card passes the rules.',
    summary: (e: number, w: number, i: number) =>
      `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info${i === 1 ? '' : 's'}`,
    quote: (text: string) => `"${text}"`,
  },
  fr: {
    board: 'Tableau',
    untitled: '(sans titre)',
    cards: (n: number) => `${n} carte${n > 1 ? 's' : ''}`,
    links: (n: number) => `${n} lien${n > 1 ? 's' : ''}`,
    alignment: (percent: number) => `Alignement : ${percent} %`,
    alignmentDetail: (score: AlignmentScore) =>
      `${score.tacticsAligned}/${score.tacticsTotal} tactiques remontent à un objectif, ${score.objectivesReached}/${score.objectivesTotal} objectifs descendent jusqu’à une tactique`,
    headings: {
      error: 'Erreurs',
      warning: 'Avertissements',
      info: 'Informations',
    } as Record<Severity, string>,
    card: 'carte',
    link: 'lien',
    missing: (id: string) => `carte disparue ${id}`,
    clean: 'Aucun constat : chaque lien et chaque carte respectent les règles.',
    summary: (e: number, w: number, i: number) =>
      `${e} erreur${e > 1 ? 's' : ''}, ${w} avertissement${w > 1 ? 's' : ''}, ${i} information${i > 1 ? 's' : ''}`,
    quote: (text: string) => `« ${text} »`,
  },
} as const;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const MARKS: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** The human report: board line, alignment score, findings grouped by severity, summary. */
export function reportText(board: BoardSnapshot, report: CheckReport, language: Language): string {
  const words = WORDS[language];
  const titles = new Map(board.cards.map((card) => [card.id, card.title]));
  const links = new Map(board.links.map((link) => [link.id, link]));
  const cardName = (id: string): string => {
    const title = titles.get(id);
    if (title === undefined) return words.missing(id);
    return title.trim() === '' ? `${words.untitled} ${id}` : words.quote(shorten(title));
  };
  const targetName = (finding: Finding): string => {
    if (finding.target.kind === 'card') return `${words.card} ${cardName(finding.target.id)}`;
    const link = links.get(finding.target.id);
    if (!link) return `${words.link} ${finding.target.id}`;
    return `${words.link} ${cardName(link.from)} → ${cardName(link.to)}`;
  };

  const lines: string[] = [];
  const title = board.meta.title.trim() === '' ? words.untitled : words.quote(board.meta.title);
  lines.push(
    `${words.board} ${title} (${board.meta.language}) — ${words.cards(board.cards.length)}, ${words.links(board.links.length)}`,
  );
  const { score } = report;
  lines.push(
    `${words.alignment(Math.round(score.overall * 100))} (${words.alignmentDetail(score)})`,
  );
  const counts = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const finding of report.findings) counts[finding.severity]++;
  if (report.findings.length === 0) {
    lines.push('', words.clean);
  }
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${words.headings[severity]} (${group.length})`);
    for (const finding of group) {
      lines.push(`  ${MARKS[severity]} ${finding.rule} — ${targetName(finding)}`);
      lines.push(`    ${finding.message[language]}`);
    }
  }
  lines.push('', words.summary(counts.error, counts.warning, counts.info));
  return `${lines.join('\n')}\n`;
}
