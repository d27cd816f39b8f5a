import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Longest name shown to others (the presence state is cut to this too). */
export const MAX_NAME_LENGTH = 40;

/**
 * This person's name in the header, as others see it next to their cursor; a click renames
 * them (remembered on this device, sent to everyone at once, written as the author of their
 * next cards).
 */
export function SelfName({
  name,
  colour,
  onRename,
}: {
  name: string;
  colour: string;
  onRename?(name: string): void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = value.trim().slice(0, MAX_NAME_LENGTH);
    if (next && next !== name) onRename?.(next);
    setEditing(false);
  };
  if (editing) {
    return (
      <form className="ft-self-name ft-self-name--editing" onSubmit={submit}>
        <input
          className="ft-self-name__input"
          aria-label={t('name.label')}
          value={value}
          maxLength={MAX_NAME_LENGTH}
          // biome-ignore lint/a11y/noAutofocus: the person just asked to rename themselves
          autoFocus
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setEditing(false);
            }
          }}
        />
        <button type="submit" className="ft-button ft-button--primary" disabled={!value.trim()}>
          {t('name.save')}
        </button>
        <button type="button" className="ft-button" onClick={() => setEditing(false)}>
          {t('name.cancel')}
        </button>
      </form>
    );
  }
  return (
    <button
      type="button"
      className="ft-button ft-self-name"
      title={t('name.rename')}
      disabled={!onRename}
      onClick={() => {
        setValue(name);
        setEditing(true);
      }}
    >
      {/* The colour others see this person in; the name beside it is the button's text. */}
      <span
        className="ft-presence__avatar ft-self-name__colour"
        style={{ background: colour }}
        aria-hidden="true"
      />
      <span className="ft-visually-hidden">{t('name.rename')}: </span>
      <span className="ft-self-name__text">{name}</span>
    </button>
  );
}
