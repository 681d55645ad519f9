import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { AttachmentSchema } from '../media/attachment.js';
import * as service from './service.js';
import { POST_CATEGORIES, POST_STATUSES } from './tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Str = Type.String();
const NullStr = Type.Union([Type.String(), Type.Null()]);
const Name = Type.Object({ zh: Str, mn: NullStr });
const Id64 = Type.String({ minLength: 1, maxLength: 64 });
const OrgParams = Type.Object({ orgId: Id64 });

const Profile = Type.Object({ id: Str, name: Str, orgId: Str, org: Name, field: NullStr, title: NullStr, languages: Type.Array(Str), bio: NullStr });
const Person = Type.Intersect([Profile, Type.Object({ followers: Type.Integer(), following: Type.Boolean() })]);

export const CommunityPostSchema = Type.Object(
  {
    id: Str,
    orgId: Str,
    parentId: NullStr,
    author: Type.Object({ id: Str, name: Str }),
    category: lit(POST_CATEGORIES),
    title: NullStr,
    body: Type.String({ description: 'empty when deleted, or hidden from this reader' }),
    mentions: Type.Array(Str),
    attachments: Type.Array(AttachmentSchema),
    status: lit(POST_STATUSES),
    heldFor: Type.Array(Str, { description: 'screened keywords that held it (its author and moderators only)' }),
    replyCount: Type.Integer(),
    createdAt: Str,
    updatedAt: Str,
    lastActivityAt: Str,
    editedAt: Type.Union([Type.String(), Type.Null()], { description: 'when its author last changed its text; null: never edited' }),
    mentioned: Type.Array(Type.Object({ id: Str, name: Str }), { description: 'the mentioned people with their names' }),
  },
  { $id: 'CommunityPost' },
);
const Post = Type.Ref('CommunityPost');
const Mentions = Type.Optional(Type.Array(Id64, { maxItems: 50 }));
const Keyword = Type.Object({ id: Str, word: Str, createdAt: Str });
const Moderator = Type.Object({ id: Str, name: Str, since: Str });
const Space = Type.Object({
  orgId: Str,
  name: Name,
  includeSubtree: Type.Boolean({ description: 'people of the orgs below belong to the space (the default)' }),
  canModerate: Type.Boolean(),
  canManage: Type.Boolean({ description: 'may name moderators, keep the keyword list and change includeSubtree' }),
});

export const communityRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['community'];

    app.get('/api/community/profile', {
      config: { policy: 'community.use' },
      schema: { tags, summary: 'My sci-tech worker profile', response: { 200: Profile, ...errors(401) } },
      handler: (req) => service.myProfile(ctx, req.access),
    });

    app.put('/api/community/profile', {
      config: { policy: 'community.use' },
      schema: {
        tags,
        body: Type.Object(
          {
            field: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
            title: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
            languages: Type.Optional(Type.Array(lit(['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en', 'ru', 'ja'] as const), { maxItems: 6, uniqueItems: true })),
            bio: Type.Optional(Type.Union([Type.String({ maxLength: 8000 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Profile, ...errors(400, 401) },
      },
      handler: (req) => service.updateProfile(ctx, req.access, req.body, req.ip),
    });

    app.get('/api/community/people', {
      config: { policy: 'community.use' },
      schema: {
        tags,
        summary: 'The directory: sci-tech workers of my subtrees',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 64 })),
          field: Type.Optional(Type.String({ maxLength: 100 })),
          orgId: Type.Optional(Id64),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Person), total: Type.Integer() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.directory(ctx, req.access, req.query),
    });

    app.get('/api/community/people/:id', {
      config: { policy: 'community.person' },
      schema: { tags, params: IdParams, response: { 200: Person, ...errors(401, 404) } },
      handler: (req) => service.person(ctx, req.access, req.params.id),
    });

    app.get('/api/community/following', {
      config: { policy: 'community.use' },
      schema: { tags, summary: 'People I follow', response: { 200: Type.Array(Type.Object({ id: Str, name: Str, since: Str })), ...errors(401) } },
      handler: (req) => service.myFollowing(ctx, req.access),
    });

    app.put('/api/community/following/:id', {
      config: { policy: 'community.person' },
      schema: { tags, summary: 'Follow someone on my line of the tree', params: IdParams, response: { 200: Type.Object({ following: Type.Boolean() }), ...errors(400, 401, 404) } },
      handler: (req) => service.follow(ctx, req.access, req.params.id, true, req.ip),
    });

    app.delete('/api/community/following/:id', {
      config: { policy: 'community.person' },
      schema: { tags, params: IdParams, response: { 200: Type.Object({ following: Type.Boolean() }), ...errors(400, 401, 404) } },
      handler: (req) => service.follow(ctx, req.access, req.params.id, false, req.ip),
    });

    app.get('/api/community/spaces', {
      config: { policy: 'community.use' },
      schema: {
        tags,
        summary: 'The spaces on my line of the tree: my orgs and every org above them',
        response: { 200: Type.Array(Space), ...errors(401) },
      },
      handler: (req) => service.spaces(ctx, req.access),
    });

    app.get('/api/community/spaces/:orgId/people', {
      config: { policy: 'community.read' },
      schema: {
        tags,
        summary: 'People to mention in the space or name as its moderators: those of it whom I may see (my subtrees and above me)',
        params: OrgParams,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }) }),
        response: { 200: Type.Array(Type.Object({ id: Str, name: Str, org: Name })), ...errors(400, 401, 404) },
      },
      handler: (req) => service.spacePeople(ctx, req.access, req.params.orgId, req.query),
    });

    app.patch('/api/community/spaces/:orgId', {
      config: { policy: 'community.manage' },
      schema: {
        tags,
        summary: 'The org’s admins: whether the people of the orgs below belong to its space (audited)',
        params: OrgParams,
        body: Type.Object({ includeSubtree: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Space, ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.updateSpace(ctx, req.access, req.params.orgId, req.body, req.ip),
    });

    app.get('/api/community/spaces/:orgId/threads', {
      config: { policy: 'community.read' },
      schema: {
        tags,
        params: OrgParams,
        querystring: Type.Object({ category: Type.Optional(lit(POST_CATEGORIES)), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Array(Post), ...errors(400, 401, 404) },
      },
      handler: (req) => service.threads(ctx, req.access, req.params.orgId, req.query),
    });

    app.post('/api/community/spaces/:orgId/threads', {
      config: { policy: 'community.post' },
      schema: {
        tags,
        summary: 'Start a thread; a screened keyword holds it for the moderators (answered with status "held")',
        params: OrgParams,
        body: Type.Object({ category: lit(POST_CATEGORIES), title: Type.String({ minLength: 1, maxLength: 800 }), body: Type.String({ minLength: 1, maxLength: 40000 }), mentions: Mentions }, { additionalProperties: false }),
        response: { 201: Post, ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.createThread(ctx, req.access, req.params.orgId, req.body, req.ip)),
    });

    app.get('/api/community/threads/:id', {
      config: { policy: 'community.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Object({ thread: Post, replies: Type.Array(Post) }), ...errors(401, 404) } },
      handler: (req) => service.thread(ctx, req.access, req.params.id),
    });

    app.post('/api/community/threads/:id/replies', {
      config: { policy: 'community.post' },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 40000 }), mentions: Mentions }, { additionalProperties: false }),
        response: { 201: Post, ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.reply(ctx, req.access, req.params.id, req.body, req.ip)),
    });

    app.patch('/api/community/posts/:id', {
      config: { policy: 'community.post' },
      schema: {
        tags,
        summary: 'Edit my post (screened again)',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Type.String({ minLength: 1, maxLength: 800 })), body: Type.Optional(Type.String({ minLength: 1, maxLength: 40000 })) }, { additionalProperties: false }),
        response: { 200: Post, ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.editPost(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.delete('/api/community/posts/:id', {
      config: { policy: 'community.post' },
      schema: { tags, summary: 'Delete my post (it stays in place, shown as deleted)', params: IdParams, response: { 200: Post, ...errors(401, 403, 404) } },
      handler: (req) => service.deletePost(ctx, req.access, req.params.id, req.ip),
    });

    app.post('/api/community/posts/:id/attachments', {
      config: { policy: 'community.post' },
      schema: {
        tags,
        summary: 'Attach an image or file to my post (multipart field "file", judged by its content; at most 9)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: Post, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
      handler: async (req) => {
        req.access.requireUser();
        if (!req.isMultipart()) throw new AppError(415, 'upload.bad_type', { type: String(req.headers['content-type'] ?? 'none') });
        const file = await req.file();
        if (!file || file.fieldname !== 'file') throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        return service.attach(ctx, req.access, req.params.id, { filename: file.filename, stream: file.file }, req.ip);
      },
    });

    app.get('/api/community/posts/:id/attachments/:mediaId/:file', {
      config: { policy: 'community.read' },
      schema: { tags, summary: 'An attachment, for those who may read the post', params: Type.Object({ id: Id64, mediaId: Id64, file: Type.String({ maxLength: 16 }) }), response: errors(401, 404) },
      handler: async (req, reply) => {
        const f = await service.openAttachment(ctx, req.access, req.params.id, req.params.mediaId, req.params.file);
        return sendStoredFile(reply, f, 'private, no-store');
      },
    });

    app.post('/api/community/posts/:id/report', {
      config: { policy: 'community.read' },
      schema: {
        tags,
        summary: 'Report a post to the space’s moderators',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ reported: Type.Boolean() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.report(ctx, req.access, req.params.id, req.body.reason, req.ip),
    });

    app.post('/api/community/posts/:id/moderate', {
      config: { policy: 'community.moderate' },
      schema: {
        tags,
        summary: 'Moderators: hide, show, approve or reject a held post, or dismiss its reports (audited)',
        params: IdParams,
        body: Type.Object({ action: lit(['hide', 'show', 'approve', 'reject', 'dismiss'] as const) }, { additionalProperties: false }),
        response: { 200: Post, ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.moderate(ctx, req.access, req.params.id, req.body.action, req.ip),
    });

    app.get('/api/community/spaces/:orgId/moderation', {
      config: { policy: 'community.moderate' },
      schema: {
        tags,
        summary: 'What waits for the moderators: held posts and open reports',
        params: OrgParams,
        response: {
          200: Type.Object({ held: Type.Array(Post), reports: Type.Array(Type.Object({ id: Str, postId: Str, reason: Str, reporter: Str, createdAt: Str })), reported: Type.Array(Post) }),
          ...errors(401, 403, 404),
        },
      },
      handler: (req) => service.queue(ctx, req.access, req.params.orgId),
    });

    app.get('/api/community/spaces/:orgId/moderators', {
      config: { policy: 'community.read' },
      schema: { tags, params: OrgParams, response: { 200: Type.Array(Moderator), ...errors(401, 404) } },
      handler: (req) => service.moderators(ctx, req.access, req.params.orgId),
    });

    app.put('/api/community/spaces/:orgId/moderators/:userId', {
      config: { policy: 'community.manage' },
      schema: { tags, summary: 'Name a moderator of the space (the org’s admins)', params: Type.Object({ orgId: Id64, userId: Id64 }), response: { 200: Type.Array(Moderator), ...errors(400, 401, 403, 404) } },
      handler: (req) => service.setModerator(ctx, req.access, req.params.orgId, req.params.userId, true, req.ip),
    });

    app.delete('/api/community/spaces/:orgId/moderators/:userId', {
      config: { policy: 'community.manage' },
      schema: { tags, params: Type.Object({ orgId: Id64, userId: Id64 }), response: { 200: Type.Array(Moderator), ...errors(400, 401, 403, 404) } },
      handler: (req) => service.setModerator(ctx, req.access, req.params.orgId, req.params.userId, false, req.ip),
    });

    app.get('/api/community/spaces/:orgId/keywords', {
      config: { policy: 'community.manage' },
      schema: { tags, summary: 'The org’s screened keywords (they apply in its whole subtree, to posts and chat messages)', params: OrgParams, response: { 200: Type.Array(Keyword), ...errors(401, 403, 404) } },
      handler: (req) => service.keywords(ctx, req.access, req.params.orgId),
    });

    app.post('/api/community/spaces/:orgId/keywords', {
      config: { policy: 'community.manage' },
      schema: {
        tags,
        params: OrgParams,
        body: Type.Object({ words: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
        response: { 200: Type.Array(Keyword), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.addKeywords(ctx, req.access, req.params.orgId, req.body.words, req.ip),
    });

    app.delete('/api/community/keywords/:id', {
      config: { policy: 'community.manage' },
      schema: { tags, params: IdParams, response: { 200: Type.Array(Keyword), ...errors(401, 403, 404) } },
      handler: (req) => service.removeKeyword(ctx, req.access, req.params.id, req.ip),
    });
  };
