-- Ingest (issue 17): the status copy's statement trigger (027) does work bounded by its own statement's
-- history rows, whatever plan the session keeps for it. With sequential scans off (028) its cached plan,
-- made while `cases` held an export file's first batch, still joined by walking the whole primary key
-- in order (a merge join): the same growth per batch, about 175 ms a batch at 400,000 cases of one
-- file. The cases to touch are now collected first and looked up by key (`id = ANY`), so every plan
-- the planner can make for it reads only those.
CREATE OR REPLACE FUNCTION case_status_current() RETURNS trigger
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT case_id) INTO touched FROM added;
  UPDATE cases c
     SET status_code = a.code, status_since = a.since, status_source_code = a.source_code
    FROM (SELECT DISTINCT ON (case_id) case_id, code, since, source_code
            FROM added ORDER BY case_id, seq DESC) a
   WHERE c.id = ANY (touched)
     AND c.id = a.case_id
     AND (c.status_code, c.status_since, c.status_source_code)
         IS DISTINCT FROM (a.code, a.since, a.source_code);
  RETURN NULL;
END;
$$;
