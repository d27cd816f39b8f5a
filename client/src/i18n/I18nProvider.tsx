import type { Language } from '@fire-triangle/shared';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { languageFromBrowser, type MessageKey, translate } from './messages.ts';

const STORAGE_KEY = 'ft-ui-language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The interface text for `key`; never throws (see `translate`). */
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'fr' || stored === 'en') return stored;
  return languageFromBrowser(navigator.language);
}

/** The interface language: from the browser on first visit, then whatever the user picked. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => translate(language, key, values),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** A small toggle between the two interface languages. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <button
      type="button"
      className="ft-button ft-language-switch"
      title={t('lang.switchTitle')}
      onClick={() => setLanguage(language === 'fr' ? 'en' : 'fr')}
    >
      {t('lang.switch')}
    </button>
  );
}
