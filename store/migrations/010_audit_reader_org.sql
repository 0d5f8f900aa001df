-- "Who read my case?" for the citizen: which organisation's staff read it. Each entry keeps the
-- reader's municipality (kommunkod) and office or unit, as the sign-in said at the time of the read,
-- so the answer does not change when a person later moves to another office. NULL for citizens,
-- refusals without a principal, and entries written before this migration.

ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS municipality text;
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS office text;
