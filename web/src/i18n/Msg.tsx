import { MongolText } from '../mongol/MongolText';
import type { MessageKey } from './languages';
import { useI18n } from './useI18n';

/**
 * A UI string as visible text. In Mongolian it is set vertically in the app's Mongolian font;
 * use `t()` instead where a plain string is needed (placeholders, aria-label, title).
 */
export function Msg({ k, vars }: { k: MessageKey; vars?: Record<string, string | number> }) {
  const { lang, t } = useI18n();
  const text = t(k, vars);
  return lang === 'mn-Mong' ? <MongolText>{text}</MongolText> : <>{text}</>;
}
