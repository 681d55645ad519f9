import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { AppContext } from '../../kernel/context.js';
import { AppError, langFromHeader } from '../../kernel/http/errors.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { AttachmentSchema } from '../media/attachment.js';
import { SESSION_COOKIE, checkOrigin } from '../../kernel/http/guard.js';
import { actorForToken } from '../users/service.js';
import * as service from './service.js';
import { ChatHub } from './hub.js';
import { createPresence } from './presence.js';
import { MEMBER_STATUSES } from './tables.js';
import { translateMessage, translationAvailable } from './translate.js';
import { LANGS } from '../content/tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Str = Type.String();
const NullStr = Type.Union([Type.String(), Type.Null()]);
const Name = Type.Object({ zh: Str, mn: NullStr });

export const ChatMessageSchema = Type.Object(
  {
    id: Type.Integer({ description: 'monotonic per conversation: resume with ?after=<id>' }),
    rev: Type.Integer({ description: 'the conversation revision of its last change: resume changes with /changes?since=<rev>' }),
    conversationId: Str,
    sender: Type.Object({ id: Str, name: Str }),
    text: Type.String({ description: 'empty when deleted or held for review' }),
    lang: Str,
    latin: Type.Union([Type.String(), Type.Null()], { description: 'Latin transliteration of Mongolian text' }),
    replyTo: Type.Union([Type.Integer(), Type.Null()]),
    mentions: Type.Array(Str),
    attachments: Type.Array(AttachmentSchema),
    status: lit(['visible', 'deleted', 'held'] as const),
    createdAt: Str,
    editedAt: NullStr,
  },
  { $id: 'ChatMessage' },
);

export const ConversationSchema = Type.Object(
  {
    id: Str,
    kind: lit(['org', 'group', 'direct'] as const),
    orgId: Str,
    org: Name,
    title: NullStr,
    includeSubtree: Type.Boolean(),
    lastId: Type.Integer(),
    lastRev: Type.Integer(),
    lastReadId: Type.Integer(),
    unread: Type.Integer(),
    role: lit(['owner', 'member'] as const),
    status: lit(MEMBER_STATUSES),
    canModerate: Type.Boolean(),
    last: Type.Union([Type.Object({ text: Str, sender: NullStr, at: Str }), Type.Null()]),
    peer: Type.Union([Type.Object({ id: Str, name: Str }), Type.Null()]),
  },
  { $id: 'Conversation' },
);

const Member = Type.Object({ id: Str, name: Str, role: lit(['owner', 'member'] as const), status: lit(MEMBER_STATUSES) });
const Id64 = Type.String({ minLength: 1, maxLength: 64 });
const MsgParams = Type.Object({ id: Id64, seq: Type.Integer({ minimum: 1 }) });
const Text = Type.String({ maxLength: 20000 });

export const messagingRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['messaging'];
    const hub = new ChatHub(ctx, createPresence(ctx.config.redisUrl));
    app.addHook('onClose', async () => hub.close());

    app.get('/api/messaging/config', {
      config: { policy: 'chat.use' },
      schema: {
        tags,
        summary: 'What the chat client may offer: translation appears once a translation engine is configured',
        response: { 200: Type.Object({ translationAvailable: Type.Boolean(), maxText: Type.Integer(), rateLimit: Type.Object({ max: Type.Integer(), seconds: Type.Integer() }) }), ...errors(401) },
      },
      handler: async (req) => {
        req.access.requireUser();
        return { translationAvailable: translationAvailable(), maxText: service.MAX_TEXT, rateLimit: { max: service.RATE_LIMIT, seconds: service.RATE_WINDOW_MS / 1000 } };
      },
    });

    app.get('/api/messaging/conversations', {
      config: { policy: 'chat.use' },
      schema: { tags, summary: 'My conversations (org channels created on first use) with unread counts', response: { 200: Type.Array(Type.Ref('Conversation')), ...errors(401) } },
      handler: (req) => service.listConversations(ctx, req.access),
    });

    app.get('/api/messaging/contacts', {
      config: { policy: 'chat.use' },
      schema: {
        tags,
        summary: 'People in my subtrees, to message or add to a group',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Array(Type.Object({ id: Str, name: Str, org: Name })), ...errors(401) },
      },
      handler: (req) => service.contacts(ctx, req.access, req.query.q),
    });

    app.post('/api/messaging/groups', {
      config: { policy: 'chat.create_group' },
      schema: {
        tags,
        summary: 'A topic group in an org of my scope, with people from that org’s subtree',
        body: Type.Object({ orgId: Id64, title: Type.String({ minLength: 1, maxLength: 400 }), memberIds: Type.Array(Id64, { maxItems: 5000, default: [] }) }, { additionalProperties: false }),
        response: { 201: Type.Ref('Conversation'), ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.createGroup(ctx, req.access, req.body, req.ip)),
    });

    app.post('/api/messaging/direct', {
      config: { policy: 'chat.direct' },
      schema: {
        tags,
        summary: 'The direct conversation with someone on my line of the org tree (created on first use)',
        body: Type.Object({ userId: Id64 }, { additionalProperties: false }),
        response: { 200: Type.Ref('Conversation'), ...errors(400, 401, 404) },
      },
      handler: (req) => service.openDirect(ctx, req.access, req.body.userId, req.ip),
    });

    app.get('/api/messaging/conversations/:id', {
      config: { policy: 'chat.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Ref('Conversation'), ...errors(401, 404) } },
      handler: (req) => service.getConversation(ctx, req.access, req.params.id),
    });

    app.patch('/api/messaging/conversations/:id', {
      config: { policy: 'chat.moderate' },
      schema: {
        tags,
        summary: 'Moderators: a group’s title, or whether an org channel includes the whole subtree',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })), includeSubtree: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Conversation'), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.updateConversation(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.get('/api/messaging/conversations/:id/members', {
      config: { policy: 'chat.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Array(Member), ...errors(401, 404) } },
      handler: (req) => service.members(ctx, req.access, req.params.id),
    });

    app.post('/api/messaging/conversations/:id/members', {
      config: { policy: 'chat.moderate' },
      schema: {
        tags,
        summary: 'Add people to a topic group (moderators)',
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Id64, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false }),
        response: { 200: Type.Array(Member), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.addMembers(ctx, req.access, req.params.id, req.body.userIds, req.ip),
    });

    app.patch('/api/messaging/conversations/:id/members/:userId', {
      config: { policy: 'chat.moderate' },
      schema: {
        tags,
        summary: 'Block, remove or restore a member (moderators); anyone may leave a group (remove themselves)',
        params: Type.Object({ id: Id64, userId: Id64 }),
        body: Type.Object({ status: lit(MEMBER_STATUSES) }, { additionalProperties: false }),
        response: { 200: Type.Array(Member), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.setMemberStatus(ctx, req.access, req.params.id, req.params.userId, req.body.status, req.ip),
    });

    app.get('/api/messaging/conversations/:id/messages', {
      config: { policy: 'chat.read' },
      schema: {
        tags,
        summary: 'With after=<id>: every message after it, oldest first (resume). Otherwise the latest page, before=<id> for older',
        params: IdParams,
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0 })),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Array(Type.Ref('ChatMessage')), ...errors(400, 401, 404) },
      },
      handler: (req) => service.listMessages(ctx, req.access, req.params.id, req.query),
    });

    app.get('/api/messaging/conversations/:id/changes', {
      config: { policy: 'chat.read' },
      schema: {
        tags,
        summary: 'Every message sent, edited, deleted or reviewed after revision `since`, in revision order, each once in its latest state; `rev` is the cursor to keep',
        params: IdParams,
        querystring: Type.Object({ since: Type.Integer({ minimum: 0 }), limit: Type.Integer({ minimum: 1, maximum: 200, default: 200 }) }),
        response: { 200: Type.Object({ messages: Type.Array(Type.Ref('ChatMessage')), rev: Type.Integer(), more: Type.Boolean() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.changes(ctx, req.access, req.params.id, req.query.since, req.query.limit),
    });

    app.post('/api/messaging/conversations/:id/messages/:seq/translate', {
      config: { policy: 'chat.read', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Translate a message through the configured machine translation engine (400 when none is: the client shows no button then)',
        params: MsgParams,
        body: Type.Object({ targetLang: Type.Optional(lit(LANGS)) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ id: Type.Integer(), engine: lit(['libretranslate', 'openai'] as const), sourceLang: lit(LANGS), targetLang: lit(LANGS), text: Str }),
          ...errors(400, 401, 404, 409, 429, 502),
        },
      },
      handler: (req) => translateMessage(ctx, req.access, req.params.id, req.params.seq, req.body.targetLang),
    });

    app.post('/api/messaging/conversations/:id/messages', {
      config: { policy: 'chat.send' },
      schema: {
        tags,
        summary: 'Send a message (Mongolian, Chinese, emoji; legacy Menksoft converted); at most 20 per 10 s',
        params: IdParams,
        body: Type.Object(
          { text: Text, replyTo: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])), mentions: Type.Optional(Type.Array(Id64, { maxItems: 50 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('ChatMessage'), ...errors(400, 401, 403, 404, 429) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.send(ctx, req.access, req.params.id, req.body)),
    });

    app.post('/api/messaging/conversations/:id/attachments', {
      config: { policy: 'chat.send' },
      schema: {
        tags,
        summary: 'Send an image or file (multipart field "file", checked by its content; optional field "text" before it)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Type.Ref('ChatMessage'), ...errors(400, 401, 403, 404, 413, 415, 429) },
      },
      handler: async (req, reply) => {
        req.access.requireUser();
        if (!req.isMultipart()) throw new AppError(415, 'upload.bad_type', { type: String(req.headers['content-type'] ?? 'none') });
        const file = await req.file();
        if (!file || file.fieldname !== 'file') throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const textField = file.fields.text;
        const text = textField && !Array.isArray(textField) && textField.type === 'field' ? String(textField.value) : '';
        const m = await service.sendAttachment(ctx, req.access, req.params.id, { filename: file.filename, stream: file.file }, text, req.ip);
        return reply.status(201).send(m);
      },
    });

    app.get('/api/messaging/conversations/:id/attachments/:mediaId/:file', {
      config: { policy: 'chat.read' },
      schema: { tags, summary: 'An attachment, for the conversation’s members', params: Type.Object({ id: Id64, mediaId: Id64, file: Type.String({ maxLength: 16 }) }), response: errors(401, 404) },
      handler: async (req, reply) => {
        const f = await service.openAttachment(ctx, req.access, req.params.id, req.params.mediaId, req.params.file);
        return sendStoredFile(reply, f, 'private, no-store');
      },
    });

    app.patch('/api/messaging/conversations/:id/messages/:seq', {
      config: { policy: 'chat.send' },
      schema: {
        tags,
        summary: 'Edit my message',
        params: MsgParams,
        body: Type.Object({ text: Text }, { additionalProperties: false }),
        response: { 200: Type.Ref('ChatMessage'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.edit(ctx, req.access, req.params.id, req.params.seq, req.body.text, req.ip),
    });

    app.delete('/api/messaging/conversations/:id/messages/:seq', {
      config: { policy: 'chat.send' },
      schema: { tags, summary: 'Delete a message (mine, or any as a moderator): it stays in place, shown as deleted', params: MsgParams, response: { 200: Type.Ref('ChatMessage'), ...errors(401, 403, 404) } },
      handler: (req) => service.remove(ctx, req.access, req.params.id, req.params.seq, req.ip),
    });

    app.get('/api/messaging/conversations/:id/held', {
      config: { policy: 'chat.moderate' },
      schema: { tags, summary: 'Messages held by the keyword screen, with their text (moderators)', params: IdParams, response: { 200: Type.Array(Type.Ref('ChatMessage')), ...errors(401, 403, 404) } },
      handler: (req) => service.heldMessages(ctx, req.access, req.params.id),
    });

    app.post('/api/messaging/conversations/:id/messages/:seq/review', {
      config: { policy: 'chat.moderate' },
      schema: {
        tags,
        summary: 'Release a held message to everyone, or reject it (moderators; audited)',
        params: MsgParams,
        body: Type.Object({ approve: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Ref('ChatMessage'), ...errors(401, 403, 404, 409) },
      },
      handler: (req) => service.review(ctx, req.access, req.params.id, req.params.seq, req.body.approve, req.ip),
    });

    app.post('/api/messaging/conversations/:id/read', {
      config: { policy: 'chat.read' },
      schema: {
        tags,
        summary: 'I have read up to this id',
        params: IdParams,
        body: Type.Object({ id: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ lastReadId: Type.Integer(), unread: Type.Integer() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.markRead(ctx, req.access, req.params.id, req.body.id),
    });

    app.get('/api/messaging/conversations/:id/presence', {
      config: { policy: 'chat.read' },
      schema: { tags, summary: 'Members online now (on any process)', params: IdParams, response: { 200: Type.Object({ online: Type.Array(Str) }), ...errors(401, 404) } },
      handler: async (req) => {
        const people = await service.members(ctx, req.access, req.params.id);
        return { online: [...(await hub.presence.online(people.map((p) => p.id)))] };
      },
    });

    app.get('/api/messaging/search', {
      config: { policy: 'chat.use' },
      schema: {
        tags,
        summary: 'Bilingual search in my conversations (Chinese words and pinyin, Mongolian in any spelling or encoding)',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), conversationId: Type.Optional(Id64), limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }) }),
        response: { 200: Type.Array(Type.Object({ message: Type.Ref('ChatMessage'), snippet: Str })), ...errors(400, 401) },
      },
      handler: (req) => service.search(ctx, req.access, req.query.q, req.query.conversationId, req.query.limit),
    });

    app.get(
      '/api/messaging/ws',
      {
        websocket: true,
        config: { policy: 'chat.use' },
        schema: { tags, summary: 'WebSocket: live messages; send {type:"resume",cursors:{<conversationId>:<last seen id>},revs:{<conversationId>:<cursor>}} first to get what was missed (new messages, and with revs edits and deletes)' },
        // A page on another site must not open a socket with the reader's cookie (cross-site WebSocket hijacking).
        preValidation: async (req) => checkOrigin('POST', req.headers, ctx.config.trustedOrigins),
        // A refused upgrade (no session, wrong origin) is answered before @fastify/websocket's own hooks
        // mark the request as a socket, so nothing else would close the connection.
        onResponse: async (req) => {
          if (req.headers.upgrade?.toLowerCase() === 'websocket') req.raw.socket?.destroy();
        },
      },
      (socket: WebSocket, req: FastifyRequest) => {
        const actor = req.access.requireUser();
        const token = req.cookies[SESSION_COOKIE] ?? '';
        hub.attach(socket, actor, langFromHeader(req.headers['accept-language']), () => actorForToken(ctx, token));
      },
    );
  };
