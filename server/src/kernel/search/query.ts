import type { TokenGroup } from '@gerel/text';

/** An FTS5 string literal: double quotes, inner quotes doubled (so no token is ever read as syntax). */
function ftsString(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** A tsquery lexeme: single quotes, inner quotes doubled and backslashes escaped. */
function tsLexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function build(groups: TokenGroup[], quote: (t: string) => string, and: string, or: string): string {
  return groups
    .map((g) => `(${g.map((alt) => `(${alt.map(quote).join(and)})`).join(or)})`)
    .join(and);
}

/**
 * The FTS5 MATCH expression for token groups: groups joined by AND, a group's alternatives by OR,
 * an alternative's tokens by AND, every token a quoted string. Empty for no groups (do not query).
 *
 * @example
 * toFts5Match([[['akp'], ['pkp']]]) // => '(("akp") OR ("pkp"))'
 */
export function toFts5Match(groups: TokenGroup[]): string {
  return build(groups, ftsString, ' AND ', ' OR ');
}

/**
 * The same as a PostgreSQL tsquery for `to_tsquery('simple', …)`: `&`, `|`, quoted lexemes.
 *
 * @example
 * toTsQuery([[['akp'], ['pkp']]]) // => "(('akp') | ('pkp'))"
 */
export function toTsQuery(groups: TokenGroup[]): string {
  return build(groups, tsLexeme, ' & ', ' | ');
}
