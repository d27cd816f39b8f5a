/**
 * What is drawn *on* cards and links besides their own data: validator findings, the selected
 * card's chain, other participants' selections. Kept outside the React Flow node objects (in the
 * board's UI store) so a new finding repaints the one card it concerns instead of handing React
 * Flow two thousand new nodes: each card and link selects its own entry, which keeps its object
 * while unchanged.
 */
import type { Finding, Severity } from '@fire-triangle/shared';

export type ChainRole = 'selected' | 'up' | 'down';

export interface RemoteMark {
  name: string;
  colour: string;
}

export interface CardDecoration {
  findings: readonly Finding[];
  worst: Severity | null;
  chain: ChainRole | null;
  remote: readonly RemoteMark[];
}

export interface LinkDecoration {
  findings: readonly Finding[];
  worst: Severity | null;
  chain: boolean;
}

const EMPTY_CARD: CardDecoration = Object.freeze({
  findings: [],
  worst: null,
  chain: null,
  remote: [],
});
const EMPTY_LINK: LinkDecoration = Object.freeze({ findings: [], worst: null, chain: false });

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const finding of findings) {
    if (worst === null || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[worst]) {
      worst = finding.severity;
    }
  }
  return worst;
}

export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  return a.every(
    (finding, index) =>
      finding.rule === b[index]!.rule &&
      finding.message.en === b[index]!.message.en &&
      finding.message.fr === b[index]!.message.fr,
  );
}

function sameRemote(a: readonly RemoteMark[], b: readonly RemoteMark[]): boolean {
  return (
    a.length === b.length &&
    a.every((mark, index) => mark.name === b[index]!.name && mark.colour === b[index]!.colour)
  );
}

export interface DecorationInput {
  findings: readonly Finding[];
  chain: { selected: string | null; upCards: string[]; downCards: string[]; links: string[] };
  remoteSelections: ReadonlyMap<string, RemoteMark[]>;
}

/** Every card's and link's decoration; ids with none are absent. */
export interface Decorations {
  cards: ReadonlyMap<string, CardDecoration>;
  links: ReadonlyMap<string, LinkDecoration>;
}

export const NO_DECORATIONS: Decorations = Object.freeze({ cards: new Map(), links: new Map() });

export function cardDecoration(decorations: Decorations, id: string): CardDecoration {
  return decorations.cards.get(id) ?? EMPTY_CARD;
}

export function linkDecoration(decorations: Decorations, id: string): LinkDecoration {
  return decorations.links.get(id) ?? EMPTY_LINK;
}

/**
 * The decorations for `input`, keeping every unchanged card's and link's object from `previous`
 * (so only the cards whose decoration changed re-render), and `previous` itself when nothing
 * changed at all.
 */
export function nextDecorations(previous: Decorations, input: DecorationInput): Decorations {
  const cardFindings = new Map<string, Finding[]>();
  const linkFindings = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    const target = finding.target.kind === 'card' ? cardFindings : linkFindings;
    const list = target.get(finding.target.id);
    if (list) list.push(finding);
    else target.set(finding.target.id, [finding]);
  }
  const chainRole = new Map<string, ChainRole>();
  for (const id of input.chain.upCards) chainRole.set(id, 'up');
  for (const id of input.chain.downCards) chainRole.set(id, 'down');
  if (input.chain.selected) chainRole.set(input.chain.selected, 'selected');
  const chainLinks = new Set(input.chain.links);

  const cards = new Map<string, CardDecoration>();
  const cardIds = new Set([
    ...cardFindings.keys(),
    ...chainRole.keys(),
    ...input.remoteSelections.keys(),
  ]);
  for (const id of cardIds) {
    const findings = sortBySeverity(cardFindings.get(id) ?? []);
    const next: CardDecoration = {
      findings,
      worst: worstSeverity(findings),
      chain: chainRole.get(id) ?? null,
      remote: input.remoteSelections.get(id) ?? [],
    };
    const before = previous.cards.get(id);
    cards.set(
      id,
      before &&
        before.chain === next.chain &&
        sameFindings(before.findings, next.findings) &&
        sameRemote(before.remote, next.remote)
        ? before
        : next,
    );
  }
  const links = new Map<string, LinkDecoration>();
  for (const id of new Set([...linkFindings.keys(), ...chainLinks])) {
    const findings = sortBySeverity(linkFindings.get(id) ?? []);
    const next: LinkDecoration = {
      findings,
      worst: worstSeverity(findings),
      chain: chainLinks.has(id),
    };
    const before = previous.links.get(id);
    links.set(
      id,
      before && before.chain === next.chain && sameFindings(before.findings, next.findings)
        ? before
        : next,
    );
  }
  if (sameEntries(previous.cards, cards) && sameEntries(previous.links, links)) return previous;
  return { cards, links };
}

function sameEntries<T>(previous: ReadonlyMap<string, T>, next: ReadonlyMap<string, T>): boolean {
  if (previous.size !== next.size) return false;
  for (const [id, value] of next) if (previous.get(id) !== value) return false;
  return true;
}
