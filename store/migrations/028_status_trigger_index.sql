-- Ingest (issue 17): the statement trigger that keeps the status copy on `cases` (027) ran its UPDATE
-- with a plan cached for the session, made while `cases` looked small: a sequential scan of every case
-- for each batch. One export file is one transaction, so each batch scanned all the cases written before
-- it (150-180 ms a batch of 1,000 at 150,000 cases): time per case grew with the file, about 11 minutes
-- for a million. The trigger touches only the cases of its statement, found by primary key: with
-- sequential scans off for the function's own statements its plan probes the index whatever the
-- statistics said when it was made.
ALTER FUNCTION case_status_current() SET enable_seqscan = off;
