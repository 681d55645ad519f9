import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { Lang } from '../content/tables.js';
import type { TaskStatus, TranslationTaskTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function listTasks(db: Q, f: { prefixes: string[]; status?: TaskStatus; assigneeId?: string }, limit: number, offset: number) {
  let q = db.selectFrom('translation_tasks').innerJoin('users', 'users.id', 'translation_tasks.assignee_id').where(orgInSubtrees('translation_tasks.org_id', f.prefixes));
  if (f.status) q = q.where('translation_tasks.status', '=', f.status);
  if (f.assigneeId) q = q.where('translation_tasks.assignee_id', '=', f.assigneeId);
  const [rows, total] = await Promise.all([
    q.selectAll('translation_tasks').select('users.display_name as assignee_name').orderBy('translation_tasks.updated_at', 'desc').orderBy('translation_tasks.id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findTask(db: Q, id: string) {
  return db
    .selectFrom('translation_tasks')
    .innerJoin('orgs', 'orgs.id', 'translation_tasks.org_id')
    .innerJoin('users', 'users.id', 'translation_tasks.assignee_id')
    .selectAll('translation_tasks')
    .select(['orgs.path as org_path', 'users.display_name as assignee_name'])
    .where('translation_tasks.id', '=', id)
    .executeTakeFirst();
}

/** An open task (not done, not cancelled) for this resource and target language. */
export async function openTaskFor(db: Q, resourceId: string, targetLang: Lang) {
  return db
    .selectFrom('translation_tasks')
    .select('id')
    .where('resource_id', '=', resourceId)
    .where('target_lang', '=', targetLang)
    .where('status', 'in', ['assigned', 'in_review'])
    .executeTakeFirst();
}

export async function insertTask(db: Q, row: TranslationTaskTable) {
  await db.insertInto('translation_tasks').values(row).execute();
}

export async function updateTask(db: Q, id: string, patch: Partial<TranslationTaskTable>) {
  await db.updateTable('translation_tasks').set(patch).where('id', '=', id).execute();
}
