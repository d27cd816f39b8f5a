/**
 * Who is here, for boards of up to a hundred people: a few faces in the header (this person,
 * then the facilitators, then by name), "+N" for the rest, and on click the full list — each
 * name cut cleanly, the facilitator marked, whom each person follows, and "Follow" to follow
 * anyone's view. Roles shown are the ones the server stamped (S-FAC-PRES-2).
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { Participant } from '../sync/presence.ts';
import { followerCount } from './follow.ts';
import { Icon } from './icons.tsx';
import { initials, orderPeople, splitFaces } from './people.ts';

export interface PresenceBarProps {
  participants: readonly Participant[];
  /** The participant this person follows, or null. */
  following: number | null;
  onFollow(clientId: number | null): void;
}

export const PresenceBar = memo(function PresenceBar(props: PresenceBarProps) {
  const { t } = useI18n();
  const ordered = useMemo(() => orderPeople(props.participants), [props.participants]);
  const { faces, more } = splitFaces(ordered);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLElement>(null);
  // A click elsewhere or Escape closes the list.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const roleLabel = (participant: Participant) =>
    participant.role ? t(`role.${participant.role}`) : '';
  return (
    <section
      ref={root}
      className="ft-presence"
      aria-label={t('presence.title')}
      data-count={ordered.length}
    >
      <button
        type="button"
        className="ft-presence__faces"
        aria-expanded={open}
        aria-haspopup="dialog"
        title={t('fac.people.showAll', { count: ordered.length })}
        onClick={() => setOpen((value) => !value)}
      >
        <ul>
          {faces.map((participant) => (
            <li
              key={participant.clientId}
              className={`ft-presence__item${participant.role === 'facilitator' ? ' ft-presence__item--facilitator' : ''}`}
              data-name={participant.name}
              data-role={participant.role}
              title={`${participant.name}${participant.role ? ` (${roleLabel(participant)})` : ''}`}
            >
              <span className="ft-presence__avatar" style={{ background: participant.colour }}>
                {initials(participant.name)}
              </span>
              {participant.role === 'facilitator' ? (
                <span className="ft-presence__star" aria-hidden="true">
                  ★
                </span>
              ) : null}
            </li>
          ))}
          {more > 0 ? (
            <li className="ft-presence__more" data-more={more}>
              +{more}
            </li>
          ) : null}
        </ul>
      </button>
      {open ? (
        <div className="ft-people" role="dialog" aria-label={t('presence.title')}>
          <h2 className="ft-people__title">
            {t('presence.title')} <span className="ft-people__count">{ordered.length}</span>
          </h2>
          <ul className="ft-people__list">
            {ordered.map((participant) => {
              const followers = followerCount(props.participants, participant.clientId);
              const followed = props.following === participant.clientId;
              return (
                <li
                  key={participant.clientId}
                  className="ft-people__row"
                  data-name={participant.name}
                  data-role={participant.role}
                >
                  <span className="ft-presence__avatar" style={{ background: participant.colour }}>
                    {initials(participant.name)}
                  </span>
                  <span className="ft-people__name" title={participant.name}>
                    {participant.name}
                    {participant.isSelf ? ` (${t('presence.you')})` : ''}
                  </span>
                  {participant.role === 'facilitator' ? (
                    <span className="ft-people__facilitator">★ {roleLabel(participant)}</span>
                  ) : participant.role === 'viewer' ? (
                    <span className="ft-people__role">{roleLabel(participant)}</span>
                  ) : null}
                  {followers > 0 ? (
                    <span
                      className="ft-people__followers"
                      title={t('fac.people.followers', { count: followers })}
                    >
                      <Icon name="eye" /> {followers}
                    </span>
                  ) : null}
                  {participant.isSelf ? null : (
                    <button
                      type="button"
                      className={`ft-button ft-people__follow${followed ? ' ft-button--active' : ''}`}
                      aria-pressed={followed}
                      disabled={!participant.viewport && !followed}
                      onClick={() => {
                        props.onFollow(followed ? null : participant.clientId);
                        setOpen(false);
                      }}
                    >
                      {followed ? t('fac.follow.stop') : t('fac.follow.start')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
});
