-- A source that reads the current state of its cases (a SOAP call, a page of an API) orders two reads
-- of one case with the same source change time by when they were read (docs/connectors.md §1.2). A
-- record set aside in the quarantine keeps when it was read, so that a retry stores it as read then,
-- never as a read at the time of the retry. Null for records of sources that pass on events or files.

ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS read_at timestamptz;
