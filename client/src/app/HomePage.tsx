import {
  type CreatedBoard,
  characterCount,
  type Language,
  LIMITS,
  ROLES,
  type Role,
  type TemplateSummary,
} from '@fire-triangle/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { createBoard, listTemplates } from '../api/boards.ts';
import { LimitCounter } from '../board/LimitCounter.tsx';
import { Logo } from '../board/Logo.tsx';
import { limitText } from '../board/textLimit.ts';
import { LanguageSwitch, useI18n } from '../i18n/I18nProvider.tsx';
import { forgetBoard, type RecentBoard, recentBoards } from './recentBoards.ts';

export function HomePage() {
  const { t, language } = useI18n();
  const [title, setTitle] = useState('');
  const [boardLanguage, setBoardLanguage] = useState<Language>(language);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [template, setTemplate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedBoard | null>(null);

  useEffect(() => {
    listTemplates().then(setTemplates, () => setTemplates([]));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(
        await createBoard({
          title: title.trim() || undefined,
          language: boardLanguage,
          template: template || undefined,
        }),
      );
    } catch (caught) {
      setError(
        t('home.error', { error: caught instanceof Error ? caught.message : String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };

  const choices = templates.filter((candidate) => candidate.language === boardLanguage);
  return (
    <main className="ft-page ft-home">
      <div className="ft-page__corner">
        <LanguageSwitch />
      </div>
      <header className="ft-home__header">
        <h1>
          <Logo size={30} /> {t('app.name')}
        </h1>
        <p>{t('app.tagline')}</p>
      </header>
      <RecentBoards />
      <form className="ft-home__form" onSubmit={submit}>
        <h2>{t('home.create')}</h2>
        <label className="ft-field">
          <span>{t('home.title')}</span>
          <input
            name="title"
            value={title}
            placeholder={t('home.titlePlaceholder')}
            onChange={(event) =>
              setTitle(limitText(event.target.value, LIMITS.boardTitleLength).value)
            }
          />
          <LimitCounter count={characterCount(title)} max={LIMITS.boardTitleLength} />
        </label>
        <label className="ft-field">
          <span>{t('home.language')}</span>
          <select
            name="language"
            value={boardLanguage}
            onChange={(event) => {
              setBoardLanguage(event.target.value as Language);
              setTemplate('');
            }}
          >
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <fieldset className="ft-home__templates">
          <legend>{t('home.template')}</legend>
          <label>
            <input
              type="radio"
              name="template"
              value=""
              checked={template === ''}
              onChange={() => setTemplate('')}
            />
            <span>{t('home.empty')}</span>
          </label>
          {choices.map((candidate) => (
            <label key={candidate.id}>
              <input
                type="radio"
                name="template"
                value={candidate.id}
                checked={template === candidate.id}
                onChange={() => setTemplate(candidate.id)}
              />
              <span>
                <strong>{candidate.title}</strong>
                <small>{candidate.description}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="ft-button ft-button--primary ft-create" disabled={busy}>
          {busy ? t('home.creating') : t('home.create')}
        </button>
        {error ? (
          <p className="ft-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {created ? <CreatedLinks board={created} /> : null}
    </main>
  );
}

/** The boards opened on this device, newest first, each with the link that opened it. */
function RecentBoards() {
  const { t, language } = useI18n();
  const [boards, setBoards] = useState<RecentBoard[]>(() => recentBoards());
  if (boards.length === 0) return null;
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="ft-home__recent" aria-labelledby="ft-recent-title">
      <h2 id="ft-recent-title">{t('home.recent')}</h2>
      <p className="ft-home__hint">{t('home.recentHint')}</p>
      <ul>
        {boards.map((board) => (
          <li key={board.id} className="ft-recent" data-board-id={board.id}>
            <a className="ft-recent__link" href={board.link}>
              <strong>{board.title}</strong>
              <span className="ft-recent__meta">
                {t('home.recentAs', { role: t(`role.${board.role}`) })} ·{' '}
                <time dateTime={new Date(board.openedAt).toISOString()}>
                  {when.format(board.openedAt)}
                </time>
              </span>
            </a>
            <button
              type="button"
              className="ft-button ft-recent__forget"
              aria-label={t('home.recentForgetLabel', { title: board.title })}
              onClick={() => {
                forgetBoard(board.id);
                setBoards(recentBoards());
              }}
            >
              {t('home.recentForget')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The three share links, as the server made them (its `PUBLIC_URL`, else the Host we used). */
function CreatedLinks({ board }: { board: CreatedBoard }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<Role | null>(null);
  const { links } = board;
  const copy = async (role: Role) => {
    try {
      await navigator.clipboard.writeText(links[role]);
    } catch {
      // Clipboard refused (insecure origin): select the text so the user can copy it by hand.
      const input = document.querySelector<HTMLInputElement>(`.ft-share--${role} input`);
      input?.select();
    }
    setCopied(role);
  };
  return (
    <section className="ft-home__links" aria-live="polite">
      <h2>{t('home.created')}</h2>
      {ROLES.map((role) => (
        <div key={role} className={`ft-share ft-share--${role}`} data-role={role}>
          <div className="ft-share__role">
            <strong>{t(`home.role.${role}`)}</strong> <small>{t(`home.role.${role}.hint`)}</small>
          </div>
          <div className="ft-share__row">
            <input
              readOnly
              value={links[role]}
              aria-label={t(`home.role.${role}`)}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" className="ft-button ft-copy" onClick={() => void copy(role)}>
              {copied === role ? t('home.copied') : t('home.copy')}
            </button>
          </div>
        </div>
      ))}
      <a className="ft-button ft-button--primary ft-open-board" href={links.facilitator}>
        {t('home.open')} →
      </a>
    </section>
  );
}
