/**
 * validateBoard and BoardValidator: one engine for the full run and the incremental one.
 *
 * `BoardValidator.update(board)` diffs the snapshot against the previous one (board-index.ts)
 * and recomputes only what the edit can affect:
 * - rules that read one card (plan fields, text) re-run only for cards whose rule fields
 *   changed (lane, title, body, KPI, owner, due date, budget), or all of them when the board's
 *   language changes;
 * - link rules re-run for added, removed or rewired links, for the other links between the
 *   same two cards (duplicates), and for the links of a card that changed lane or title;
 * - the path rules read reach bits: after a change to cards, lanes or links they are redone
 *   for the cones of the change only (graph.ts) — the whole graph, in two typed-array sweeps,
 *   after a big change — and only the cards whose outcome changed get their findings redone.
 * `validateBoard(board)` is a fresh validator's first update, so both give the same findings
 * by construction, and the property test checks it after random edits.
 */
import { LANE_LEVEL } from '../board/lanes.ts';
import type { BoardSnapshot } from '../board/types.ts';
import { BoardIndex, graphChanged, MISSING } from './board-index.ts';
import {
  effectiveFocusLimit,
  focusFinding,
  hasLocalRules,
  localFindings,
  pathFinding,
} from './card-rules.ts';
import { chainOf } from './chain.ts';
import { FindingTable } from './finding-table.ts';
import {
  classifyLink,
  countsOnPath,
  type LinkStatus,
  REACHES_STRATEGY,
  SERVED_BY_STRATEGY,
  SERVED_BY_TACTIC,
  ServingGraph,
} from './graph.ts';
import { linkFinding } from './link-rules.ts';
import { CARD_RULES, type CardRuleId, type LinkRuleId, RULES } from './rules.ts';
import { scoreOf } from './score.ts';
import { type LocalFinding, NO_FINDINGS } from './text-rules.ts';
import type { AlignmentScore, CardChain, Finding } from './types.ts';

const CARD_RULE_BIT = new Map<CardRuleId, number>(
  CARD_RULES.map((rule, index) => [rule, 1 << index]),
);

/** The path rule a card at this level breaks, given its reach bits (level-indexed, for speed). */
function pathRuleAt(level: number, reach: number): CardRuleId | undefined {
  if (level === LANE_LEVEL.tactic) {
    return (reach & REACHES_STRATEGY) === 0 ? 'card/tactic-without-strategy' : undefined;
  }
  if (level === LANE_LEVEL.strategy) {
    return (reach & SERVED_BY_TACTIC) === 0 ? 'card/strategy-without-tactic' : undefined;
  }
  if (level === LANE_LEVEL.objective) {
    return (reach & SERVED_BY_STRATEGY) === 0 ? 'card/objective-without-strategy' : undefined;
  }
  return undefined;
}

function toFinding(local: LocalFinding, cardId: string): Finding {
  return {
    rule: local.rule,
    severity: RULES[local.rule].severity,
    target: { kind: 'card', id: cardId },
    message: local.message,
  };
}

/** A status no real link has: the slot is free. It does not count on a path. */
const FREE_LINK = 255;

/**
 * Validates a board again and again as it changes, redoing only what each change can affect.
 * Give it successive snapshots of one board; it returns exactly what `validateBoard` would.
 *
 * Snapshots are immutable: a changed card must be a new object. Keeping unchanged cards and
 * links as the same objects (structural sharing) makes an update cost well under a
 * millisecond on 10,000 cards; all-new objects (`readBoard`) work too, with one field
 * comparison per card.
 *
 * @example
 *   const validator = new BoardValidator();
 *   let findings = validator.update(store.snapshot());
 *   store.subscribe(() => {
 *     findings = validator.update(store.snapshot());
 *     const score = validator.score(); // no second pass over the board
 *   });
 */
export class BoardValidator {
  private readonly index = new BoardIndex();
  private readonly graph = new ServingGraph();
  private readonly table = new FindingTable();
  private hasRun = false;
  private epoch = 0;
  // What changed in the serving graph during this update (see ServingGraph.update).
  private graphEdges: number[] = [];
  private graphEntered: number[] = [];

  // Per link slot.
  private linkStatus = new Uint8Array(0);
  private linkRule: (LinkRuleId | undefined)[] = [];
  private linkDirty = new Uint32Array(0);

  // Per card slot.
  private local: (readonly LocalFinding[] | undefined)[] = [];
  private pathRule: (CardRuleId | undefined)[] = [];
  /** The strategy count the focus finding shows, or 0 when it does not fire. */
  private focusShown = new Int32Array(0);
  /** Bit per card rule currently reported (see CARD_RULE_BIT). */
  private reported = new Uint16Array(0);
  private cardDirty = new Uint32Array(0);

  /** Validates `board`, reusing what is still valid from the previous call. */
  update(board: BoardSnapshot): Finding[] {
    const index = this.index;
    const changes = index.apply(board);
    this.epoch++;
    this.growSlots();
    const epoch = this.epoch;
    const dirtyCards: number[] = [];
    const markCard = (slot: number) => {
      if (this.cardDirty[slot] !== epoch) {
        this.cardDirty[slot] = epoch;
        dirtyCards.push(slot);
      }
    };
    const dirtyLinks: number[] = [];
    const markLink = (slot: number) => {
      if (this.linkDirty[slot] !== epoch) {
        this.linkDirty[slot] = epoch;
        dirtyLinks.push(slot);
      }
    };

    this.graphEdges = [];
    this.graphEntered = [];

    // Cards that left: drop their findings (their slots may be reused by later cards).
    for (const { slot, id } of changes.removedCards) {
      this.clearCardFindings(slot, id);
      this.resetCardSlot(slot);
    }
    for (const slot of changes.addedCards) {
      this.resetCardSlot(slot);
      markCard(slot);
    }
    if (changes.allCardsNew) {
      for (let slot = 0; slot < index.cardHigh; slot++) {
        this.resetCardSlot(slot);
        markCard(slot);
      }
    }
    // A first load (of all cards or all links) is checked like a first run.
    const bulk = !this.hasRun || changes.allCardsNew || changes.allLinksNew;
    for (const slot of changes.editedCards) {
      this.local[slot] = undefined;
      markCard(slot);
    }
    if (changes.focusLimitChanged) {
      // The limit is in the focus message: every objective is re-checked.
      for (let slot = 0; slot < index.cardHigh; slot++) {
        if (index.cardLevel[slot] === LANE_LEVEL.objective) markCard(slot);
      }
    }
    if (changes.languageChanged) {
      for (let slot = 0; slot < index.cardHigh; slot++) {
        if (index.cardLevel[slot] === MISSING) continue;
        this.local[slot] = undefined;
        markCard(slot);
      }
    }

    // Links that left: drop their findings; the links left between the same cards change.
    for (const removed of changes.removedLinks) {
      const rule = this.linkRule[removed.slot];
      if (rule !== undefined) this.table.set(rule, removed.id, undefined);
      this.linkRule[removed.slot] = undefined;
      if (countsOnPath(this.linkStatus[removed.slot]!)) {
        this.graphEdges.push(removed.from, removed.to);
      }
      this.linkStatus[removed.slot] = FREE_LINK;
    }
    // A rewired link leaves the graph at its old ends, and enters it again if it counts.
    for (const rewired of changes.rewiredLinks) {
      if (countsOnPath(this.linkStatus[rewired.slot]!)) {
        this.graphEdges.push(rewired.oldFrom, rewired.oldTo);
      }
      this.linkStatus[rewired.slot] = FREE_LINK;
    }
    if (bulk) {
      // The first run checks every link; no need to look for the ones an edit touches.
      for (let link = 0; link < index.linkHigh; link++) markLink(link);
    } else {
      for (const removed of changes.removedLinks) {
        index.forEachLinkBetween(removed.from, removed.to, markLink);
      }
      for (const rewired of changes.rewiredLinks) {
        markLink(rewired.slot);
        index.forEachLinkBetween(rewired.oldFrom, rewired.oldTo, markLink);
      }
      const rewiredSlots = changes.rewiredLinks.map((rewired) => rewired.slot);
      for (const group of [
        changes.addedLinks,
        rewiredSlots,
        changes.orphanedLinks,
        changes.resolvedLinks,
      ]) {
        for (const link of group) {
          markLink(link);
          index.forEachLinkBetween(index.linkFrom[link]!, index.linkTo[link]!, markLink);
        }
      }
      // A card's lane decides its links' direction rules; its title is in their messages.
      for (const slot of changes.releveledCards) index.forEachIncidentLink(slot, markLink);
      for (const slot of changes.retitledCards) index.forEachIncidentLink(slot, markLink);
    }

    for (const link of dirtyLinks) this.checkLink(link);

    const focusLimit = effectiveFocusLimit(index.focusLimit);
    if (!this.hasRun || graphChanged(changes) || changes.focusLimitChanged) {
      let touched: number[] | null = null;
      if (bulk) {
        this.graph.rebuild(index, this.linkStatus);
      } else if (graphChanged(changes)) {
        const cards = [...changes.addedCards, ...changes.releveledCards];
        touched = this.graph.update(
          index,
          this.linkStatus,
          this.graphEdges,
          this.graphEntered,
          cards,
        );
      }
      if (touched === null || changes.focusLimitChanged) {
        for (let slot = 0; slot < index.cardHigh; slot++)
          this.comparePathOutcome(slot, focusLimit, markCard);
      } else {
        for (const slot of touched) this.comparePathOutcome(slot, focusLimit, markCard);
      }
    }
    this.hasRun = true;

    for (const slot of dirtyCards) this.checkCard(slot, focusLimit);
    return this.table.list();
  }

  /** The alignment score of the last snapshot given to `update`. */
  score(): AlignmentScore {
    return scoreOf(this.index, this.graph);
  }

  /** The chain of a card in the last snapshot given to `update`. */
  chain(cardId: string): CardChain {
    return chainOf(this.index, this.graph, cardId);
  }

  private growSlots(): void {
    const cards = this.index.cardHigh;
    if (this.cardDirty.length < cards) {
      const size = Math.max(cards, this.cardDirty.length * 2, 16);
      this.cardDirty = grow(this.cardDirty, new Uint32Array(size));
      this.reported = grow(this.reported, new Uint16Array(size));
      this.focusShown = grow(this.focusShown, new Int32Array(size));
      this.local = grownArray(this.local, size);
      this.pathRule = grownArray(this.pathRule, size);
    }
    const links = this.index.linkHigh;
    if (this.linkDirty.length < links) {
      const size = Math.max(links, this.linkDirty.length * 2, 16);
      this.linkDirty = grow(this.linkDirty, new Uint32Array(size));
      this.linkRule = grownArray(this.linkRule, size);
      const status = new Uint8Array(size).fill(FREE_LINK);
      status.set(this.linkStatus);
      this.linkStatus = status;
    }
  }

  private resetCardSlot(slot: number): void {
    this.local[slot] = undefined;
    this.pathRule[slot] = undefined;
    this.focusShown[slot] = 0;
    this.reported[slot] = 0;
  }

  private clearCardFindings(slot: number, cardId: string): void {
    const reported = this.reported[slot]!;
    if (reported === 0) return;
    for (const rule of CARD_RULES) {
      if ((reported & CARD_RULE_BIT.get(rule)!) !== 0) this.table.set(rule, cardId, undefined);
    }
  }

  private checkLink(link: number): void {
    const index = this.index;
    // Typed arrays only, until there is something to report: the link objects themselves
    // are read for the few links with a finding.
    if (index.linkFrom[link] === MISSING && index.linkTo[link] === MISSING) {
      if (index.linkBySlot[link] === undefined) return; // removed in this update
    }
    const status: LinkStatus = classifyLink(index, link);
    const countedBefore = countsOnPath(this.linkStatus[link]!);
    const countedNow = countsOnPath(status);
    if (countedBefore !== countedNow && this.hasRun) {
      // (The first run builds the whole graph: it needs no list of changes.)
      this.graphEdges.push(index.linkFrom[link]!, index.linkTo[link]!);
      if (countedNow) this.graphEntered.push(link);
    }
    this.linkStatus[link] = status;
    const finding = linkFinding(index, link, status);
    const previousRule = this.linkRule[link];
    if (previousRule === undefined && finding === undefined) return;
    const id = index.linkBySlot[link]!.id;
    if (previousRule !== undefined && previousRule !== finding?.rule) {
      this.table.set(previousRule, id, undefined);
    }
    this.linkRule[link] = finding?.rule;
    if (finding === undefined) return;
    this.table.set(finding.rule, id, {
      rule: finding.rule,
      severity: RULES[finding.rule].severity,
      target: { kind: 'link', id },
      message: finding.message,
    });
  }

  /** After the graph changed: did this card's path or focus outcome change? */
  private comparePathOutcome(
    slot: number,
    focusLimit: number,
    markCard: (slot: number) => void,
  ): void {
    const cardLevel = this.index.cardLevel[slot]!;
    if (cardLevel === MISSING) return;
    const rule = pathRuleAt(cardLevel, this.graph.reach[slot]!);
    if (rule !== this.pathRule[slot]) {
      this.pathRule[slot] = rule;
      markCard(slot);
    }
    const count = this.graph.strategiesServing[slot]!;
    const shown =
      cardLevel === LANE_LEVEL.objective && focusLimit > 0 && count > focusLimit ? count : 0;
    if (shown !== this.focusShown[slot]) {
      this.focusShown[slot] = shown;
      markCard(slot);
    }
  }

  private checkCard(slot: number, focusLimit: number): void {
    const index = this.index;
    const level = index.cardLevel[slot]!;
    if (level === MISSING) return;
    let local = this.local[slot];
    if (local === undefined) {
      // Most cards are tactics, which no single-card rule reads: skip touching the object.
      local = hasLocalRules(level)
        ? localFindings(index.cardBySlot[slot]!, index.language)
        : NO_FINDINGS;
      this.local[slot] = local;
    }
    const pathRule = this.pathRule[slot];
    const focusCount = this.focusShown[slot]!;
    const reported = this.reported[slot]!;
    if (local.length === 0 && pathRule === undefined && focusCount === 0 && reported === 0) return;

    const card = index.cardBySlot[slot]!;
    let findings: readonly LocalFinding[] = local;
    const focus = focusFinding(card, focusCount, focusLimit);
    if (pathRule !== undefined || focus !== undefined) {
      const all = [...local];
      if (pathRule !== undefined) all.push(pathFinding(card, pathRule));
      if (focus !== undefined) all.push(focus);
      findings = all;
    }

    let nowReported = 0;
    for (const finding of findings) {
      nowReported |= CARD_RULE_BIT.get(finding.rule)!;
      this.table.set(finding.rule, card.id, toFinding(finding, card.id));
    }
    const gone = reported & ~nowReported;
    if (gone !== 0) {
      for (const rule of CARD_RULES) {
        if ((gone & CARD_RULE_BIT.get(rule)!) !== 0) this.table.set(rule, card.id, undefined);
      }
    }
    this.reported[slot] = nowReported;
  }
}

/** A copy of `from` with room for `size` entries, allocated once instead of grown one by one. */
function grownArray<T>(from: readonly T[], size: number): T[] {
  const next = new Array<T>(size);
  for (let i = 0; i < from.length; i++) next[i] = from[i]!;
  return next;
}

function grow<T extends Uint32Array | Uint16Array | Int32Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/**
 * Every finding on the board: pure and deterministic — the same board gives the same findings
 * in the same order, whatever the order of its `cards` and `links` arrays.
 * Order: by severity (errors first), then rule (catalogue order), then target id.
 */
export function validateBoard(board: BoardSnapshot): Finding[] {
  return new BoardValidator().update(board);
}
