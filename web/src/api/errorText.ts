import type { MessageKey } from '../i18n/languages';
import { ApiError, NETWORK_ERROR } from './client';

/** What to tell the user about a failed request: the server's own message when it sent one. */
export function errorText(error: unknown, t: (key: MessageKey) => string): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('error.network');
    if (error.message) return error.message;
    if (error.status === 403) return t('error.forbidden');
  }
  return t('error.unknown');
}
