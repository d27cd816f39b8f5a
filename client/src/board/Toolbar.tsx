import type { Lane } from '@fire-triangle/shared';
import { useRef, useState } from 'react';
import { LanguageSwitch, useI18n } from '../i18n/I18nProvider.tsx';

export interface ToolbarProps {
  readOnly: boolean;
  /** Import is offered to facilitators only (it replaces the board for everyone). */
  canImport: boolean;
  /** `locked`: the facilitator locked the lane for this person (no new card there). */
  lanes: { lane: Lane; label: string; locked?: boolean }[];
  onNewCard(lane: Lane): void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onFit(): void;
  onExportPng(): void;
  onExportSvg(): void;
  onExportJson(): void;
  onExportReport(): void;
  onImport(text: string): void;
}

export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const runExport = (action: () => void) => () => {
    setExportOpen(false);
    action();
  };
  return (
    <div className="ft-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {props.readOnly ? null : (
        <fieldset className="ft-toolbar__group ft-toolbar__lanes">
          <legend className="ft-toolbar__caption">{t('toolbar.newCard')}</legend>
          {props.lanes.map(({ lane, label, locked }) => (
            <button
              key={lane}
              type="button"
              className={`ft-button ft-new-card ft-new-card--${lane}`}
              data-lane={lane}
              disabled={locked}
              title={
                locked
                  ? t('fac.lock.cannotCreate', { lane: label })
                  : t('toolbar.newCardIn', { lane: label })
              }
              onClick={() => props.onNewCard(lane)}
            >
              + {label}
            </button>
          ))}
        </fieldset>
      )}
      {props.readOnly ? null : (
        <div className="ft-toolbar__group">
          <button
            type="button"
            className="ft-button ft-undo"
            disabled={!props.canUndo}
            onClick={props.onUndo}
            title={`${t('toolbar.undo')} (Ctrl/⌘+Z)`}
          >
            <span aria-hidden="true">↶</span>
            <span className="ft-button__label">{t('toolbar.undo')}</span>
          </button>
          <button
            type="button"
            className="ft-button ft-redo"
            disabled={!props.canRedo}
            onClick={props.onRedo}
            title={`${t('toolbar.redo')} (Shift+Ctrl/⌘+Z)`}
          >
            <span aria-hidden="true">↷</span>
            <span className="ft-button__label">{t('toolbar.redo')}</span>
          </button>
        </div>
      )}
      <div className="ft-toolbar__group">
        <button
          type="button"
          className="ft-button ft-fit"
          onClick={props.onFit}
          title={t('toolbar.fit')}
        >
          <span aria-hidden="true">⤢</span>
          <span className="ft-button__label">{t('toolbar.fit')}</span>
        </button>
        <div className="ft-menu">
          <button
            type="button"
            className="ft-button ft-export"
            aria-haspopup="menu"
            aria-expanded={exportOpen}
            onClick={() => setExportOpen((open) => !open)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setExportOpen(false);
            }}
          >
            {t('toolbar.export')} <span aria-hidden="true">▾</span>
          </button>
          {exportOpen ? (
            <div className="ft-menu__items" role="menu">
              <button
                type="button"
                role="menuitem"
                className="ft-export-png"
                onClick={runExport(props.onExportPng)}
              >
                {t('toolbar.exportPng')}
              </button>
              <button
                type="button"
                role="menuitem"
                className="ft-export-svg"
                onClick={runExport(props.onExportSvg)}
              >
                {t('toolbar.exportSvg')}
              </button>
              <button
                type="button"
                role="menuitem"
                className="ft-export-json"
                onClick={runExport(props.onExportJson)}
              >
                {t('toolbar.exportJson')}
              </button>
              <button
                type="button"
                role="menuitem"
                className="ft-export-report"
                onClick={runExport(props.onExportReport)}
              >
                {t('toolbar.exportReport')}
              </button>
            </div>
          ) : null}
        </div>
        {props.readOnly || !props.canImport ? null : (
          <>
            <button
              type="button"
              className="ft-button ft-import"
              onClick={() => fileInput.current?.click()}
              title={t('toolbar.import')}
            >
              <span aria-hidden="true">⇪</span>
              <span className="ft-button__label">{t('toolbar.import')}</span>
            </button>
            <input
              ref={fileInput}
              className="ft-import-input"
              type="file"
              accept="application/json,.json"
              hidden
              onChange={async (event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) props.onImport(await file.text());
              }}
            />
          </>
        )}
        <LanguageSwitch />
      </div>
    </div>
  );
}
