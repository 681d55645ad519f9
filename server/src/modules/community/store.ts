import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike, pathUnder } from '../../kernel/scope/subtree.js';
import type { CommunityPostTable, CommunityProfileTable, PostCategory, PostStatus } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The users and orgs tables are read here (names, home orgs), never written. */

export async function profile(db: Q, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .leftJoin('community_profiles as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.status', 'u.org_id', 'o.path as org_path', 'o.name_zh as org_name_zh', 'o.name_mn as org_name_mn', 'p.field', 'p.title', 'p.languages_json', 'p.bio'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function upsertProfile(db: Q, row: CommunityProfileTable) {
  await db
    .insertInto('community_profiles')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ org_id: row.org_id, field: row.field, title: row.title, languages_json: row.languages_json, bio: row.bio, updated_at: row.updated_at }))
    .execute();
}

export async function grantPaths(db: Q, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('role_grants as g').innerJoin('orgs as o', 'o.id', 'g.org_id').select('o.path').where('g.user_id', '=', userId).execute();
  return rows.map((r) => r.path);
}

export interface DirectoryFilter {
  prefixes: string[];
  q?: string;
  field?: string;
}

/** People whose home org lies in the subtrees, with their profiles and follower counts (one query). */
export async function directory(db: Q, f: DirectoryFilter, viewerId: string, limit: number, offset: number) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .leftJoin('community_profiles as p', 'p.user_id', 'u.id')
    .where('u.status', '=', 'active')
    .where(pathUnder('o.path', f.prefixes));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    q = q.where(sql<SqlBool>`(u.display_name like ${pattern} escape '\\' or p.field like ${pattern} escape '\\' or p.title like ${pattern} escape '\\')`);
  }
  if (f.field) q = q.where('p.field', '=', f.field);
  const [rows, total] = await Promise.all([
    q
      .select(['u.id', 'u.display_name', 'u.org_id', 'o.name_zh as org_name_zh', 'o.name_mn as org_name_mn', 'p.field', 'p.title', 'p.languages_json', 'p.bio'])
      .select((eb) => [
        eb.selectFrom('community_follows as f').select((e) => e.fn.countAll<number>().as('n')).whereRef('f.followee_id', '=', 'u.id').as('followers'),
        eb.selectFrom('community_follows as f').select((e) => e.fn.countAll<number>().as('n')).whereRef('f.followee_id', '=', 'u.id').where('f.follower_id', '=', viewerId).as('following'),
      ])
      .orderBy('u.display_name')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * People who may be mentioned in a space and whom the caller may see: active, with a home org in
 * one of `seen` (the caller's subtrees) or at one of `above` (orgs above the caller), and belonging
 * to the space (at or above its org, or below it when `below` is given).
 */
export async function spacePeople(db: Q, f: { seen: string[]; above: string[]; spaceAbove: string[]; below: string | null; q?: string }, limit: number) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'o.name_zh as org_name_zh', 'o.name_mn as org_name_mn'])
    .where('u.status', '=', 'active')
    .where((eb) => eb.or([pathUnder('o.path', f.seen), ...(f.above.length ? [eb('o.path', 'in', f.above)] : [])]))
    .where((eb) => eb.or([eb('o.path', 'in', f.spaceAbove), ...(f.below ? [pathUnder('o.path', [f.below])] : [])]));
  if (f.q) q = q.where(sql<SqlBool>`u.display_name like ${`%${escapeLike(f.q)}%`} escape '\\'`);
  return q.orderBy('u.display_name').orderBy('u.id').limit(limit).execute();
}

export async function follow(db: Q, followerId: string, followeeId: string, at: string) {
  await db.insertInto('community_follows').values({ follower_id: followerId, followee_id: followeeId, created_at: at }).onConflict((oc) => oc.doNothing()).execute();
}

export async function unfollow(db: Q, followerId: string, followeeId: string) {
  await db.deleteFrom('community_follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).execute();
}

export async function followCounts(db: Q, userId: string, viewerId: string): Promise<{ followers: number; following: boolean }> {
  const r = await db
    .selectFrom('community_follows')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('follower_id', '=', viewerId).then(1).else(0).end()).as('mine')])
    .where('followee_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { followers: Number(r.n), following: Number(r.mine ?? 0) > 0 };
}

export async function following(db: Q, userId: string) {
  return db
    .selectFrom('community_follows as f')
    .innerJoin('users as u', 'u.id', 'f.followee_id')
    .select(['u.id', 'u.display_name', 'f.created_at'])
    .where('f.follower_id', '=', userId)
    .orderBy('f.created_at', 'desc')
    .execute();
}

export async function isModerator(db: Q, orgId: string, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('community_moderators').select('user_id').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst());
}

/** The spaces a person is a named moderator of. */
export async function moderatedBy(db: Q, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('community_moderators').select('org_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => r.org_id));
}

export async function moderators(db: Q, orgId: string) {
  return db
    .selectFrom('community_moderators as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'm.created_at'])
    .where('m.org_id', '=', orgId)
    .orderBy('u.display_name')
    .execute();
}

export async function addModerator(db: Q, orgId: string, userId: string, by: string, at: string) {
  await db.insertInto('community_moderators').values({ org_id: orgId, user_id: userId, created_by: by, created_at: at }).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeModerator(db: Q, orgId: string, userId: string) {
  await db.deleteFrom('community_moderators').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

/** Whether each space includes its subtree (spaces without a row do). */
export async function includeSubtree(db: Q, orgIds: string[]): Promise<Map<string, boolean>> {
  const out = new Map(orgIds.map((id) => [id, true]));
  if (orgIds.length === 0) return out;
  const rows = await db.selectFrom('community_spaces').select(['org_id', 'include_subtree']).where('org_id', 'in', orgIds).execute();
  for (const r of rows) out.set(r.org_id, Number(r.include_subtree) === 1);
  return out;
}

export async function setIncludeSubtree(db: Q, orgId: string, on: boolean, by: string, at: string) {
  const row = { org_id: orgId, include_subtree: on ? 1 : 0, updated_by: by, updated_at: at };
  await db
    .insertInto('community_spaces')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ include_subtree: row.include_subtree, updated_by: by, updated_at: at }))
    .execute();
}

export async function displayNames(db: Q, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function posts(db: Q) {
  return db
    .selectFrom('community_posts as p')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select(['u.display_name as author_name', 'o.path as org_path']);
}
export type PostRow = Awaited<ReturnType<ReturnType<typeof posts>['execute']>>[number];

export async function findPost(db: Q, id: string) {
  return posts(db).where('p.id', '=', id).executeTakeFirst();
}

/**
 * Threads of a space, newest activity first. Visible ones for everyone; held and hidden ones too
 * for moderators; a viewer's own held threads for the viewer.
 */
export async function threads(db: Q, orgId: string, opts: { category?: PostCategory; viewerId: string; moderator: boolean; limit: number; offset: number }) {
  let q = posts(db).where('p.org_id', '=', orgId).where('p.parent_id', 'is', null);
  if (opts.category) q = q.where('p.category', '=', opts.category);
  q = opts.moderator
    ? q.where('p.status', '!=', 'deleted')
    : q.where((eb) => eb.or([eb('p.status', '=', 'visible'), eb.and([eb('p.status', '=', 'held'), eb('p.author_id', '=', opts.viewerId)])]));
  return q.orderBy('p.last_activity_at', 'desc').orderBy('p.id').limit(opts.limit).offset(opts.offset).execute();
}

export async function replies(db: Q, threadId: string) {
  return posts(db).where('p.parent_id', '=', threadId).orderBy('p.created_at').orderBy('p.id').limit(1000).execute();
}

export async function insertPost(db: Q, row: CommunityPostTable) {
  await db.insertInto('community_posts').values(row).execute();
}

export async function updatePost(db: Q, id: string, patch: Partial<CommunityPostTable>) {
  await db.updateTable('community_posts').set(patch).where('id', '=', id).execute();
}

export async function bumpThread(db: Q, id: string, at: string) {
  await db
    .updateTable('community_posts')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1), last_activity_at: at }))
    .where('id', '=', id)
    .execute();
}

export async function insertReport(db: Q, row: Database['community_reports']) {
  await db.insertInto('community_reports').values(row).execute();
}

export async function resolveReports(db: Q, postId: string, by: string, at: string) {
  await db.updateTable('community_reports').set({ status: 'resolved', resolved_by: by, resolved_at: at }).where('post_id', '=', postId).where('status', '=', 'open').execute();
}

/** What waits for a space's moderators: held posts and posts with open reports. */
export async function queue(db: Q, orgId: string) {
  const [held, reports] = await Promise.all([
    posts(db).where('p.org_id', '=', orgId).where('p.status', '=', 'held').orderBy('p.created_at').limit(500).execute(),
    db
      .selectFrom('community_reports as r')
      .innerJoin('users as u', 'u.id', 'r.reporter_id')
      .select(['r.id', 'r.post_id', 'r.reason', 'r.created_at', 'u.display_name as reporter_name'])
      .where('r.org_id', '=', orgId)
      .where('r.status', '=', 'open')
      .orderBy('r.created_at')
      .limit(500)
      .execute(),
  ]);
  const reported = reports.length ? await posts(db).where('p.id', 'in', [...new Set(reports.map((r) => r.post_id))]).execute() : [];
  return { held, reports, reported };
}

export async function keywordsFor(db: Q, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db.selectFrom('moderation_keywords').select(['id', 'org_id', 'word']).where('org_id', 'in', orgIds).execute();
}

export async function keywordsOf(db: Q, orgId: string) {
  return db.selectFrom('moderation_keywords').selectAll().where('org_id', '=', orgId).orderBy('word').execute();
}

export async function insertKeyword(db: Q, row: Database['moderation_keywords']) {
  await db.insertInto('moderation_keywords').values(row).onConflict((oc) => oc.doNothing()).execute();
}

export async function findKeyword(db: Q, id: string) {
  return db.selectFrom('moderation_keywords as k').innerJoin('orgs as o', 'o.id', 'k.org_id').selectAll('k').select('o.path as org_path').where('k.id', '=', id).executeTakeFirst();
}

export async function deleteKeyword(db: Q, id: string) {
  await db.deleteFrom('moderation_keywords').where('id', '=', id).execute();
}

export async function usersByIds(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.org_id').select(['u.id', 'u.status', 'o.path as org_path']).where('u.id', 'in', ids).execute();
}

export type { PostStatus };
