import type { AlignmentScore, Finding, Language, Severity } from '@fire-triangle/shared';
import { memo, useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { type ConnectionStatus, closeMessage } from '../sync/connectionState.ts';
import type { Participant } from '../sync/useAwareness.ts';
import { nameTagColours } from './contrast.ts';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** How many findings of one severity are listed before a "show all" button (a big board can have
 * thousands; the canvas badges show every one anyway). */
const LISTED_PER_SEVERITY = 100;

/**
 * Findings grouped by severity; clicking one selects its card or link and pans the canvas to
 * it. A finding about a link also offers to delete the link (a dangling one cannot be fixed any
 * other way).
 */
export const FindingsPanel = memo(function FindingsPanel(props: {
  findings: readonly Finding[];
  language: Language;
  describeTarget(finding: Finding): string;
  onSelect(finding: Finding): void;
  /** Deletes a link; absent for viewers. */
  onDeleteLink?(linkId: string): void;
}) {
  const { t } = useI18n();
  const [showAll, setShowAll] = useState(false);
  return (
    <section className="ft-findings" aria-label={t('findings.title')}>
      <h2>
        {t('findings.title')} <span className="ft-findings__count">{props.findings.length}</span>
      </h2>
      {props.findings.length === 0 ? (
        <p className="ft-findings__none">{t('findings.none')}</p>
      ) : null}
      {SEVERITIES.map((severity) => {
        const group = props.findings.filter((finding) => finding.severity === severity);
        if (group.length === 0) return null;
        return (
          <div key={severity} className={`ft-findings__group ft-findings__group--${severity}`}>
            <h3>
              {t(`findings.${severity}`)} ({group.length})
            </h3>
            <ul>
              {(showAll ? group : group.slice(0, LISTED_PER_SEVERITY)).map((finding) => (
                <li key={`${finding.rule}:${finding.target.kind}:${finding.target.id}`}>
                  <button
                    type="button"
                    className={`ft-finding ft-finding--${severity}`}
                    data-rule={finding.rule}
                    data-target-kind={finding.target.kind}
                    data-target-id={finding.target.id}
                    title={t('findings.goTo')}
                    onClick={() => props.onSelect(finding)}
                  >
                    <span className="ft-finding__target">{props.describeTarget(finding)}</span>
                    <span className="ft-finding__message">{finding.message[props.language]}</span>
                    <code className="ft-finding__rule">{finding.rule}</code>
                  </button>
                  {props.onDeleteLink && finding.target.kind === 'link' ? (
                    <button
                      type="button"
                      className="ft-button ft-finding__delete-link"
                      data-link-id={finding.target.id}
                      onClick={() => props.onDeleteLink?.(finding.target.id)}
                    >
                      {t('findings.deleteLink')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {!showAll && group.length > LISTED_PER_SEVERITY ? (
              <button
                type="button"
                className="ft-button ft-findings__more"
                onClick={() => setShowAll(true)}
              >
                {t('findings.more', { count: group.length - LISTED_PER_SEVERITY })}
              </button>
            ) : null}
          </div>
        );
      })}
    </section>
  );
});

export function ScoreBadge({ score }: { score: AlignmentScore }) {
  const { t } = useI18n();
  const percent = Math.round(score.overall * 100);
  // An empty board is not "100% aligned": there is nothing to align yet.
  const empty = score.tacticsTotal + score.objectivesTotal === 0;
  const level = empty ? 'empty' : percent >= 80 ? 'good' : percent >= 50 ? 'fair' : 'poor';
  return (
    <div
      className={`ft-score ft-score--${level}`}
      data-score={empty ? '' : percent}
      title={t('score.detail', {
        tactics: score.tacticsAligned,
        tacticsTotal: score.tacticsTotal,
        objectives: score.objectivesReached,
        objectivesTotal: score.objectivesTotal,
      })}
    >
      <span className="ft-score__label">{t('score.title')}</span>
      <strong className="ft-score__value">{empty ? '—' : `${percent}%`}</strong>
    </div>
  );
}

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t, language } = useI18n();
  const label = t(`connection.${status.phase}`);
  const closed = status.closed;
  const closedReason = closed
    ? closeMessage(closed, language, (code) => t('connection.closedCode', { code }))
    : null;
  // While connected, an edit is unacknowledged for a round trip: only say so when it lasts.
  const unsyncedShown = useLasting(status.unsyncedEdits, status.phase === 'connected' ? 1000 : 0);
  const unsynced =
    unsyncedShown === 0
      ? null
      : unsyncedShown === 1
        ? t('connection.unsyncedOne')
        : t('connection.unsynced', { count: unsyncedShown });
  const retryReason = status.lastClose
    ? closeMessage(status.lastClose, language, (code) => t('connection.closedCode', { code }))
    : null;
  return (
    <output
      className={`ft-connection-state ft-connection-state--${status.phase}`}
      data-state={status.phase}
      data-unsynced={status.unsyncedEdits}
      aria-live="polite"
    >
      <span className="ft-connection-state__dot" aria-hidden="true" />
      <span className="ft-connection-state__label">{label}</span>
      {closedReason ? (
        <span className="ft-connection-state__reason" data-close-code={closed?.code}>
          : {closedReason}
        </span>
      ) : null}
      {retryReason ? (
        <span className="ft-connection-state__reason" data-close-code={status.lastClose?.code}>
          {' '}
          — {retryReason}
        </span>
      ) : null}
      {unsynced ? <span className="ft-connection-state__unsynced"> · {unsynced}</span> : null}
    </output>
  );
}

/** `value` once it has stayed non-zero for `ms` (0 at once when it drops to 0, or with ms 0). */
function useLasting(value: number, ms: number): number {
  const [shown, setShown] = useState(ms === 0 ? value : 0);
  useEffect(() => {
    if (value === 0 || ms === 0) {
      setShown(value);
      return;
    }
    const timer = setTimeout(() => setShown(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return value === 0 || ms === 0 ? value : Math.min(shown, value) === 0 ? 0 : value;
}

export function PresenceList({ participants }: { participants: Participant[] }) {
  const { t } = useI18n();
  return (
    <section className="ft-presence" aria-label={t('presence.title')}>
      <ul>
        {participants.map((participant) => (
          <li
            key={participant.clientId}
            className="ft-presence__item"
            data-name={participant.name}
            title={`${participant.name}${participant.role ? ` (${t(`role.${participant.role}`)})` : ''}`}
          >
            <span
              className="ft-presence__avatar"
              style={nameTagColours(participant.colour)}
              aria-hidden="true"
            >
              {participant.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="ft-presence__name">
              {participant.name}
              {participant.isSelf ? ` (${t('presence.you')})` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
