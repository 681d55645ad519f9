import { Image } from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { App as AntApp, Button, Input, Modal, Tooltip } from 'antd';
import DOMPurify from 'dompurify';
import { useEffect, useRef, useState } from 'react';
import type { ContentLang } from '../../api/content';
import { errorText } from '../../api/errorText';
import type { MessageKey } from '../../i18n/languages';
import { useI18n } from '../../i18n/useI18n';
import { registerEditor } from '../../mongol/inputTarget';
import { convertMenksoftHtml, convertMenksoftText } from './menksoft';
import { VerticalKeys } from './verticalKeys';
import './editor.css';

interface Props {
  lang: ContentLang;
  /** The HTML the editor starts with (later changes of this prop are not applied: use onReady). */
  initialHtml: string;
  editable?: boolean;
  onChange?: (html: string) => void;
  onReady?: (editor: Editor) => void;
  /** Accessible name of the editing surface. */
  label: string;
  testId?: string;
  /**
   * Uploads an image and resolves to the address to show it at. With it, "insert image" picks a
   * file and inserts it at the caret; without it, it asks for an address.
   */
  onUploadImage?: (file: File) => Promise<string>;
}

/** Only what the server keeps (docs/api/content.md: Version.body). */
const ALLOWED_TAGS = ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'a', 'strong', 'b', 'em', 'i', 'u', 's', 'br'];
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'colspan', 'rowspan'] });
}

/**
 * The rich-text editor (Tiptap / ProseMirror). A Mongolian version is edited vertically:
 * `writing-mode: vertical-lr`, columns top to bottom flowing left to right, in the app's font,
 * with the arrow-key plugin for atoms, node selections and the gap cursor (verticalKeys.ts).
 * Menksoft-encoded Mongolian pasted in is converted to normalised Unicode, with a notice.
 */
export function RichEditor({ lang, initialHtml, editable = true, onChange, onReady, label, testId, onUploadImage }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const vertical = lang === 'mn-Mong';
  const converted = useRef(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const notifyLater = () => {
    // The paste transforms run while ProseMirror parses; tell the user once it is in.
    queueMicrotask(() => {
      const n = converted.current;
      converted.current = 0;
      if (n > 0) void message.info(t('editor.menksoftConverted', { n }));
    });
  };

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
      TableKit.configure({ table: { resizable: false } }),
      Image,
      VerticalKeys,
    ],
    content: initialHtml,
    editable,
    editorProps: {
      attributes: {
        class: vertical ? 'rich-editor__content rich-editor__content--vertical' : 'rich-editor__content',
        lang,
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'false',
        ...(testId ? { 'data-testid': testId } : {}),
      },
      transformPastedHTML(html) {
        const result = convertMenksoftHtml(sanitize(html));
        converted.current += result.pieces;
        if (result.pieces) notifyLater();
        return result.html;
      },
      transformPastedText(text) {
        const result = convertMenksoftText(text);
        converted.current += result.pieces;
        if (result.pieces) notifyLater();
        return result.text;
      },
    },
    onUpdate: ({ editor: e, transaction }) => {
      if (transaction.docChanged) onChangeRef.current?.(e.getHTML());
    },
  });

  useEffect(() => {
    editor.setEditable(editable, false); // not an edit: no update event
  }, [editor, editable]);

  useEffect(() => {
    onReady?.(editor);
    // Once per editor. The on-screen keyboard types through the editor's commands (one undoable transaction each).
    return registerEditor(editor.view.dom, {
      insert: (text) => editor.chain().focus().command(({ tr }) => (tr.insertText(text), true)).run(),
      backspace: () => {
        editor.commands.focus();
        editor.commands.keyboardShortcut('Backspace');
      },
    });
  }, [editor]);

  return (
    <div className={vertical ? 'rich-editor rich-editor--vertical' : 'rich-editor'}>
      {editable && <Toolbar editor={editor} onUploadImage={onUploadImage} />}
      <div className="rich-editor__scroll">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

function Toolbar({ editor, onUploadImage }: { editor: Editor; onUploadImage?: (file: File) => Promise<string> }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<'image' | 'link' | null>(null);
  const [url, setUrl] = useState('');
  const [uploading, setUploading] = useState(false);
  const imageInput = useRef<HTMLInputElement>(null);

  /** Uploads the picked image and puts it where the caret was (the editor keeps its selection meanwhile). */
  const upload = async (file: File) => {
    if (!onUploadImage) return;
    setUploading(true);
    try {
      const src = await onUploadImage(file);
      editor.chain().focus().setImage({ src, alt: '' }).run();
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setUploading(false);
    }
  };
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const tool = (key: MessageKey, glyph: React.ReactNode, run: () => void, active = false, disabled = false, loading = false) => (
    <Tooltip title={t(key)} key={key}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        aria-label={t(key)}
        aria-pressed={active}
        disabled={disabled}
        loading={loading}
        onMouseDown={(e) => e.preventDefault()}
        onClick={run}
      >
        {glyph}
      </Button>
    </Tooltip>
  );
  const chain = () => editor.chain().focus();

  const confirm = () => {
    const value = url.trim();
    if (dialog === 'image' && value) chain().setImage({ src: value }).run();
    if (dialog === 'link') {
      if (value) chain().extendMarkRange('link').setLink({ href: value }).run();
      else chain().extendMarkRange('link').unsetLink().run();
    }
    setDialog(null);
    setUrl('');
  };

  return (
    <div className="rich-editor__toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      {tool('editor.h2', 'H2', () => chain().toggleHeading({ level: 2 }).run(), state.h2)}
      {tool('editor.h3', 'H3', () => chain().toggleHeading({ level: 3 }).run(), state.h3)}
      {tool('editor.h4', 'H4', () => chain().toggleHeading({ level: 4 }).run(), state.h4)}
      <span className="rich-editor__sep" />
      {tool('editor.bold', <b>B</b>, () => chain().toggleBold().run(), state.bold)}
      {tool('editor.italic', <i>I</i>, () => chain().toggleItalic().run(), state.italic)}
      {tool('editor.underline', <u>U</u>, () => chain().toggleUnderline().run(), state.underline)}
      {tool('editor.strike', <s>S</s>, () => chain().toggleStrike().run(), state.strike)}
      <span className="rich-editor__sep" />
      {tool('editor.bulletList', '•≡', () => chain().toggleBulletList().run(), state.bullet)}
      {tool('editor.orderedList', '1≡', () => chain().toggleOrderedList().run(), state.ordered)}
      {tool('editor.quote', '❝', () => chain().toggleBlockquote().run(), state.quote)}
      {tool('editor.table', '⊞', () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      {onUploadImage
        ? tool('editor.image', '▣', () => imageInput.current?.click(), false, uploading, uploading)
        : tool('editor.image', '▣', () => setDialog('image'))}
      {onUploadImage && (
        <input
          ref={imageInput}
          type="file"
          hidden
          accept="image/png,image/jpeg,image/webp,image/gif"
          data-testid="editor-image-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
      )}
      {tool('editor.link', '↗', () => {
        setUrl((editor.getAttributes('link').href as string | undefined) ?? '');
        setDialog('link');
      }, state.link)}
      <span className="rich-editor__sep" />
      {tool('editor.undo', '↶', () => chain().undo().run(), false, !state.canUndo)}
      {tool('editor.redo', '↷', () => chain().redo().run(), false, !state.canRedo)}
      <Modal
        open={dialog !== null}
        title={dialog === 'image' ? t('editor.imageUrl') : t('editor.linkUrl')}
        onOk={confirm}
        onCancel={() => setDialog(null)}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Input
          autoFocus
          value={url}
          placeholder="https://"
          data-ime="off"
          aria-label={dialog === 'image' ? t('editor.imageUrl') : t('editor.linkUrl')}
          onChange={(e) => setUrl(e.target.value)}
          onPressEnter={confirm}
        />
      </Modal>
    </div>
  );
}
