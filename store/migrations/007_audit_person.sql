-- The audit log answers a citizen's questions: who searched for me, who read my cases, and who was
-- refused. A search by personnummer, and every read of a case, keep the person references involved
-- (keyed pseudonyms, never the number); a refusal keeps the route it was refused on.

ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS person_refs text[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS route text;

-- "Who looked at this person?": by the references an entry names, and by the case ids it lists.
CREATE INDEX IF NOT EXISTS audit_log_person_refs_idx ON audit_log USING gin (person_refs)
  WHERE cardinality(person_refs) > 0;
CREATE INDEX IF NOT EXISTS audit_log_shown_idx ON audit_log USING gin (shown)
  WHERE action IN ('case.search', 'me.list');
