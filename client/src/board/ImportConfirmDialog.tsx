import { useI18n } from '../i18n/I18nProvider.tsx';
import type { PendingImport } from './useBoardFiles.ts';

/**
 * The question before an import replaces the board: what goes (cards, links, title), what comes
 * in its place, and that everyone on the board sees it at once. Cancel is the default button.
 */
export function ImportConfirmDialog({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingImport;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const { file, replaces } = pending;
  return (
    <div className="ft-dialog-backdrop">
      <div
        className="ft-dialog ft-import-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="ft-import-confirm-title"
        aria-describedby="ft-import-confirm-text"
        data-replaces-cards={replaces.cards}
        data-replaces-links={replaces.links}
      >
        <h2 id="ft-import-confirm-title">
          {t('import.confirmTitle', { title: file.meta.title || t('import.untitled') })}
        </h2>
        <div id="ft-import-confirm-text">
          <p className="ft-import-confirm__replaces">
            {t('import.confirmReplaces', {
              cards: replaces.cards,
              links: replaces.links,
              current: replaces.title || t('import.untitled'),
              newCards: file.cards.length,
              newLinks: file.links.length,
            })}
          </p>
          <p className="ft-import-confirm__everyone">{t('import.confirmEveryone')}</p>
        </div>
        <div className="ft-dialog__actions">
          <button
            type="button"
            className="ft-button ft-import-confirm__cancel"
            // biome-ignore lint/a11y/noAutofocus: the safe answer takes the focus in a destructive question
            autoFocus
            onClick={onCancel}
            onKeyDown={(event) => {
              if (event.key === 'Escape') onCancel();
            }}
          >
            {t('import.confirmNo')}
          </button>
          <button
            type="button"
            className="ft-button ft-button--danger ft-import-confirm__yes"
            onClick={onConfirm}
          >
            {t('import.confirmYes')}
          </button>
        </div>
      </div>
    </div>
  );
}
