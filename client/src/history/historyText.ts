/**
 * The history's words, from plain data: a version's label and "what changed", what a restore
 * will do (said before it runs) and what it did, a card's activity as sentences. Pure (the
 * translation function comes in), so each is tested without React.
 */
import {
  type ActivityEntry,
  type BoardDiff,
  CARD_WRITTEN_FIELDS,
  type Lane,
  type Language,
  type RestoreSummary,
  type VersionChange,
  type VersionSummary,
} from '@fire-triangle/shared';
import type { MessageKey } from '../i18n/messages.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A version's name, or what kind of version it is. */
export function versionLabel(version: VersionSummary, t: Translate): string {
  return version.name ?? t(`history.kind.${version.kind}`);
}

/** `10:42` today, `28 Nov, 16:05` another day (the reader's language). */
export function formatVersionTime(ms: number, language: Language, now = Date.now()): string {
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** "What changed" of a version, in short parts: `+3 cards`, `1 moved between lanes`… */
export function changeParts(change: VersionChange | null, t: Translate): string[] {
  if (!change) return [t('history.change.first')];
  const parts: string[] = [];
  if (change.cardsAdded) parts.push(t('history.change.added', { count: change.cardsAdded }));
  if (change.cardsRemoved) parts.push(t('history.change.removed', { count: change.cardsRemoved }));
  if (change.cardsMoved) parts.push(t('history.change.moved', { count: change.cardsMoved }));
  if (change.textsChanged) parts.push(t('history.change.texts', { count: change.textsChanged }));
  if (change.linksAdded || change.linksRemoved) {
    parts.push(
      t('history.change.links', { added: change.linksAdded, removed: change.linksRemoved }),
    );
  }
  return parts.length > 0 ? parts : [t('history.change.none')];
}

/** Names for a list of people; '' (no name given) reads as "someone". */
export function peopleNames(names: readonly string[], t: Translate): string {
  const shown = [...new Set(names.map((name) => name.trim() || t('history.someone')))];
  return shown.join(', ');
}

/**
 * What restoring the version of `diff` (from the version to the live board) will do, one line
 * each — restore reverses the diff: what was added since goes, what was deleted comes back.
 */
export function restorePreview(diff: BoardDiff, t: Translate): string[] {
  const lines: string[] = [];
  let moved = 0;
  let texts = 0;
  let other = 0;
  for (const change of diff.changed) {
    if (change.fields.includes('lane')) moved++;
    if (change.fields.some((field) => CARD_WRITTEN_FIELDS.includes(field))) texts++;
    if (change.fields.every((field) => field === 'position' || field === 'colour')) other++;
  }
  if (diff.removed.length) lines.push(t('restore.willRestore', { count: diff.removed.length }));
  if (diff.added.length) lines.push(t('restore.willRemove', { count: diff.added.length }));
  if (moved) lines.push(t('restore.willMove', { count: moved }));
  if (texts) lines.push(t('restore.willTexts', { count: texts }));
  if (other) lines.push(t('restore.willOther', { count: other }));
  if (diff.linksAdded.length || diff.linksRemoved.length) {
    lines.push(
      t('restore.willLinks', {
        restored: diff.linksRemoved.length,
        removed: diff.linksAdded.length,
      }),
    );
  }
  if (diff.settings.length) lines.push(t('restore.willSettings'));
  return lines.length > 0 ? lines : [t('restore.nothing')];
}

/** What a restore did, in one sentence (and what it kept, if anything). */
export function restoreResult(summary: RestoreSummary, t: Translate): string {
  const parts: string[] = [];
  if (summary.cardsRestored.length) {
    parts.push(t('restore.summaryRestored', { count: summary.cardsRestored.length }));
  }
  if (summary.cardsRemoved.length) {
    parts.push(t('restore.summaryRemoved', { count: summary.cardsRemoved.length }));
  }
  if (summary.cardsChanged.length) {
    parts.push(t('restore.summaryChanged', { count: summary.cardsChanged.length }));
  }
  const done =
    parts.length > 0 || summary.linksRestored.length || summary.linksRemoved.length
      ? t('restore.done', { summary: parts.join(', ') || '…' })
      : t('restore.doneNothing');
  return summary.kept.length > 0
    ? `${done} ${t('restore.kept', { count: summary.kept.length })}`
    : done;
}

/** One activity entry as a sentence ("Bob moved “Newsletter” from strategy to tactic"). */
export function activitySentence(
  entry: ActivityEntry,
  t: Translate,
  laneLabel: (lane: Lane) => string,
): string {
  const actor = entry.actor.trim() || t('activity.someone');
  const card = entry.cardTitle.trim() || t('card.untitled');
  const other = entry.otherCardTitle?.trim() || t('card.untitled');
  switch (entry.action) {
    case 'moved': {
      const to = entry.toLane ? laneLabel(entry.toLane) : '?';
      if (entry.fromLane && entry.fromLane === entry.toLane) {
        return t('activity.movedBack', { actor, card, to });
      }
      return t('activity.moved', {
        actor,
        card,
        from: entry.fromLane ? laneLabel(entry.fromLane) : '?',
        to,
      });
    }
    case 'edited': {
      const field = entry.field ?? 'title';
      const known = `activity.field.${field}` as MessageKey;
      return t('activity.edited', { actor, card, field: t(known) });
    }
    case 'linked':
    case 'unlinked':
      return t(`activity.${entry.action}`, { actor, card, other });
    default:
      return t(`activity.${entry.action}`, { actor, card });
  }
}
