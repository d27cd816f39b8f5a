/**
 * A card's activity in its details (issue #9): who did what and when, newest first ("Bob moved
 * “Newsletter” from strategy to tactic · 10:42"), as the server recorded it. Loaded when the card
 * is shown and again, a moment after, whenever the board changes while it is.
 */
import { type ActivityEntry, LANE_LABELS, type Language } from '@fire-triangle/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { historyApi } from '../api/history.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { activitySentence, formatVersionTime } from './historyText.ts';

/** Wait after a change before asking again (ms): a typing burst is one request. */
const REFRESH_DELAY_MS = 1200;

export function CardActivity({
  boardId,
  token,
  cardId,
  boardLanguage,
  changeCount,
}: {
  boardId: string;
  token: string;
  cardId: string;
  boardLanguage: Language;
  /** Moves when the board changes (the read model's version): the activity is asked again. */
  changeCount: number;
}) {
  const { t, language } = useI18n();
  const api = useMemo(() => historyApi(boardId, token), [boardId, token]);
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The card whose activity is shown: another card is asked for at once, a change after a pause. */
  const shownCard = useRef<string | null>(null);

  useEffect(() => {
    void changeCount;
    const firstLook = shownCard.current !== cardId;
    if (firstLook) {
      shownCard.current = cardId;
      setEntries(null);
      setError(null);
    }
    let current = true;
    const timer = setTimeout(
      () => {
        api.activity(cardId).then(
          (answer) => {
            if (!current) return;
            setEntries(answer.entries);
            setError(null);
          },
          (failure: unknown) =>
            current && setError(failure instanceof Error ? failure.message : String(failure)),
        );
      },
      firstLook ? 0 : REFRESH_DELAY_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, cardId, changeCount]);

  const labels = LANE_LABELS[boardLanguage];
  return (
    <section className="ft-activity" aria-label={t('activity.title')} data-card-id={cardId}>
      <h2>{t('activity.title')}</h2>
      {error ? <p className="ft-activity__error">{t('activity.error', { error })}</p> : null}
      {entries === null && !error ? (
        <p className="ft-activity__loading">{t('activity.loading')}</p>
      ) : null}
      {entries?.length === 0 ? <p className="ft-activity__empty">{t('activity.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="ft-activity__list">
          {entries.map((entry) => (
            <li key={entry.id} className="ft-activity__entry" data-action={entry.action}>
              <span className="ft-activity__text">
                {activitySentence(entry, t, (lane) => labels[lane])}
              </span>{' '}
              <time className="ft-activity__time" dateTime={new Date(entry.at).toISOString()}>
                {formatVersionTime(entry.at, language)}
              </time>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
