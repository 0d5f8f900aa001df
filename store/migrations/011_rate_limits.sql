-- Rate-limit counters shared by every hub instance on one database, so a limit holds for the whole
-- service and not once per process. One row per limit key and fixed window; the key is stored only
-- as a keyed hash (it names a person's subject or a client address), and rows live two windows.
CREATE TABLE rate_limit_hits (
  key_hash     bytea       NOT NULL,
  window_start timestamptz NOT NULL,
  hits         integer     NOT NULL DEFAULT 1,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (key_hash, window_start)
);
CREATE INDEX rate_limit_hits_expires ON rate_limit_hits (expires_at);
