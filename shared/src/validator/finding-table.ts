/**
 * The current findings, one slot per (rule, target), kept in output order so that an update
 * that changes a few findings does not re-sort thousands.
 *
 * Output order (stable, independent of the snapshot's array order): by severity, then by rule
 * in catalogue order (`RULE_OUTPUT_ORDER`), then by target id (plain code-unit order).
 */
import { RULE_OUTPUT_ORDER, type RuleId } from './rules.ts';
import type { Finding } from './types.ts';

function byTargetId(a: Finding, b: Finding): number {
  return a.target.id < b.target.id ? -1 : a.target.id > b.target.id ? 1 : 0;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.severity === b.severity && a.message.fr === b.message.fr && a.message.en === b.message.en
  );
}

/** Index of the first finding whose target id is ≥ `id`. */
function lowerBound(sorted: readonly Finding[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.target.id < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Past this many inserts or removals in the middle of one rule's list, re-sort it once instead. */
const MAX_SPLICES_PER_UPDATE = 32;

class RuleFindings {
  readonly byTarget = new Map<string, Finding>();
  /** Sorted by target id; null when it must be rebuilt from `byTarget`. */
  sorted: Finding[] | null = [];
  splices = 0;

  /** Returns whether anything changed. */
  set(id: string, finding: Finding | undefined): boolean {
    const existing = this.byTarget.get(id);
    if (finding === undefined) {
      if (existing === undefined) return false;
      this.byTarget.delete(id);
      this.edit(id, undefined, 'remove');
      return true;
    }
    if (existing !== undefined && sameFinding(existing, finding)) return false;
    this.byTarget.set(id, finding);
    this.edit(id, finding, existing === undefined ? 'insert' : 'replace');
    return true;
  }

  private edit(id: string, finding: Finding | undefined, kind: 'insert' | 'remove' | 'replace') {
    const sorted = this.sorted;
    if (sorted === null) return;
    const last = sorted[sorted.length - 1];
    if (kind === 'insert' && (last === undefined || last.target.id < id)) {
      sorted.push(finding!); // the common case when a snapshot comes sorted by id
      return;
    }
    if (kind !== 'replace' && ++this.splices > MAX_SPLICES_PER_UPDATE) {
      this.sorted = null;
      return;
    }
    const at = lowerBound(sorted, id);
    if (kind === 'insert') sorted.splice(at, 0, finding!);
    else if (kind === 'remove') sorted.splice(at, 1);
    else sorted[at] = finding!;
  }

  list(): readonly Finding[] {
    if (this.sorted === null) this.sorted = [...this.byTarget.values()].sort(byTargetId);
    this.splices = 0;
    return this.sorted;
  }
}

export class FindingTable {
  private readonly rules = new Map<RuleId, RuleFindings>(
    RULE_OUTPUT_ORDER.map((rule) => [rule, new RuleFindings()]),
  );
  /** Every finding in output order, as last listed; null after a change. */
  private output: Finding[] | null = null;

  /** Sets (or clears, with undefined) the finding of `rule` on the target with this id. */
  set(rule: RuleId, targetId: string, finding: Finding | undefined): void {
    if (this.rules.get(rule)!.set(targetId, finding)) this.output = null;
  }

  get(rule: RuleId, targetId: string): Finding | undefined {
    return this.rules.get(rule)!.byTarget.get(targetId);
  }

  /** Every finding, in output order, as a new array (the caller may keep or change it). */
  list(): Finding[] {
    if (this.output === null) {
      // A plain push loop: it keeps the array packed, so the `slice` below is a memory copy
      // (concat and `new Array(n)` give arrays that copy ten times slower).
      const output: Finding[] = [];
      for (const rule of RULE_OUTPUT_ORDER) {
        const list = this.rules.get(rule)!.list();
        for (let i = 0; i < list.length; i++) output.push(list[i]!);
      }
      this.output = output;
    }
    return this.output.slice();
  }
}
