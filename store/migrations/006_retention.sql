-- Retention (gallring enligt dokumenthanteringsplanen): the audit log stays append-only for everyone,
-- except that entries older than the retention period may be removed, and only through
-- audit_log_expire(), which runs as the schema owner. The hub's role may call it, but never DELETE.

-- The guard now lets a DELETE through only for rows older than the cut-off that audit_log_expire()
-- sets for its own transaction. A role without DELETE on the table cannot get that far at all; the
-- owner could always disable the trigger, so the setting opens nothing new to it.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cutoff text := current_setting('arendenav.audit_expire_before', true);
BEGIN
  IF TG_OP = 'DELETE' AND cutoff IS NOT NULL AND cutoff <> '' AND OLD.at < cutoff::timestamptz THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

-- Removes at most max_rows entries older than keep_days (oldest first) and returns how many. The
-- floor of 180 days stops a hub whose database role was taken over from wiping recent history.
CREATE OR REPLACE FUNCTION audit_log_expire(keep_days integer, max_rows integer) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  cutoff timestamptz;
  removed bigint;
BEGIN
  IF keep_days IS NULL OR keep_days < 180 THEN
    RAISE EXCEPTION 'audit entries are kept at least 180 days (asked: %)', keep_days;
  END IF;
  IF max_rows IS NULL OR max_rows < 1 THEN
    RAISE EXCEPTION 'max_rows must be positive';
  END IF;
  cutoff := now() - make_interval(days => keep_days);
  PERFORM set_config('arendenav.audit_expire_before', cutoff::text, true);
  DELETE FROM audit_log WHERE id IN (
    SELECT id FROM audit_log WHERE at < cutoff ORDER BY id LIMIT max_rows
  );
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('arendenav.audit_expire_before', '', true);
  RETURN removed;
END;
$$;

-- Functions are executable by PUBLIC unless revoked; only roles granted it (grant-app-role) may call it.
REVOKE ALL ON FUNCTION audit_log_expire(integer, integer) FROM PUBLIC;

-- The retention job finds quarantine entries by age.
CREATE INDEX IF NOT EXISTS quarantine_first_seen_idx ON quarantine (first_seen_at);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at);
