/** The search index (SQLite FTS5 | PostgreSQL tsvector) over tokens made by @gerel/text. */
export {
  upsertDocs,
  removeDocs,
  removeResourceDocs,
  rebuildTokens,
  search,
  type SearchDoc,
  type SearchLang,
  type SearchOptions,
  type SearchHit,
  type SearchFacets,
  type SearchResult,
} from './search.js';
export { searchMigrations } from './migrations.js';
export { toFts5Match, toTsQuery } from './query.js';
export { dialectOf, type SearchDb } from '../db/handle.js';
export type { SearchTables, SearchDocTable } from './tables.js';
