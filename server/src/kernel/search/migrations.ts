import { sql, type Kysely } from 'kysely';
import type { Migrations } from '../db/migrate.js';
import { dialectOf } from '../db/handle.js';

/**
 * The search index. Register in server/src/migrations.ts (after the kernel's). Both engines get
 * `search_docs` (the documents, plain text); the tokens live only in the engine's index: on SQLite
 * the contentless FTS5 table `search_fts` (rowid = search_docs.seq; a trigger removes its row when
 * the document goes, needs SQLite ≥ 3.43), on PostgreSQL the `tsv` column (`tsvector('simple')`,
 * title weight A, body weight B) with a GIN index.
 */
export const searchMigrations: Migrations = {
  '20261128_1200_search': {
    async up(db: Kysely<unknown>) {
      const sqlite = dialectOf(db) === 'sqlite';
      let table = db.schema.createTable('search_docs');
      table = sqlite
        ? table.addColumn('seq', 'integer', (c) => c.primaryKey()).addColumn('id', 'varchar(80)', (c) => c.notNull().unique())
        : table.addColumn('id', 'varchar(80)', (c) => c.primaryKey());
      table = table
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('lang', 'varchar(16)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('category', 'varchar(64)')
        .addColumn('published', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull());
      if (!sqlite) table = table.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
      await table.execute();
      await db.schema.createIndex('search_docs_resource').on('search_docs').column('resource_id').execute();
      if (sqlite) {
        await sql`create virtual table search_fts using fts5(title, body, content='', contentless_delete=1, tokenize='unicode61')`.execute(db);
        await sql`create trigger search_docs_ad after delete on search_docs begin
          delete from search_fts where rowid = old.seq;
        end`.execute(db);
      } else {
        await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      if (dialectOf(db) === 'sqlite') await sql`drop table if exists search_fts`.execute(db);
      await db.schema.dropTable('search_docs').ifExists().execute();
    },
  },
};
