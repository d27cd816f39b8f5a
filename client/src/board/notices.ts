/**
 * What the board says in its notice slot about things that happened to the person's own edits:
 * an undo that kept someone else's work, a change the server refused, a limit reached. Pure
 * (words come from `t`), so each sentence is tested without a browser.
 */
import { LANE_LABELS, type Lane, LIMITS } from '@fire-triangle/shared';
import type { MessageKey } from '../i18n/messages.ts';
import type { UndoOutcome } from '../sync/ownUndo.ts';
import type { SessionNotice } from '../sync/serverNotices.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** "1.5 MiB"-style size for a person. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

/**
 * The notice after an undo or redo, or null when it did what anyone would expect.
 * @param nameOf a participant's name by Yjs client id (undefined: not here any more)
 * @param cardTitle a card's title by id ('' when untitled or gone)
 */
export function undoNotice(
  outcome: UndoOutcome | null,
  nameOf: (clientId: number) => string | undefined,
  cardTitle: (cardId: string) => string,
  t: Translate,
): string | null {
  if (!outcome) return null;
  const names = (clients: readonly number[]) => {
    const known = [...new Set(clients.map(nameOf).filter((name): name is string => !!name))];
    return known.length > 0 ? known.join(', ') : t('undo.someone');
  };
  if (outcome.kept.length === 1) {
    const [kept] = outcome.kept;
    return t('undo.kept', {
      card: cardTitle(kept!.cardId) || t('card.untitled'),
      names: names(kept!.by),
    });
  }
  if (outcome.kept.length > 1) {
    return t('undo.keptMany', {
      count: outcome.kept.length,
      names: names(outcome.kept.flatMap((kept) => kept.by)),
    });
  }
  if (!outcome.changed) return t('undo.skipped', { names: names(outcome.overwrittenBy) });
  return null;
}

/** The words for a notice from the session (a refused write — naming the locked lanes in
 * `laneLabels`, the board's language —, a limit). */
export function sessionNoticeText(
  notice: SessionNotice,
  t: Translate,
  board: { size: number; limit: number },
  laneLabels: Readonly<Record<Lane, string>> = LANE_LABELS.en,
): string {
  if (notice.kind === 'write-refused') {
    return notice.reasons
      .map((reason) =>
        reason === 'locked' && notice.lanes.length > 0
          ? t('notice.refused.lockedLane', {
              lanes: notice.lanes.map((lane) => laneLabels[lane]).join(', '),
            })
          : t(`notice.refused.${reason}`),
      )
      .join(' ');
  }
  switch (notice.limit) {
    case 'cards':
      return t('limit.cards', { max: LIMITS.cards.toLocaleString() });
    case 'links':
      return t('limit.links', { max: LIMITS.links.toLocaleString() });
    case 'boardBytes':
      return t('limit.boardBytes', {
        size: formatBytes(board.size),
        max: formatBytes(board.limit),
      });
  }
}
