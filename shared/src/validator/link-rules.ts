/**
 * Link rules: at most one finding per link, chosen by precedence — dangling, then self, then
 * duplicate, then the direction rules (downward, skips-levels, skips-plan, same-lane). A link
 * that points at nothing cannot be judged on its direction; a duplicate is judged through its
 * original (the link with the smallest id between the same two cards).
 */
import { LANES } from '../board/lanes.ts';
import { type BoardIndex, MISSING } from './board-index.ts';
import {
  LINK_DANGLING,
  LINK_DOWNWARD,
  LINK_DUPLICATE,
  LINK_SAME_LANE,
  LINK_SELF,
  LINK_SKIPS_LEVELS,
  LINK_SKIPS_PLAN,
  type LinkStatus,
} from './graph.ts';
import * as messages from './messages.ts';
import type { LinkRuleId } from './rules.ts';

export interface LinkFinding {
  rule: LinkRuleId;
  message: messages.Message;
}

/** The finding for a link whose status is already known (see `classifyLink`), if any. */
export function linkFinding(
  index: BoardIndex,
  link: number,
  status: LinkStatus,
): LinkFinding | undefined {
  const record = index.linkBySlot[link]!;
  const fromSlot = index.linkFrom[link]!;
  const toSlot = index.linkTo[link]!;
  const from = fromSlot === MISSING ? undefined : index.cardBySlot[fromSlot];
  const to = toSlot === MISSING ? undefined : index.cardBySlot[toSlot];
  switch (status) {
    case LINK_DANGLING:
      return {
        rule: 'link/dangling',
        message: messages.danglingLink(from, to, record.from, record.to),
      };
    case LINK_SELF:
      return { rule: 'link/self', message: messages.selfLink(from!) };
    case LINK_DUPLICATE: {
      const original = index.linkBySlot[index.originalOfPair(link)]!;
      return {
        rule: 'link/duplicate',
        message: messages.duplicateLink(from!, to!, original.id),
      };
    }
    case LINK_DOWNWARD:
      return { rule: 'link/downward', message: messages.downwardLink(from!, to!) };
    case LINK_SKIPS_LEVELS:
      return { rule: 'link/skips-levels', message: messages.skipsLevelsLink(from!, to!) };
    case LINK_SKIPS_PLAN: {
      // The lane just below `to` is the one the link jumps over.
      const missing = LANES[index.cardLevel[toSlot]! + 1]!;
      return {
        rule: 'link/skips-plan',
        message: messages.skipsPlanLink(from!, to!, missing),
      };
    }
    case LINK_SAME_LANE:
      return { rule: 'link/same-lane', message: messages.sameLaneLink(from!, to!) };
    default:
      return undefined;
  }
}
