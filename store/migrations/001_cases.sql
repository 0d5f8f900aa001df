-- Canonical cases, their append-only status history, and the indexes staff search relies on.
-- Runs on PostgreSQL 15 (servers) and PGlite (PostgreSQL 18, embedded); keep to SQL both accept.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS cases (
  id                uuid PRIMARY KEY,
  municipality_code text NOT NULL,
  domain            text NOT NULL,
  office_code       text NOT NULL,
  reference         text NOT NULL,
  -- Normalised forms (upper case, no spaces or punctuation) so "bn 2026-123" finds "BN 2026-000123"'s prefix.
  reference_key     text COLLATE "C" NOT NULL,
  property_key      text COLLATE "C",
  person_refs       text[] NOT NULL DEFAULT '{}',
  status_code       text NOT NULL,
  status_since      timestamptz NOT NULL,
  source_system     text NOT NULL,
  source_id         text NOT NULL,
  source_updated_at timestamptz NOT NULL,
  fetched_at        timestamptz NOT NULL,
  content_hash      text NOT NULL,
  -- Stored, not computed per row at query time: a free-text search over 1 M rows needs the GIN index.
  search            tsvector NOT NULL,
  doc               jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cases_source_unique UNIQUE (municipality_code, source_system, source_id)
);

CREATE INDEX IF NOT EXISTS cases_reference_key_idx ON cases (reference_key);
CREATE INDEX IF NOT EXISTS cases_property_key_idx ON cases (property_key) WHERE property_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_person_refs_idx ON cases USING gin (person_refs);
CREATE INDEX IF NOT EXISTS cases_search_idx ON cases USING gin (search);
CREATE INDEX IF NOT EXISTS cases_order_idx ON cases (source_updated_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS case_status_history (
  case_id     uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  code        text NOT NULL,
  source_code text NOT NULL,
  since       timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);

-- History is append-only: an entry, once written, is never changed.
CREATE OR REPLACE FUNCTION case_status_history_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_status_history is append-only';
END;
$$;

DROP TRIGGER IF EXISTS case_status_history_no_update ON case_status_history;
CREATE TRIGGER case_status_history_no_update
  BEFORE UPDATE ON case_status_history
  FOR EACH ROW EXECUTE FUNCTION case_status_history_immutable();
