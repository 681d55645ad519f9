import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike } from '../../kernel/scope/subtree.js';
import type { ChatConversationTable, ChatMemberTable, ChatMessageTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The users, role_grants and orgs tables are read here, never written: membership of an org channel
 * is who holds a role on the org, and messages show their sender's name.
 */

export async function findConversation(db: Q, id: string) {
  return db
    .selectFrom('chat_conversations as c')
    .innerJoin('orgs', 'orgs.id', 'c.org_id')
    .selectAll('c')
    .select('orgs.path as org_path')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function findByUniqueKeys(db: Q, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('chat_conversations as c')
    .innerJoin('orgs', 'orgs.id', 'c.org_id')
    .selectAll('c')
    .select('orgs.path as org_path')
    .where('c.unique_key', 'in', keys)
    .execute();
}

/** Inserts unless a conversation with the same unique key exists (two processes creating one org channel at once). */
export async function insertConversation(db: Q, row: ChatConversationTable) {
  await db.insertInto('chat_conversations').values(row).onConflict((oc) => oc.doNothing()).execute();
}

export async function updateConversation(db: Q, id: string, patch: Partial<ChatConversationTable>) {
  await db.updateTable('chat_conversations').set(patch).where('id', '=', id).execute();
}

export async function memberRow(db: Q, conversationId: string, userId: string) {
  return db.selectFrom('chat_members').selectAll().where('conversation_id', '=', conversationId).where('user_id', '=', userId).executeTakeFirst();
}

/** Which of these conversations the user has a membership row in (any status). */
export async function memberships(db: Q, userId: string, conversationIds: string[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db.selectFrom('chat_members').select('conversation_id').where('user_id', '=', userId).where('conversation_id', 'in', conversationIds).execute();
  return rows.map((r) => r.conversation_id);
}

export async function insertMembers(db: Q, rows: ChatMemberTable[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto('chat_members').values(rows.slice(i, i + 200)).onConflict((oc) => oc.doNothing()).execute();
  }
}

export async function setMember(db: Q, conversationId: string, userId: string, patch: Partial<ChatMemberTable>) {
  await db.updateTable('chat_members').set(patch).where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
}

/** Read state only moves forward. */
export async function advanceRead(db: Q, conversationId: string, userId: string, seq: number) {
  await db
    .updateTable('chat_members')
    .set({ last_read_seq: seq })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where('last_read_seq', '<', seq)
    .execute();
}

/** The caller's conversations (not removed) with unread counts and the last message, in one query. */
export async function conversationsOf(db: Q, userId: string) {
  return db
    .selectFrom('chat_members as m')
    .innerJoin('chat_conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('orgs', 'orgs.id', 'c.org_id')
    .leftJoin('chat_messages as last', (j) => j.onRef('last.conversation_id', '=', 'c.id').onRef('last.seq', '=', 'c.last_seq'))
    .leftJoin('users as sender', 'sender.id', 'last.sender_id')
    .selectAll('c')
    .select([
      'orgs.path as org_path',
      'orgs.name_zh as org_name_zh',
      'orgs.name_mn as org_name_mn',
      'm.role as member_role',
      'm.status as member_status',
      'm.last_read_seq',
      'last.body as last_body',
      'last.status as last_status',
      'last.created_at as last_at',
      'sender.display_name as last_sender',
    ])
    .where('m.user_id', '=', userId)
    .where('m.status', '!=', 'removed')
    .orderBy('c.updated_at', 'desc')
    .execute();
}

/** Direct conversations' other party, for titles. */
export async function otherParties(db: Q, conversationIds: string[], userId: string) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('chat_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.conversation_id', 'u.id', 'u.display_name'])
    .where('m.conversation_id', 'in', conversationIds)
    .where('m.user_id', '!=', userId)
    .execute();
}

/** Org channels of these orgs that exist. */
export async function orgChannels(db: Q, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('chat_conversations as c')
    .innerJoin('orgs', 'orgs.id', 'c.org_id')
    .selectAll('c')
    .select('orgs.path as org_path')
    .where('c.kind', '=', 'org')
    .where('c.org_id', 'in', orgIds)
    .execute();
}

/**
 * Hands out the next message number and revision: the row lock (PostgreSQL) or the write lock (SQLite)
 * orders concurrent writers, so numbers are committed in the order they are handed out.
 */
export async function nextSeq(trx: Transaction<Database>, conversationId: string, at: string): Promise<{ seq: number; rev: number }> {
  const r = await trx
    .updateTable('chat_conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_rev: eb('last_rev', '+', 1), updated_at: at }))
    .where('id', '=', conversationId)
    .returning(['last_seq', 'last_rev'])
    .executeTakeFirstOrThrow();
  return { seq: Number(r.last_seq), rev: Number(r.last_rev) };
}

/** The next revision, for an edit, delete or review (same lock as nextSeq). */
export async function nextRev(trx: Transaction<Database>, conversationId: string): Promise<number> {
  const r = await trx
    .updateTable('chat_conversations')
    .set((eb) => ({ last_rev: eb('last_rev', '+', 1) }))
    .where('id', '=', conversationId)
    .returning('last_rev')
    .executeTakeFirstOrThrow();
  return Number(r.last_rev);
}

export async function insertMessage(db: Q, row: ChatMessageTable) {
  await db.insertInto('chat_messages').values(row).execute();
}

export async function updateMessage(db: Q, conversationId: string, seq: number, patch: Partial<ChatMessageTable>) {
  await db.updateTable('chat_messages').set(patch).where('conversation_id', '=', conversationId).where('seq', '=', seq).execute();
}

function messages(db: Q) {
  return db
    .selectFrom('chat_messages as msg')
    .innerJoin('users as u', 'u.id', 'msg.sender_id')
    .selectAll('msg')
    .select('u.display_name as sender_name');
}
export type MessageRow = Awaited<ReturnType<ReturnType<typeof messages>['execute']>>[number];

export async function findMessage(db: Q, conversationId: string, seq: number) {
  return messages(db).where('msg.conversation_id', '=', conversationId).where('msg.seq', '=', seq).executeTakeFirst();
}

/** Messages after `after`, oldest first (up to `upTo` when given). */
export async function messagesAfter(db: Q, conversationId: string, after: number, limit: number, upTo?: number) {
  let q = messages(db).where('msg.conversation_id', '=', conversationId).where('msg.seq', '>', after);
  if (upTo !== undefined) q = q.where('msg.seq', '<=', upTo);
  return q.orderBy('msg.seq').limit(limit).execute();
}

/** Messages whose revision is after `since` (new, edited, deleted or reviewed since), in revision order. */
export async function changesSince(db: Q, conversationId: string, since: number, limit: number) {
  return messages(db).where('msg.conversation_id', '=', conversationId).where('msg.rev', '>', since).orderBy('msg.rev').limit(limit).execute();
}

/** The latest messages before `before` (or the latest of all), oldest first. */
export async function messagesBefore(db: Q, conversationId: string, before: number | undefined, limit: number) {
  let q = messages(db).where('msg.conversation_id', '=', conversationId);
  if (before !== undefined) q = q.where('msg.seq', '<', before);
  const rows = await q.orderBy('msg.seq', 'desc').limit(limit).execute();
  return rows.reverse();
}

export async function heldMessages(db: Q, conversationId: string) {
  return messages(db).where('msg.conversation_id', '=', conversationId).where('msg.status', '=', 'held').orderBy('msg.seq').limit(500).execute();
}

export async function countSince(db: Q, senderId: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', senderId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A message of this conversation that carries this media id. */
export async function messageWithAttachment(db: Q, conversationId: string, mediaId: string) {
  return db
    .selectFrom('chat_messages')
    .select(['seq', 'status'])
    .where('conversation_id', '=', conversationId)
    .where(sql<SqlBool>`attachments_json like ${'%' + escapeLike(mediaId) + '%'} escape '\\'`)
    .executeTakeFirst();
}

/**
 * Visible messages whose tokens match every group (a group: any of its alternatives; an alternative:
 * all of its tokens), in these conversations, newest first. Tokens are stored space-padded, so
 * ` tok ` matches whole tokens only.
 */
export async function searchMessages(db: Q, conversationIds: string[], groups: string[][][], limit: number) {
  if (conversationIds.length === 0 || groups.length === 0) return [];
  const has = (tok: string) => sql<SqlBool>`msg.tokens like ${'% ' + escapeLike(tok) + ' %'} escape '\\'`;
  const conds = groups.map((g) => sql<SqlBool>`(${sql.join(g.map((alt) => sql`(${sql.join(alt.map(has), sql` and `)})`), sql` or `)})`);
  return messages(db)
    .where('msg.conversation_id', 'in', conversationIds)
    .where('msg.status', '=', 'visible')
    .where(sql<SqlBool>`${sql.join(conds, sql` and `)}`)
    .orderBy('msg.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function membersOf(db: Q, conversationId: string) {
  return db
    .selectFrom('chat_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'm.role', 'm.status', 'm.last_read_seq'])
    .where('m.conversation_id', '=', conversationId)
    .where('m.status', '!=', 'removed')
    .orderBy('u.display_name')
    .execute();
}

/** Who belongs to an org channel: active users with a role on the org (or, with the subtree, below it). */
export async function orgChannelPeople(db: Q, orgId: string, orgPath: string, includeSubtree: boolean) {
  let q = db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('u.status', '=', 'active');
  q = includeSubtree ? q.where(sql<SqlBool>`o.path like ${escapeLike(orgPath) + '%'} escape '\\'`) : q.where('g.org_id', '=', orgId);
  return q.orderBy('u.display_name').limit(5000).execute();
}

/** Users with their home org path and grant paths (for who may be added or messaged). */
export async function usersWithPaths(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  const [users, grants] = await Promise.all([
    db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.display_name', 'u.status', 'u.org_id', 'o.path as org_path'])
      .where('u.id', 'in', ids)
      .execute(),
    db.selectFrom('role_grants as g').innerJoin('orgs as o', 'o.id', 'g.org_id').select(['g.user_id', 'o.path']).where('g.user_id', 'in', ids).execute(),
  ]);
  return users.map((u) => ({ ...u, grantPaths: grants.filter((g) => g.user_id === u.id).map((g) => g.path) }));
}

/** People whose home org lies in the given subtrees, by name (for pickers). */
export async function usersUnder(db: Q, prefixes: string[], q: string | undefined, limit: number) {
  if (prefixes.length === 0) return [];
  const under = sql.join(prefixes.map((p) => sql`o.path like ${escapeLike(p) + '%'} escape '\\'`), sql` or `);
  let query = db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'o.name_zh as org_name_zh', 'o.name_mn as org_name_mn'])
    .where('u.status', '=', 'active')
    .where(sql<SqlBool>`(${under})`);
  if (q) query = query.where(sql<SqlBool>`(u.display_name like ${'%' + escapeLike(q) + '%'} escape '\\' or u.username like ${'%' + escapeLike(q) + '%'} escape '\\')`);
  return query.orderBy('u.display_name').limit(limit).execute();
}
