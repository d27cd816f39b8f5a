/**
 * The React side of the session's `FacilitationClient`: one value of its state (re-rendering
 * when that value changes), the server's time ticking while something counts down, and the
 * words for a command's outcome.
 */
import {
  COMMAND_ERROR_MESSAGES,
  type FacilitationCommand,
  type Language,
} from '@fire-triangle/shared';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useBoardContext } from '../board/BoardContext.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type {
  CommandOutcome,
  FacilitationClient,
  FacilitationState,
} from '../sync/facilitation.ts';

/** One value of the facilitation state; `select` must return a value that stays the same
 * (`===`) while nothing it reads changed — a field, not a new object. */
export function useFacilitationState<T>(
  client: FacilitationClient,
  select: (state: FacilitationState) => T,
): T {
  return useSyncExternalStore(client.subscribe, () => select(client.getState()));
}

/** The same, for components inside the board (the client from the board's context). */
export function useWorkshop<T>(select: (state: FacilitationState) => T): T {
  return useFacilitationState(useBoardContext().facilitation, select);
}

/** The server's time (epoch ms), re-read every `everyMs` while `ticking`. */
export function useServerNow(client: FacilitationClient, ticking: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => client.serverNow());
  useEffect(() => {
    setNow(client.serverNow());
    if (!ticking) return;
    const timer = setInterval(() => setNow(client.serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [client, ticking, everyMs]);
  // The offset may have been measured since the last tick.
  return ticking ? now : client.serverNow();
}

/** What a refused or unsent command says, in the reader's language. */
export function outcomeMessage(
  outcome: CommandOutcome,
  language: Language,
  t: (key: MessageKey) => string,
): string | null {
  if (outcome.ok) return null;
  if (outcome.error === 'offline') return t('fac.offline');
  return COMMAND_ERROR_MESSAGES[outcome.error][language];
}

/**
 * Runs facilitation commands from the UI: the reply's refusal (or "offline") goes to the board's
 * notice, so a refused command always says why. Resolves with the outcome.
 */
export function useRunCommand(): (command: FacilitationCommand) => Promise<CommandOutcome> {
  const { facilitation, ui, t, language } = useBoardContext();
  return useCallback(
    async (command) => {
      const outcome = await facilitation.run(command);
      const message = outcomeMessage(outcome, language, t);
      if (message) ui.getState().notify(message);
      return outcome;
    },
    [facilitation, ui, t, language],
  );
}
