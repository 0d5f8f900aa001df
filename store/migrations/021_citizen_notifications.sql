-- Citizen notifications (issue 15): how each citizen wants to be told that one of their cases changed,
-- and the messages sent, one per change and person however often the change's event is delivered.

-- A citizen's choice, by person reference (HMAC of the personnummer). The e-mail address and, for digital
-- mail, the personnummer Mina meddelanden is addressed by are sealed (AES-256-GCM, their own key); a
-- channel keeps only what it needs, so choosing "none" leaves nothing but the choice.
CREATE TABLE notification_choices (
  person_ref text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'digital_mail', 'none')),
  language text NOT NULL CHECK (language IN ('sv', 'en', 'ar')),
  email_sealed bytea,
  mailbox_sealed bytea,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((channel = 'email') = (email_sealed IS NOT NULL)),
  CHECK ((channel = 'digital_mail') = (mailbox_sealed IS NOT NULL))
);

-- The messages: claimed before sending, settled after. Keyed by the change itself (the case, what
-- happened and when it happened in the source: the status's "since", the deadline's due date), not by
-- the event, so a redelivered event and a second event describing the same change send nothing more.
-- No contents: which case, which kind of change, to whom (a reference) and by which channel.
CREATE TABLE citizen_notifications (
  case_id uuid NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('action_required', 'decision', 'deadline_passed')),
  change_at text NOT NULL,
  person_ref text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'digital_mail')),
  event_id uuid NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  -- delivered: handed to the SMTP relay or Mina meddelanden; unreachable: the person has no digital
  -- mailbox; refused: the channel refused it for good.
  outcome text CHECK (outcome IN ('delivered', 'unreachable', 'refused')),
  settled_at timestamptz,
  PRIMARY KEY (case_id, trigger, change_at, person_ref)
);
CREATE INDEX citizen_notifications_claimed ON citizen_notifications (claimed_at);
