import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from './handle.js';

/**
 * Multi-row INSERT for hot paths (event ingestion, seeding): the SQL text is built once per
 * (table, columns, row count, tail) and cached; values go as plain parameters. Kysely's builder
 * would construct and compile an expression tree of every value on every call.
 * `tail` is dialect-neutral SQL after VALUES (ON CONFLICT … / RETURNING …), written by the caller.
 */
export async function bulkInsert<R, DB = unknown>(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<R[]> {
  if (rows.length === 0) return [];
  const pg = dialectOf(db) === 'postgres';
  const key = `${pg ? 'pg' : 'sq'}|${table}|${columns.join(',')}|${rows.length}|${tail}`;
  let text = cache.get(key);
  if (!text) {
    let p = 0;
    const tuple = () => `(${columns.map(() => (pg ? `$${++p}` : '?')).join(',')})`;
    text = `insert into ${table} (${columns.join(',')}) values ${rows.map(tuple).join(',')} ${tail}`;
    if (cache.size > 500) cache.clear();
    cache.set(key, text);
  }
  const params: unknown[] = [];
  for (const r of rows) for (const v of r) params.push(v);
  const res = await db.executeQuery<R>(CompiledQuery.raw(text, params));
  return res.rows;
}

const cache = new Map<string, string>();
