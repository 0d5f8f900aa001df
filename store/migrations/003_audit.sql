-- Who read what: every staff and citizen read of case data, written in the same request.
-- Append-only: no row is ever changed or removed by the hub.

CREATE TABLE IF NOT EXISTS audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  subject      text NOT NULL,
  role         text NOT NULL,
  action       text NOT NULL,
  case_id      uuid,
  shown        text[] NOT NULL DEFAULT '{}',
  masked       text[] NOT NULL DEFAULT '{}',
  query_kind   text,
  result_count integer,
  request_id   text NOT NULL,
  purpose      text
);
CREATE INDEX IF NOT EXISTS audit_log_case_idx ON audit_log (case_id, at DESC) WHERE case_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_log_subject_idx ON audit_log (subject, at DESC);

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log;
CREATE TRIGGER audit_log_no_change
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
