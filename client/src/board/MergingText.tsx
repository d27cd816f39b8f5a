import { characterCount } from '@fire-triangle/shared';
import { type ChangeEvent, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { shiftCaret } from './caret.ts';
import { LimitCounter } from './LimitCounter.tsx';
import { limitText } from './textLimit.ts';

export interface MergingTextProps {
  label: string;
  value: string;
  multiline?: boolean;
  autoFocus?: boolean;
  /** Class of the field (`ft-field` is always there). */
  className?: string;
  /** Most characters (`LIMITS`, code points): typing stops there, a paste is cut and `onCut`
   *  says so; a counter shows near the limit. */
  max: number;
  onCut(label: string, max: number): void;
  disabled?: boolean;
  /** Returns false when the change was not written (the board is full, the card is gone). */
  onChange(value: string): boolean | undefined;
}

/**
 * A text field bound to a Y.Text field of a card (title, body, KPI, owner, budget). Every
 * keystroke goes to the doc as a minimal splice (`editCard` → `replaceText`), so two people
 * typing in one field merge; the caret is kept in place when someone else's text lands before it.
 */
export function MergingText(props: MergingTextProps) {
  // Uncontrolled on purpose: a controlled input would have React overwrite the text and throw
  // the caret to the end before we could see where it was. Here a remote edit is applied by
  // hand, moving the caret by what was inserted or deleted before it.
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const id = useId();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || element.value === props.value) return;
    if (document.activeElement === element) {
      const start = shiftCaret(element.value, props.value, element.selectionStart ?? 0);
      const end = shiftCaret(element.value, props.value, element.selectionEnd ?? 0);
      element.value = props.value;
      element.setSelectionRange(start, end);
    } else {
      element.value = props.value;
    }
  }, [props.value]);
  // The inspector may open in the same frame as a new card is created: retry the focus for a
  // few frames so typing right away goes into the title.
  const { autoFocus } = props;
  useEffect(() => {
    if (!autoFocus) return;
    let frame = 0;
    let tries = 0;
    const tryFocus = () => {
      const element = ref.current;
      if (!element) return;
      element.focus();
      if (document.activeElement !== element && tries++ < 30) {
        frame = requestAnimationFrame(tryFocus);
      }
    };
    frame = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(frame);
  }, [autoFocus]);
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const element = event.target;
    const limited = limitText(element.value, props.max);
    if (limited.cut) {
      // Keep what fits; the caret stays where the cut text ended.
      const caret = Math.min(element.selectionStart ?? limited.value.length, limited.value.length);
      element.value = limited.value;
      element.setSelectionRange(caret, caret);
      props.onCut(props.label, props.max);
    }
    // Not written: show the doc's text again rather than text that exists nowhere else.
    if (props.onChange(limited.value) === false) element.value = props.value;
  };
  return (
    <div className={`ft-field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          id={id}
          ref={ref}
          rows={4}
          defaultValue={props.value}
          disabled={props.disabled}
          onChange={onChange}
        />
      ) : (
        <input
          id={id}
          ref={ref}
          type="text"
          defaultValue={props.value}
          disabled={props.disabled}
          onChange={onChange}
        />
      )}
      <LimitCounter count={characterCount(props.value)} max={props.max} />
    </div>
  );
}
