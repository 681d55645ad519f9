import { App as AntApp, Button, Input, Select } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolKeyboard } from '../../mongol/Keyboard';
import { POST_CATEGORIES, attachToPost, createThread, replyTo, type Post, type PostCategory } from '../../api/community';
import { useAct, useHeldNotice } from './hooks';
import { PeoplePicker } from './PeoplePicker';

interface Props {
  orgId: string;
  /** A reply in this thread; without it, a new thread of the space. */
  threadId?: string;
  /** The people already in the thread, offered first for mentions. */
  known?: { id: string; name: string }[];
  onDone?: () => void;
}

/**
 * Writes a thread or a reply: Mongolian (on-screen keyboard) and Chinese, mentions of people of the
 * space, images and files (uploaded to the new post once it exists). A screened word holds the post,
 * and the author is told so at once.
 */
export function Composer({ orgId, threadId, known, onDone }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const notifyHeld = useHeldNotice();
  const [category, setCategory] = useState<PostCategory>('academic');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [keyboard, setKeyboard] = useState(false);
  const reset = () => (setTitle(''), setBody(''), setMentions([]), setFiles([]), setKeyboard(false));
  const send = useAct(
    async () => {
      const post = threadId
        ? await replyTo(threadId, { body: body.trim(), mentions })
        : await createThread(orgId, { category, title: title.trim(), body: body.trim(), mentions });
      for (const file of files) {
        try {
          await attachToPost(post.id, file);
        } catch (e) {
          void message.error(`${file.name}: ${errorText(e, t)}`);
        }
      }
      return post as Post;
    },
    (post) => {
      notifyHeld(post);
      reset();
      onDone?.();
    },
  );
  const ready = !!body.trim() && (!!threadId || !!title.trim());
  const prefix = threadId ? 'com-reply' : 'com-thread';
  return (
    <div className={threadId ? 'com-compose' : 'com-compose com-compose--thread'} data-testid={threadId ? 'com-reply' : 'com-new-thread'}>
      {!threadId && (
        <>
          <Select value={category} onChange={setCategory} options={POST_CATEGORIES.map((c) => ({ value: c, label: t(`community.category.${c}`) }))} style={{ width: 160 }} data-testid="com-category" />
          <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('community.titlePlaceholder')} maxLength={200} data-testid="com-title" />
        </>
      )}
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoSize={{ minRows: threadId ? 2 : 3, maxRows: 10 }}
        placeholder={t(threadId ? 'community.replyPlaceholder' : 'community.bodyPlaceholder')}
        data-testid={threadId ? 'com-reply-input' : 'com-body'}
      />
      <div className="com-compose__buttons">
        <PeoplePicker orgId={orgId} value={mentions} onChange={setMentions} known={known} placeholder={t('community.mentions')} testId={`${prefix}-mentions`} />
        <label className="com-attach">
          <Msg k="chat.attach" />
          {files.length > 0 && ` (${files.length})`}
          <input type="file" hidden multiple accept="image/*,application/pdf,.docx,.xlsx" onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 9))} data-testid={`${prefix}-files`} />
        </label>
        <Button onClick={() => setKeyboard((v) => !v)} aria-pressed={keyboard}>
          <Msg k="chat.keyboard" />
        </Button>
        <Button type="primary" disabled={!ready} loading={send.isPending} onClick={() => send.mutate(undefined)} data-testid={threadId ? 'com-reply-send' : 'com-post-send'}>
          <Msg k={threadId ? 'community.reply' : 'community.post'} />
        </Button>
      </div>
      {keyboard && <MongolKeyboard />}
    </div>
  );
}
