/**
 * The version history panel (issue #9): the versions, newest first — when, its name or kind,
 * who changed the board, what changed — with Open for everyone and, for a facilitator, naming,
 * renaming and Restore…; after a restore, what it did and "Undo restore".
 */
import type { VersionSummary } from '@fire-triangle/shared';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { changeParts, formatVersionTime, peopleNames, versionLabel } from './historyText.ts';
import type { VersionHistory } from './useVersionHistory.ts';

/** The header button that opens and closes the panel. */
export function HistoryToggle({ history }: { history: VersionHistory }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="ft-button ft-history-toggle"
      aria-pressed={history.panelOpen}
      title={t('history.openTitle')}
      onClick={history.togglePanel}
    >
      {t('history.open')}
    </button>
  );
}

function NameForm({ history }: { history: VersionHistory }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void history.nameVersion(trimmed).then((saved) => {
      if (saved) setName('');
    });
  };
  return (
    <form className="ft-history__name" onSubmit={submit}>
      <label className="ft-field">
        <span>{t('history.nameLabel')}</span>
        <input
          value={name}
          maxLength={200}
          placeholder={t('history.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <button type="submit" className="ft-button ft-button--primary" disabled={!name.trim()}>
        {t('history.nameSave')}
      </button>
    </form>
  );
}

function VersionItem({ version, history }: { version: VersionSummary; history: VersionHistory }) {
  const { t, language } = useI18n();
  const damaged = version.damaged !== undefined;
  return (
    <li
      className={`ft-version ft-version--${version.kind}${damaged ? ' ft-version--damaged' : ''}`}
      data-version-id={version.id}
      data-kind={version.kind}
    >
      <div className="ft-version__head">
        <time className="ft-version__time" dateTime={new Date(version.createdAt).toISOString()}>
          {formatVersionTime(version.createdAt, language)}
        </time>
        <span className={`ft-version__label${version.name ? ' ft-version__label--named' : ''}`}>
          {versionLabel(version, t)}
        </span>
      </div>
      {damaged ? (
        <p className="ft-version__damaged">{t('history.damaged')}</p>
      ) : (
        <>
          <p className="ft-version__change">
            {changeParts(version.change, t).join(' · ')}
            <span className="ft-version__counts">
              {' '}
              ({t('history.counts', { cards: version.cards, links: version.links })})
            </span>
          </p>
          {version.authors.length > 0 ? (
            <p className="ft-version__authors">
              {t('history.by', { names: peopleNames(version.authors, t) })}
            </p>
          ) : version.participants.length > 0 ? (
            <p className="ft-version__authors">
              {t('history.here', {
                names: peopleNames(
                  version.participants.map((participant) => participant.name),
                  t,
                ),
              })}
            </p>
          ) : null}
        </>
      )}
      <div className="ft-version__actions">
        <button
          type="button"
          className="ft-button ft-version__open"
          disabled={damaged || history.openingId === version.id}
          onClick={() => history.openVersion(version)}
        >
          {t('history.openVersion')}
        </button>
        {history.canRestore ? (
          <>
            <button
              type="button"
              className="ft-button ft-version__rename"
              onClick={() => {
                const name = window.prompt(t('history.renamePrompt'), version.name ?? '');
                if (name !== null) history.renameVersion(version, name);
              }}
            >
              {t('history.rename')}
            </button>
            <button
              type="button"
              className="ft-button ft-version__restore"
              disabled={damaged || history.working}
              onClick={() => history.askRestore(version)}
            >
              {t('history.restore')}
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
}

export function HistoryPanel({ history }: { history: VersionHistory }) {
  const { t } = useI18n();
  const { versions, listError, lastRestore } = history;
  return (
    <section className="ft-history" aria-label={t('history.title')}>
      <header className="ft-history__header">
        <h2>{t('history.title')}</h2>
        <button type="button" className="ft-button ft-history__refresh" onClick={history.refresh}>
          {t('history.refresh')}
        </button>
        <button
          type="button"
          className="ft-button ft-history__close"
          aria-label={t('history.close')}
          title={t('history.close')}
          onClick={history.closePanel}
        >
          ×
        </button>
      </header>
      {lastRestore ? (
        <div className="ft-history__restored" role="status">
          <p>{lastRestore.text}</p>
          <div className="ft-dialog__actions">
            <button type="button" className="ft-button" onClick={history.dismissRestore}>
              {t('import.close')}
            </button>
            <button
              type="button"
              className="ft-button ft-button--primary ft-history__undo"
              disabled={history.working}
              onClick={history.undoRestore}
            >
              {t('restore.undo')}
            </button>
          </div>
        </div>
      ) : null}
      {history.canRestore ? <NameForm history={history} /> : null}
      {history.openError ? (
        <p className="ft-history__error" role="alert">
          {history.openError}
        </p>
      ) : null}
      {listError ? (
        <p className="ft-history__error" role="alert">
          {t('history.error', { error: listError })}
        </p>
      ) : null}
      {versions === null && !listError ? (
        <p className="ft-history__loading">{t('history.loading')}</p>
      ) : null}
      {versions?.length === 0 ? <p className="ft-history__empty">{t('history.empty')}</p> : null}
      {versions && versions.length > 0 ? (
        <ol className="ft-history__list">
          {versions.map((version) => (
            <VersionItem key={version.id} version={version} history={history} />
          ))}
        </ol>
      ) : null}
      <p className="ft-keys">{t('history.keyHint')}</p>
    </section>
  );
}
