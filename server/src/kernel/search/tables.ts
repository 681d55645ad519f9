import type { Generated } from 'kysely';

/**
 * One search document per resource language version. Title and body are kept (plain text, for
 * hits, snippets and rebuilding); their tokens, made in app code by @gerel/text, go straight into
 * the engine's index: SQLite's contentless FTS5 table `search_fts` (rowid = seq), PostgreSQL's
 * `tsv` column (title weight A, body weight B) with a GIN index.
 */
export interface SearchDocTable {
  /** SQLite only: the FTS5 rowid (INTEGER PRIMARY KEY, so VACUUM keeps it). */
  seq?: Generated<number>;
  /** `${resourceId}:${lang}` */
  id: string;
  resource_id: string;
  lang: string;
  org_id: string;
  kind: string;
  category: string | null;
  /** 1 when the version is published, else 0. */
  published: number;
  title: string;
  body: string;
  updated_at: string;
  /** PostgreSQL only. */
  tsv?: unknown;
}

export interface SearchTables {
  search_docs: SearchDocTable;
}
