/**
 * The facilitation glue of the board page, kept out of the canvas components: it tells the UI
 * store which lanes this person may not change (an editor, under locks), publishes this tab's
 * viewport in presence (throttled), follows another participant's view while asked to (and stops
 * when the person pans or zooms themselves, presses Escape — `commands.ts` — or the leader
 * leaves), obeys "bring everyone here", lets the timer's chime play, and draws the lane marks,
 * the "following" banner and the leftovers of a private round.
 */
import { isLaneLocked, LANES, type Role } from '@fire-triangle/shared';
import { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useBoardContext } from '../board/BoardContext.ts';
import type { BoardSession } from '../sync/boardSession.ts';
import type { Presence } from '../sync/useAwareness.ts';
import { followStatus, sameViewport, sharedViewportOf, transformFor } from './follow.ts';
import { LaneMarks } from './LaneMarks.tsx';
import { useWorkshop } from './useFacilitation.ts';
import { pageChime } from './WorkshopBar.tsx';
import './facilitation.css';

/** How long the follower's view glides to the leader's (ms): smooth, but not behind. */
const FOLLOW_GLIDE_MS = 120;
/** How long "bring everyone here" takes to fly (ms). */
const BRING_GLIDE_MS = 450;

export interface FacilitationLayerProps {
  session: BoardSession;
  presence: Presence;
  role: Role;
}

export function FacilitationLayer({ session, presence, role }: FacilitationLayerProps) {
  const { ui, t } = useBoardContext();
  const flow = useStoreApi();
  const locks = useWorkshop((state) => state.workshop.locks);
  const following = useStore(ui, (state) => state.following);
  const leaving = useRef<string | null>(null);

  // Editors may not change locked lanes; facilitators always may, viewers never do anyway.
  useEffect(() => {
    ui.getState().setLockedLanes(
      role === 'editor' ? LANES.filter((lane) => isLaneLocked(locks, lane)) : [],
    );
  }, [ui, locks, role]);

  // The chime's audio context waits for a gesture (browsers' autoplay rule).
  useEffect(() => pageChime.unlockOnGesture(), []);

  // This tab's view, for whoever follows it.
  const { setViewport, setFollowing } = presence;
  useEffect(() => {
    const publish = () => {
      const { transform, width, height } = flow.getState();
      if (width > 0 && height > 0) setViewport(sharedViewportOf(transform, { width, height }));
    };
    publish();
    let last = flow.getState().transform;
    return flow.subscribe((state) => {
      if (state.transform === last) return;
      last = state.transform;
      publish();
    });
  }, [flow, setViewport]);

  useEffect(() => setFollowing(following), [following, setFollowing]);

  // Following: the leader's view, on every change of it.
  const status = followStatus(presence.participants, following);
  const leaderViewport = status.kind === 'following' ? status.viewport : null;
  const leaderName = status.kind === 'following' ? status.leader.name : null;
  const applied = useRef<typeof leaderViewport>(null);
  useEffect(() => {
    if (following === null) {
      applied.current = null;
      return;
    }
    if (status.kind === 'gone') {
      ui.getState().follow(null);
      ui.getState().notify(t('fac.follow.gone'));
      return;
    }
    if (!leaderViewport || sameViewport(applied.current, leaderViewport)) return;
    applied.current = leaderViewport;
    const { width, height, panZoom } = flow.getState();
    if (width > 0 && height > 0) {
      void panZoom?.setViewport(transformFor(leaderViewport, { width, height }), {
        duration: FOLLOW_GLIDE_MS,
      });
    }
  }, [following, status.kind, leaderViewport, flow, ui, t]);

  // Panning or zooming by hand ends following (the follower takes the wheel back).
  leaving.current = leaderName;
  useEffect(() => {
    if (following === null) return;
    const container = flow.getState().domNode;
    if (!container) return;
    const stop = () => {
      ui.getState().follow(null);
      if (leaving.current) {
        ui.getState().notify(t('fac.follow.stopped', { name: leaving.current }));
      }
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Element | null;
      if (target?.closest('.react-flow__pane, .react-flow__controls, .ft-minimap')) stop();
    };
    container.addEventListener('wheel', stop, { capture: true, passive: true });
    container.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      container.removeEventListener('wheel', stop, { capture: true });
      container.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [following, flow, ui, t]);

  // "Bring everyone here": once, to the facilitator's view.
  useEffect(
    () =>
      session.facilitation.onBringEveryone(({ viewport, from }) => {
        ui.getState().follow(null);
        const { width, height, panZoom } = flow.getState();
        if (width > 0 && height > 0) {
          void panZoom?.setViewport(transformFor(viewport, { width, height }), {
            duration: BRING_GLIDE_MS,
          });
        }
        ui.getState().notify(
          from ? t('fac.bring.arrived', { name: from }) : t('fac.bring.arrivedAnonymous'),
        );
      }),
    [session, flow, ui, t],
  );

  return (
    <>
      <LaneMarks />
      {status.kind === 'following' ? (
        <FollowBanner
          name={status.leader.name}
          colour={status.leader.colour}
          onStop={() => ui.getState().follow(null)}
        />
      ) : null}
      <LeftoversDialog session={session} />
    </>
  );
}

function FollowBanner(props: { name: string; colour: string; onStop(): void }) {
  const { t } = useBoardContext();
  return (
    <>
      <div className="ft-follow-frame" style={{ borderColor: props.colour }} aria-hidden="true" />
      <div className="ft-follow-banner" role="status" style={{ background: props.colour }}>
        <span className="ft-follow-banner__text">
          {t('fac.follow.banner', { name: props.name })}
        </span>
        <button type="button" className="ft-follow-stop" onClick={props.onStop}>
          {t('fac.follow.stopEsc')}
        </button>
      </div>
    </>
  );
}

/** After a private round: cards that never reached the board (written offline, or no room). */
function LeftoversDialog({ session }: { session: BoardSession }) {
  const { t, ui } = useBoardContext();
  const leftovers = useWorkshop((state) => state.draft.leftovers);
  const settle = useCallback(
    (publish: boolean) => {
      const counts = session.settleLeftovers(publish);
      if (!publish) return;
      const added = t('fac.leftovers.added', counts);
      ui.getState().notify(
        counts.keptCards > 0
          ? `${added} ${t('fac.leftovers.noRoom', { count: counts.keptCards })}`
          : added,
      );
    },
    [session, ui, t],
  );
  if (leftovers === 0) return null;
  return (
    <div className="ft-dialog-backdrop">
      <div
        className="ft-dialog ft-leftovers"
        role="alertdialog"
        aria-labelledby="ft-leftovers-title"
      >
        <h2 id="ft-leftovers-title">
          {leftovers === 1
            ? t('fac.leftovers.titleOne')
            : t('fac.leftovers.title', { count: leftovers })}
        </h2>
        <p>{t('fac.leftovers.body')}</p>
        <div className="ft-dialog__actions">
          <button
            type="button"
            className="ft-button ft-leftovers-drop"
            onClick={() => settle(false)}
          >
            {t('fac.leftovers.drop')}
          </button>
          <button
            type="button"
            className="ft-button ft-button--primary ft-leftovers-add"
            onClick={() => settle(true)}
          >
            {t('fac.leftovers.add')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The view to send everyone to: what this tab shows now. */
export function useCurrentViewport() {
  const flow = useStoreApi();
  return useCallback(() => {
    const { transform, width, height } = flow.getState();
    return sharedViewportOf(transform, { width: width || 1, height: height || 1 });
  }, [flow]);
}
