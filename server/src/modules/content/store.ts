import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type {
  Kind,
  Lang,
  ResourceCommentTable,
  ResourceOutletTable,
  ResourceRevisionTable,
  ResourceTable,
  ResourceVersionTable,
  Status,
} from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertResource(db: Q, row: ResourceTable) {
  await db.insertInto('resources').values(row).execute();
}

export async function updateResource(db: Q, id: string, patch: Partial<ResourceTable>) {
  await db.updateTable('resources').set(patch).where('id', '=', id).execute();
}

export async function findResource(db: Q, id: string) {
  return db
    .selectFrom('resources')
    .innerJoin('orgs', 'orgs.id', 'resources.org_id')
    .selectAll('resources')
    .select('orgs.path as org_path')
    .where('resources.id', '=', id)
    .executeTakeFirst();
}

export async function insertVersion(db: Q, row: ResourceVersionTable) {
  await db.insertInto('resource_versions').values(row).execute();
}

/** Versions of many resources in one query (lists never query per row). */
export async function versionsOf(db: Q, resourceIds: string[], publishedOnly = false): Promise<ResourceVersionTable[]> {
  if (resourceIds.length === 0) return [];
  let q = db.selectFrom('resource_versions').selectAll().where('resource_id', 'in', resourceIds);
  if (publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('created_at').execute();
}

export async function findVersion(db: Q, resourceId: string, lang: Lang) {
  return db.selectFrom('resource_versions').selectAll().where('resource_id', '=', resourceId).where('lang', '=', lang).executeTakeFirst();
}

/**
 * Updates a version only if it is still at `expectedRevision` (optimistic concurrency: two editors
 * saving the same base cannot both win). Returns whether the row changed.
 */
export async function updateVersionAt(db: Q, id: string, expectedRevision: number, patch: Partial<ResourceVersionTable>): Promise<boolean> {
  const r = await db.updateTable('resource_versions').set(patch).where('id', '=', id).where('revision', '=', expectedRevision).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a version's status only from `from` (so concurrent transitions and schedulers cannot both apply). */
export async function moveStatus(db: Q, id: string, from: Status, patch: Partial<ResourceVersionTable>): Promise<boolean> {
  const r = await db.updateTable('resource_versions').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRevision(db: Q, row: ResourceRevisionTable) {
  await db.insertInto('resource_revisions').values(row).execute();
}

export async function listRevisions(db: Q, versionId: string) {
  return db
    .selectFrom('resource_revisions')
    .select(['n', 'title', 'author_id', 'created_at'])
    .where('version_id', '=', versionId)
    .orderBy('n', 'desc')
    .execute();
}

export async function findRevision(db: Q, versionId: string, n: number): Promise<ResourceRevisionTable | undefined> {
  return db.selectFrom('resource_revisions').selectAll().where('version_id', '=', versionId).where('n', '=', n).executeTakeFirst();
}

export interface ListFilter {
  orgPrefixes: string[];
  status?: Status;
  lang?: Lang;
  kind?: Kind;
}

/** Resources in scope (newest first) with the total, in two queries. */
export async function listResources(db: Q, f: ListFilter, limit: number, offset: number) {
  let q = db.selectFrom('resources').where(orgInSubtrees('resources.org_id', f.orgPrefixes));
  if (f.kind) q = q.where('resources.kind', '=', f.kind);
  if (f.status || f.lang) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('resource_versions as v')
          .select('v.id')
          .whereRef('v.resource_id', '=', 'resources.id')
          .$if(!!f.status, (s) => s.where('v.status', '=', f.status!))
          .$if(!!f.lang, (s) => s.where('v.lang', '=', f.lang!)),
      ),
    );
  }
  const [rows, total] = await Promise.all([
    q.selectAll('resources').orderBy('resources.updated_at', 'desc').orderBy('resources.id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function listComments(db: Q, versionId: string) {
  return db
    .selectFrom('resource_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.author_id', 'u.display_name', 'c.body', 'c.created_at'])
    .where('c.version_id', '=', versionId)
    .orderBy('c.created_at')
    .execute();
}

export async function insertComment(db: Q, row: ResourceCommentTable) {
  await db.insertInto('resource_comments').values(row).execute();
}

export async function insertOutlets(db: Q, rows: ResourceOutletTable[]) {
  if (rows.length) await db.insertInto('resource_outlets').values(rows).execute();
}

export async function listOutlets(db: Q, resourceId: string) {
  return db.selectFrom('resource_outlets').selectAll().where('resource_id', '=', resourceId).orderBy('at').execute();
}

/** Approved versions whose scheduled time has come. */
export async function dueVersions(db: Q, now: string) {
  return db
    .selectFrom('resource_versions as v')
    .innerJoin('resources as r', 'r.id', 'v.resource_id')
    .select(['v.id', 'v.resource_id', 'v.lang', 'v.publish_at', 'r.org_id'])
    .where('v.status', '=', 'approved')
    .where('v.publish_at', 'is not', null)
    .where('v.publish_at', '<=', now)
    .execute();
}

/** Published versions, newest first, for feeds, the portal and the app API. */
export async function latestPublished(db: Q, opts: { lang?: Lang; category?: string; limit: number; offset: number }) {
  let q = db
    .selectFrom('resource_versions as v')
    .innerJoin('resources as r', 'r.id', 'v.resource_id')
    .select(['v.resource_id', 'v.lang', 'v.title', 'v.summary', 'v.body_text', 'v.published_at', 'r.kind', 'r.category', 'r.cover_url', 'r.org_id'])
    .where('v.status', '=', 'published');
  if (opts.lang) q = q.where('v.lang', '=', opts.lang);
  if (opts.category) q = q.where('r.category', '=', opts.category);
  return q.orderBy('v.published_at', 'desc').orderBy('v.id').limit(opts.limit).offset(opts.offset).execute();
}

/** Bodies of many published versions in one query, keyed `${resourceId}:${lang}`. */
export async function publishedBodies(db: Q, keys: { resourceId: string; lang: Lang }[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('resource_versions')
    .select(['resource_id', 'lang', 'body_html'])
    .where('status', '=', 'published')
    .where('resource_id', 'in', [...new Set(keys.map((k) => k.resourceId))])
    .execute();
  return new Map(rows.map((r) => [`${r.resource_id}:${r.lang}`, r.body_html]));
}

/** Org and publication state of many resources, one query. */
export async function resourceStates(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('resources as r')
    .select(['r.id', 'r.org_id'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('resource_versions as v').select('v.id').whereRef('v.resource_id', '=', 'r.id').where('v.status', '=', 'published'))
        .as('published'),
    )
    .where('r.id', 'in', ids)
    .execute();
}
