import en from '../../i18n/errors.en.json' with { type: 'json' };
import zh from '../../i18n/errors.zh-Hans.json' with { type: 'json' };

export type ErrorCode = keyof typeof en;
export type Lang = 'zh' | 'en';

/**
 * The one error every route throws. The response is always
 * `{ error: { code, message, details } }`, message in the caller's language (Accept-Language),
 * with both languages under `messages` so a log or a bilingual client never has to guess.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(format(en[code], params));
  }
}

export const badRequest = (detail: string, details?: unknown) =>
  new AppError(400, 'validation.failed', { detail }, details);
export const forbidden = () => new AppError(403, 'forbidden');
export const notFound = () => new AppError(404, 'not_found');
export const conflict = (code: ErrorCode, params: Record<string, string | number> = {}) =>
  new AppError(409, code, params);

function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

export function messageFor(code: ErrorCode, params: Record<string, string | number>, lang: Lang): string {
  return format((lang === 'zh' ? zh : en)[code], params);
}

/** Chinese for zh*, mn* (Mongolian readers here read Chinese more often than English), else English. */
export function langFromHeader(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') || first.startsWith('mn') ? 'zh' : 'en';
}

export function errorBody(code: ErrorCode, params: Record<string, string | number>, lang: Lang, details?: unknown) {
  return {
    error: {
      code,
      message: messageFor(code, params, lang),
      messages: { zh: messageFor(code, params, 'zh'), en: messageFor(code, params, 'en') },
      ...(details === undefined ? {} : { details }),
    },
  };
}
