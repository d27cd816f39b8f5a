import { type ChangeEvent, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { shiftCaret } from './caret.ts';

export interface MergingTextProps {
  label: string;
  value: string;
  multiline?: boolean;
  autoFocus?: boolean;
  /** Class of the field (`ft-field` is always there). */
  className?: string;
  maxLength?: number;
  disabled?: boolean;
  onChange(value: string): void;
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
    props.onChange(event.target.value);
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
          maxLength={props.maxLength}
          disabled={props.disabled}
          onChange={onChange}
        />
      ) : (
        <input
          id={id}
          ref={ref}
          type="text"
          defaultValue={props.value}
          maxLength={props.maxLength}
          disabled={props.disabled}
          onChange={onChange}
        />
      )}
    </div>
  );
}
