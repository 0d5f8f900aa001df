-- Case ids are keyed: an HMAC under the hub's CASE_ID_KEY (a UUIDv8), so nobody can compute a case's
-- id from its public reference. Ids minted before (UUIDv5 of public inputs), or under another key,
-- are rewritten by `arendenav db rekey-case-ids`, in one transaction, everywhere a case id is kept.

-- Which key the stored ids were minted with: a fingerprint (an HMAC of a constant), never the key.
-- One row; a hub whose key gives another fingerprint refuses to start.
CREATE TABLE IF NOT EXISTS case_id_key (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  fingerprint text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- A tombstone keeps what its case's id was minted from (all public: the source's own reference), so
-- that re-keying can move the tombstones of cases already removed too. Older tombstones have none.
ALTER TABLE case_tombstones ADD COLUMN IF NOT EXISTS municipality_code text;
ALTER TABLE case_tombstones ADD COLUMN IF NOT EXISTS source_system text;
ALTER TABLE case_tombstones ADD COLUMN IF NOT EXISTS source_id text;

-- A case's history follows its id when the id is rewritten.
ALTER TABLE case_status_history DROP CONSTRAINT IF EXISTS case_status_history_case_id_fkey;
ALTER TABLE case_status_history
  ADD CONSTRAINT case_status_history_case_id_fkey
  FOREIGN KEY (case_id) REFERENCES cases (id) ON UPDATE CASCADE ON DELETE CASCADE;

-- History and audit log stay append-only, except that the re-keying (run as the schema owner, in its
-- own transaction, with arendenav.case_rekey set) may rewrite the case ids they hold and nothing
-- else. The hub's role has no UPDATE on either table, so the setting opens nothing to it.
CREATE OR REPLACE FUNCTION case_status_history_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('arendenav.case_rekey', true) = 'on'
     AND (to_jsonb(NEW) - 'case_id') = (to_jsonb(OLD) - 'case_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_status_history is append-only';
END;
$$;

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cutoff text := current_setting('arendenav.audit_expire_before', true);
BEGIN
  IF TG_OP = 'DELETE' AND cutoff IS NOT NULL AND cutoff <> '' AND OLD.at < cutoff::timestamptz THEN
    RETURN OLD;
  END IF;
  -- `shown` lists the case ids a search showed; every other column must stay as it was.
  IF TG_OP = 'UPDATE' AND current_setting('arendenav.case_rekey', true) = 'on'
     AND (to_jsonb(NEW) - 'case_id' - 'shown') = (to_jsonb(OLD) - 'case_id' - 'shown') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
