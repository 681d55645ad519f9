import { ENDONYMS, LANGUAGES } from '../i18n/languages';
import { useI18n } from '../i18n/useI18n';
import { MongolText } from '../mongol/MongolText';
import './LanguageSwitcher.css';

/** 中文 | ᠮᠣᠩᠭᠣᠯ | English: each language named in itself, Mongolian always vertical. */
export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  return (
    <div role="group" aria-label={t('nav.language')} className="language-switcher">
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={code === lang}
          className="language-switcher__option"
          onClick={() => setLang(code)}
        >
          {code === 'mn-Mong' ? <MongolText>{ENDONYMS[code]}</MongolText> : ENDONYMS[code]}
        </button>
      ))}
    </div>
  );
}
