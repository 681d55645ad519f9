import en from './en.json';
import mnMong from './mn-Mong.json';
import zhHans from './zh-Hans.json';

/** The UI languages, as BCP 47 tags (also sent to the server as Accept-Language). */
export const LANGUAGES = ['zh-Hans', 'mn-Mong', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language named in itself: what the switcher shows, whatever the current UI language. */
export const ENDONYMS: Record<Lang, string> = {
  'zh-Hans': '中文',
  'mn-Mong': 'ᠮᠣᠩᠭᠣᠯ',
  en: 'English',
};

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

// Typed against en.json: a key missing from another catalog fails the type check; extra keys are
// caught by i18n/catalogs.test.ts.
export const CATALOGS: Record<Lang, Catalog> = { 'zh-Hans': zhHans, 'mn-Mong': mnMong, en };

export const DEFAULT_LANG: Lang = 'zh-Hans';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
