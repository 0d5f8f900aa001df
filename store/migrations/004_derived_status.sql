-- One source of truth per fact (STYLE.md 11):
-- * the current status is the last entry of the append-only history; the status columns on `cases`
--   are its copy for filtering, kept by the database itself (a trigger), never written by the hub;
-- * when a case was last fetched lives in `fetched_at` only, no longer also inside `doc`;
-- * a case remembers the configured source it was synced from (`sync_source`), so a read finds that
--   source by id instead of searching the source registry.

ALTER TABLE cases ADD COLUMN IF NOT EXISTS status_source_code text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS sync_source text;
ALTER TABLE cases ALTER COLUMN status_code DROP NOT NULL;
ALTER TABLE cases ALTER COLUMN status_since DROP NOT NULL;

UPDATE cases c
   SET status_code = h.code, status_since = h.since, status_source_code = h.source_code
  FROM (SELECT DISTINCT ON (case_id) case_id, code, since, source_code
          FROM case_status_history ORDER BY case_id, seq DESC) h
 WHERE c.id = h.case_id;
UPDATE cases SET doc = (doc - 'status') #- '{source,fetchedAt}' WHERE doc ? 'status' OR doc->'source' ? 'fetchedAt';

-- Once per statement: a batch that adds many entries updates each case once, to its newest entry.
CREATE OR REPLACE FUNCTION case_status_current() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c
     SET status_code = a.code, status_since = a.since, status_source_code = a.source_code
    FROM (SELECT DISTINCT ON (case_id) case_id, code, since, source_code
            FROM added ORDER BY case_id, seq DESC) a
   WHERE c.id = a.case_id;
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS case_status_current_after_insert ON case_status_history;
CREATE TRIGGER case_status_current_after_insert
  AFTER INSERT ON case_status_history
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION case_status_current();
