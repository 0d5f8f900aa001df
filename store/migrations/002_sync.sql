-- Sync state per source (cursor, lease, counters), the quarantine of records that failed mapping,
-- and a log of runs (who ran which source when).

CREATE TABLE IF NOT EXISTS sync_sources (
  source_id        text PRIMARY KEY,
  cursor           text,
  lease_owner      text,
  lease_until      timestamptz,
  last_attempt_at  timestamptz,
  last_success_at  timestamptz,
  last_error       text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  records_in       bigint NOT NULL DEFAULT 0,
  records_failed   bigint NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A record that failed mapping waits here with its reasons until a fixed mapping maps it.
-- The payload is encrypted (AES-256-GCM) because source records hold personnummer; it is deleted
-- as soon as the record maps.
CREATE TABLE IF NOT EXISTS quarantine (
  source_id        text NOT NULL,
  source_record_id text NOT NULL,
  reasons          jsonb NOT NULL,
  payload          bytea NOT NULL,
  mapping_id       text NOT NULL,
  mapping_version  text NOT NULL,
  attempts         integer NOT NULL DEFAULT 1,
  first_seen_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, source_record_id)
);

CREATE TABLE IF NOT EXISTS sync_runs (
  id          bigserial PRIMARY KEY,
  source_id   text NOT NULL,
  owner       text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome     text,
  stored      integer NOT NULL DEFAULT 0,
  quarantined integer NOT NULL DEFAULT 0,
  units       integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sync_runs_source_idx ON sync_runs (source_id, started_at DESC);
