import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The one shared filter for lists, pickers, exports and downloads: `column` (an org id) must name an
 * org inside one of the given subtrees. No prefixes match nothing: deny by default.
 */
export function orgInSubtrees(column: string, prefixes: string[]): RawBuilder<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (select o.id from orgs o where ${pathUnder('o.path', prefixes)})`;
}

/** `column` (a materialised path) lies under one of the prefixes. */
export function pathUnder(column: string, prefixes: string[]): RawBuilder<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  const parts = prefixes.map((p) => sql`${sql.ref(column)} like ${escapeLike(p) + '%'} escape '\\'`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Paths are made of UUIDs and slashes, but escape anyway so a prefix can never widen into a pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
