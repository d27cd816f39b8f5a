/**
 * Binds the board's command table (`commands.ts`) to the window's key presses: turns a
 * `KeyboardEvent` into a `KeyPress` and runs the command bound to it with the latest context.
 */
import { useEffect, useRef } from 'react';
import {
  BOARD_COMMANDS,
  type BoardCommand,
  type CommandContext,
  type KeyPress,
  runCommandForKey,
} from './commands.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

export function keyPressOf(event: KeyboardEvent): KeyPress {
  const target = event.target;
  return {
    key: event.key,
    mod: event.ctrlKey || event.metaKey,
    shift: event.shiftKey,
    alt: event.altKey,
    typing: isTyping(target),
    onCard: target instanceof HTMLElement && target.closest('.react-flow__node') !== null,
    // The canvas itself or a card: not the zoom buttons inside it, which keep Tab's usual way.
    onCanvas:
      target instanceof HTMLElement &&
      (target.classList.contains('react-flow') || target.closest('.react-flow__node') !== null),
  };
}

export function useBoardCommands(
  context: CommandContext,
  commands: readonly BoardCommand[] = BOARD_COMMANDS,
): void {
  const latest = useRef(context);
  latest.current = context;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (runCommandForKey(keyPressOf(event), latest.current, commands)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands]);
}
