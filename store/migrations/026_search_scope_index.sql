-- Free text at 1 M cases (issue 17). The search index also holds each case's scope (municipality and
-- domain, one key) and its scope with the year of its last change (UTC), through btree_gin, so that
-- * a staff search's visibility is checked in the index, not row by row, and only cases the caller may
--   see are read (for the count, too);
-- * the newest matches are found year by year (store/case-search-index.ts): a page sorts the newest
--   years' matches, not every match.
-- One key per scope, not a column each for municipality and domain: intersecting a rare name with a
-- municipality's list of half a million cases would read all of that list.
-- It replaces the index over the words alone; a search without visibility uses this one's words.
-- PostgreSQL 15: btree_gin is a trusted extension. PGlite: its btree_gin, loaded in store/db.ts.

CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE INDEX IF NOT EXISTS cases_search_scope_idx ON cases USING gin (
  (municipality_code || ' ' || domain),
  (municipality_code || ' ' || domain || ' ' || date_part('year', source_updated_at AT TIME ZONE 'UTC')::int::text),
  search
);

DROP INDEX IF EXISTS cases_search_idx;
