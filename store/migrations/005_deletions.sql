-- Deletions in a source (gallring, makulering) reach the hub: the case and its history are removed,
-- and a tombstone keeps the time of the deletion so that older data arriving later (a redelivered
-- event, a replayed page) never brings the case back. The tombstone holds no case contents.

CREATE TABLE IF NOT EXISTS case_tombstones (
  case_id           uuid PRIMARY KEY,
  source_deleted_at timestamptz NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
