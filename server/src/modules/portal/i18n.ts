import zh from '../../i18n/portal.zh-Hans.json' with { type: 'json' };
import mn from '../../i18n/portal.mn-Mong.json' with { type: 'json' };

export type PortalLang = 'zh-Hans' | 'mn-Mong';
export type PortalKey = keyof typeof zh;

const catalogs: Record<PortalLang, Record<PortalKey, string>> = { 'zh-Hans': zh, 'mn-Mong': mn };

export function t(lang: PortalLang, key: PortalKey, params: Record<string, string | number> = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Path prefix of each portal language: Chinese at the root, Mongolian under /mn. */
export const prefixOf = (lang: PortalLang): string => (lang === 'mn-Mong' ? '/mn' : '');
