/**
 * What the board page (`BoardCanvas`) needs from facilitation, in one hook so the page only
 * wires it: the facilitator's panel open or not, "bring everyone to me", the keyboard's dots
 * (V / Shift+V on the selected cards) and Escape leaving "follow", whether a lane is locked for
 * this person, and the vote for the report.
 */
import type { Lane, Language, Role } from '@fire-triangle/shared';
import { useCallback, useMemo, useState } from 'react';
import type { BoardUi } from '../board/boardUi.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import type { BoardSession } from '../sync/boardSession.ts';
import { useCurrentViewport } from './FacilitationLayer.tsx';
import { outcomeMessage, useFacilitationState } from './useFacilitation.ts';
import { cardVote, dotsAfterPress, myDots } from './votes.ts';

export interface BoardFacilitationInput {
  session: BoardSession;
  readModel: BoardReadModel;
  ui: BoardUi;
  role: Role;
  language: Language;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

export function useBoardFacilitation(input: BoardFacilitationInput) {
  const { session, readModel, ui, role, language, t } = input;
  const facilitation = session.facilitation;
  const [panelOpen, setPanelOpen] = useState(false);
  const currentViewport = useCurrentViewport();
  const vote = useFacilitationState(facilitation, (state) => state.workshop.vote);

  const notifyOutcome = useCallback(
    (outcome: Parameters<typeof outcomeMessage>[0]) => {
      const message = outcomeMessage(outcome, language, t);
      if (message) ui.getState().notify(message);
      return outcome.ok;
    },
    [language, t, ui],
  );

  const bringEveryone = useCallback(async () => {
    const outcome = await facilitation.run({ name: 'bring-everyone', viewport: currentViewport() });
    if (notifyOutcome(outcome)) ui.getState().notify(t('fac.bring.sent'));
  }, [facilitation, currentViewport, notifyOutcome, ui, t]);

  /** Escape: leaves "follow"; true when it did. */
  const stopFollowing = useCallback(() => {
    if (ui.getState().following === null) return false;
    ui.getState().follow(null);
    return true;
  }, [ui]);

  /** One more (1) or one fewer (−1) of this person's dots on each card; false: no vote open. */
  const pressDots = useCallback(
    (cardIds: readonly string[], delta: 1 | -1): boolean => {
      const state = facilitation.getState();
      const current = state.workshop.vote;
      if (!current) return false;
      let pressed = false;
      let mine = myDots(current, state.myVotes);
      for (const id of cardIds) {
        const card = readModel.card(id);
        if (!card) continue;
        const view = cardVote(current, card, mine.dots[id] ?? 0, mine.remaining > 0, {
          serverNow: facilitation.serverNow(),
          canVote: role !== 'viewer',
        });
        const dots = dotsAfterPress(view, delta);
        if (dots === null) continue;
        pressed = true;
        mine = {
          ...mine,
          dots: { ...mine.dots, [id]: dots },
          remaining: mine.remaining - delta,
        };
        void facilitation.setDots(id, dots).then(notifyOutcome);
      }
      if (!pressed && cardIds.length > 0 && current.state === 'open' && delta > 0) {
        ui.getState().notify(t('fac.vote.cannotAdd'));
      }
      return current.state === 'open';
    },
    [facilitation, readModel, role, notifyOutcome, ui, t],
  );

  /** Whether this person may not change `lane` now (an editor, the lane locked). */
  const laneLocked = useCallback((lane: Lane) => ui.getState().lockedLanes.has(lane), [ui]);

  return useMemo(
    () => ({
      panelOpen,
      togglePanel: () => setPanelOpen((open) => !open),
      closePanel: () => setPanelOpen(false),
      bringEveryone,
      stopFollowing,
      pressDots,
      laneLocked,
      vote,
    }),
    [panelOpen, bringEveryone, stopFollowing, pressDots, laneLocked, vote],
  );
}
