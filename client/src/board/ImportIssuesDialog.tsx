import type { BoardImportError } from '@fire-triangle/shared';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Why a board file was refused: each problem with its field path and line, until closed. */
export function ImportIssuesDialog({
  issues,
  onClose,
}: {
  issues: BoardImportError;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="ft-dialog-backdrop">
      <div
        className="ft-dialog ft-import-errors"
        role="alertdialog"
        aria-labelledby="ft-import-title"
      >
        <h2 id="ft-import-title">{t('import.errorTitle')}</h2>
        <ul>
          {issues.issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id and never reorder
            <li key={index} className="ft-import-errors__issue">
              {issue.path ? <code>{issue.path}</code> : null}
              {issue.line !== undefined ? (
                <span className="ft-import-errors__line">
                  {' '}
                  ({t('import.line', { line: issue.line })})
                </span>
              ) : null}
              {issue.path || issue.line !== undefined ? ': ' : ''}
              {issue.message}
            </li>
          ))}
        </ul>
        <button type="button" className="ft-button" onClick={onClose}>
          {t('import.close')}
        </button>
      </div>
    </div>
  );
}
