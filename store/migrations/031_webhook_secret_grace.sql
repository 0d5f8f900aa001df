-- Rotating a webhook's signing secret (issue 15, left open): the secret it replaces keeps signing
-- beside the new one until `previous_secret_until`, so a receiver can switch without refusing
-- deliveries (Standard Webhooks: several space-separated signatures, any one valid).
ALTER TABLE event_subscriptions
  ADD COLUMN previous_secret_sealed text,
  ADD COLUMN previous_secret_until timestamptz,
  ADD CONSTRAINT event_subscriptions_previous_secret_whole
    CHECK ((previous_secret_sealed IS NULL) = (previous_secret_until IS NULL));
