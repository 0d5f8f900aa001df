-- Events out (issue 15): a transactional outbox. Every change of a case that matters to someone
-- outside (its status, who holds the ball, its deadline, its documents; a case appearing or being
-- removed; a deadline passing) is written here in the same transaction as the case, so none is lost.
-- An event is thin: ids and what changed, never personal data or case contents.
CREATE TABLE case_events (
  -- The order events are delivered in: per case, the order they were committed in (the case's row
  -- lock serialises its writers).
  position bigserial PRIMARY KEY,
  -- The CloudEvents id, and the receivers' idempotency key.
  id uuid NOT NULL UNIQUE,
  case_id uuid NOT NULL,
  municipality_code text NOT NULL,
  domain text NOT NULL,
  type text NOT NULL CHECK (type IN ('created', 'updated', 'deleted', 'deadline_passed')),
  changed text[] NOT NULL,
  data jsonb NOT NULL,
  -- When the change happened in the source (or, for a deadline passing, the day it passed).
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- Events a job may try to write more than once (a deadline passing) carry a key that makes the
  -- second write nothing.
  dedupe_key text UNIQUE
);
CREATE INDEX case_events_case ON case_events (case_id, position);
CREATE INDEX case_events_recorded ON case_events (recorded_at);

-- Who receives events: the RabbitMQ exchange, the citizen notifier and webhooks registered by admins.
CREATE TABLE event_subscriptions (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('amqp', 'webhook', 'notifications')),
  -- The municipalities whose cases' events it receives; NULL only for the hub's own built-in receivers.
  municipality_codes text[],
  -- The event types it receives; NULL for all.
  types text[],
  -- A webhook's address and its signing secret (sealed); who to tell when a delivery dead-letters.
  url text,
  secret_sealed text,
  alert_email text,
  description text,
  max_attempts integer NOT NULL DEFAULT 12 CHECK (max_attempts BETWEEN 1 AND 100),
  active boolean NOT NULL DEFAULT true,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'webhook' OR (url IS NOT NULL AND secret_sealed IS NOT NULL AND municipality_codes IS NOT NULL))
);

-- One row per event and receiver: pending until delivered, or dead after the receiver's attempts.
CREATE TABLE event_deliveries (
  subscription_id text NOT NULL REFERENCES event_subscriptions (id) ON DELETE CASCADE,
  position bigint NOT NULL REFERENCES case_events (position) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A relay instance holds a claimed delivery until then; a crashed one's claims expire.
  claimed_until timestamptz,
  claim_token uuid,
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (subscription_id, position)
);
CREATE INDEX event_deliveries_pending ON event_deliveries (subscription_id, position) WHERE state = 'pending';
CREATE INDEX event_deliveries_pending_case ON event_deliveries (subscription_id, case_id, position) WHERE state = 'pending';
CREATE INDEX event_deliveries_dead ON event_deliveries (subscription_id, position) WHERE state = 'dead';

-- Fan-out in the writer's own transaction: an event committed has its deliveries committed with it.
CREATE OR REPLACE FUNCTION case_events_fan_out() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_deliveries (subscription_id, position, case_id)
  SELECT s.id, a.position, a.case_id
    FROM added a
    JOIN event_subscriptions s
      ON s.active
     AND (s.municipality_codes IS NULL OR a.municipality_code = ANY (s.municipality_codes))
     AND (s.types IS NULL OR a.type = ANY (s.types));
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_events_fan_out_after_insert
  AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_fan_out();
