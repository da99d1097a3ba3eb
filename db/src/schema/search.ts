/** What search finds: the kinds of record (the GraphQL `SearchType`). */
export const SEARCH_ENTITY_TYPES = ["service", "rights_article", "vacancy"] as const;
export type SearchEntityType = (typeof SEARCH_ENTITY_TYPES)[number];

/*
 * Search itself keeps no table: each API process builds its indexes in memory from the published
 * records (api/src/search/indexes.ts) with the engine the portal uses (@start/db/search), and
 * rebuilds them when `search_changes.generation` moves on. That one-row table and the deferred
 * triggers that bump it are in migration 0006 (SQL only: drizzle's schema does not describe
 * constraint triggers).
 */
