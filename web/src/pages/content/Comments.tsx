import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input } from 'antd';
import { useState } from 'react';
import { contentKeys, postComment, useComments, type ContentLang } from '../../api/content';
import { errorText } from '../../api/errorText';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { flatText, formatTime } from './parts';

/** The discussion on one language version (editors and reviewers). */
export function Comments({ resourceId, lang }: { resourceId: string; lang: ContentLang }) {
  const { lang: uiLang, t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const comments = useComments(resourceId, lang);
  const [text, setText] = useState('');
  const post = useMutation({
    mutationFn: () => postComment(resourceId, lang, text.trim()),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: contentKeys.comments(resourceId, lang) });
    },
    onError: (error) => void message.error(errorText(error, t)),
  });

  return (
    <details className="comments" data-testid="comments">
      <summary>
        <Msg k="comments.title" /> {comments.data ? `(${comments.data.length})` : ''}
      </summary>
      {comments.isError && <div className="field-error">{errorText(comments.error, t)}</div>}
      {comments.data?.length === 0 && (
        <p className="muted">
          <Msg k="comments.empty" />
        </p>
      )}
      <ul className="comments__list">
        {comments.data?.map((c) => (
          <li key={c.id} className="comments__item">
            <div className="comments__who">
              <ScriptText text={c.authorName} /> <span className="muted">{formatTime(c.createdAt, uiLang)}</span>
            </div>
            <div className="comments__body">
              <ScriptText text={c.body} />
            </div>
          </li>
        ))}
      </ul>
      <div className="comments__form">
        <Input.TextArea
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={flatText(uiLang, t('comments.placeholder'))}
          aria-label={t('comments.placeholder')}
        />
        <Button onClick={() => post.mutate()} disabled={!text.trim()} loading={post.isPending}>
          <Msg k="comments.post" />
        </Button>
      </div>
    </details>
  );
}
