import type { Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import type { AppContext } from '../../kernel/context.js';
import { upsertDocs, type SearchDoc } from '../../kernel/search/index.js';
import type { ResourceTable, ResourceVersionTable } from './tables.js';

/** The search document of one language version: published flag, scope (org) and plain text. */
export function searchDocOf(r: ResourceTable, v: ResourceVersionTable): SearchDoc {
  return {
    id: `${r.id}:${v.lang}`,
    resourceId: r.id,
    lang: v.lang,
    orgId: r.org_id,
    kind: r.kind,
    category: r.category,
    published: v.status === 'published',
    title: v.title,
    body: [v.summary, v.body_text].filter(Boolean).join('\n'),
    updatedAt: v.published_at ?? v.updated_at,
  };
}

/** Keeps the search index in step with the resource, inside the same transaction as the change. */
export async function indexVersions(
  _ctx: AppContext,
  trx: Transaction<Database>,
  resource: ResourceTable,
  versions: ResourceVersionTable[],
): Promise<void> {
  await upsertDocs<Database>(trx, versions.map((v) => searchDocOf(resource, v)));
}
