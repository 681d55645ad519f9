import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from '../api/client';
import { CATALOGS, DEFAULT_LANG, format, isLang, type Lang, type MessageKey } from './languages';

const STORAGE_KEY = 'gerel.lang';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The UI string for `key` in the current language, with `{name}` placeholders filled. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

export const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG; // storage can be disabled; the default language still works
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = storedLang();
    setRequestLanguage(initial); // before the first request goes out
    return initial;
  });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setRequestLanguage(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const catalog = CATALOGS[lang];
    return { lang, setLang, t: (key, vars) => format(catalog[key], vars) };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
