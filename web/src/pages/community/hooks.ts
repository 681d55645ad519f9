import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { errorText } from '../../api/errorText';
import { useI18n } from '../../i18n/useI18n';
import type { BiName, Post } from '../../api/community';

export const nameOf = (n: BiName, lang: string) => (lang === 'mn-Mong' && n.mn ? n.mn : n.zh);

/** A change, then everything of the community re-read (small lists: simpler than patching caches); errors as a message. */
export function useAct<T, R = unknown>(fn: (x: T) => Promise<R>, done?: (r: R) => void) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['community'] });
      done?.(r);
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
}

/** Tells the author, on writing, that a screened word holds their post for the moderators. */
export function useHeldNotice() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  return (p: Post) => {
    if (p.status === 'held') void message.warning({ content: t('community.heldNotice', { words: p.heldFor.join('、') }), duration: 8, className: 'com-held-notice' });
  };
}
