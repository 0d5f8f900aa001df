-- Ingest (issue 17): a case row is written once per batch, not twice. The status columns on `cases`
-- stay the database's copy of the newest history entry (004_derived_status.sql), but the writer now
-- fills them with that same entry as it writes the row, so the trigger only corrects a row whose
-- copy differs (a writer that raced another, or one that left them out). Before, every new or
-- re-statused case was written a second time by the trigger, with a new entry in each of its indexes.
CREATE OR REPLACE FUNCTION case_status_current() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c
     SET status_code = a.code, status_since = a.since, status_source_code = a.source_code
    FROM (SELECT DISTINCT ON (case_id) case_id, code, since, source_code
            FROM added ORDER BY case_id, seq DESC) a
   WHERE c.id = a.case_id
     AND (c.status_code, c.status_since, c.status_source_code)
         IS DISTINCT FROM (a.code, a.since, a.source_code);
  RETURN NULL;
END;
$$;
