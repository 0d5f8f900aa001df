-- The information center's contact register (issue 14): one row per question asked, and an
-- append-only history of every step taken on it. A person is kept only as a keyed reference (pr1_…),
-- never their number; a callback number only sealed (AES-GCM, its own key), and only while the
-- contact is open. Free text is stored with any personnummer in it masked.
CREATE TABLE contacts (
  id               uuid PRIMARY KEY,
  municipality     text NOT NULL CHECK (municipality ~ '^[0-9]{4}$'),
  channel          text NOT NULL CHECK (channel IN ('phone', 'email', 'visit', 'letter', 'web')),
  language         text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
  topic            text NOT NULL,
  question         text NOT NULL,
  answer           text,
  outcome          text CHECK (outcome IN ('answered_directly', 'forwarded', 'callback_promised', 'referred_elsewhere')),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  owner_subject    text NOT NULL,
  owner_municipality text NOT NULL,
  owner_office     text,
  person_ref       text CHECK (person_ref IS NULL OR person_ref LIKE 'pr1\_%'),
  callback_sealed  bytea,
  case_ids         uuid[] NOT NULL DEFAULT '{}',
  record_arrived_on date,
  record_diarienummer text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  -- A closed contact keeps no callback number; an open one has no closing time or outcome of closing.
  CHECK (status = 'open' OR (callback_sealed IS NULL AND closed_at IS NOT NULL AND outcome IS NOT NULL)),
  CHECK (status = 'closed' OR closed_at IS NULL)
);
-- "My follow-ups": an agent's open contacts, oldest first.
CREATE INDEX contacts_owner_open ON contacts (owner_subject, created_at) WHERE status = 'open';
CREATE INDEX contacts_person_ref ON contacts (person_ref) WHERE person_ref IS NOT NULL;

CREATE TABLE contact_history (
  id            bigserial PRIMARY KEY,
  contact_id    uuid NOT NULL REFERENCES contacts (id),
  step          text NOT NULL CHECK (step IN ('registered', 'answered', 'forwarded', 'closed', 'reopened')),
  at            timestamptz NOT NULL,
  subject       text NOT NULL,
  role          text NOT NULL,
  municipality  text,
  office        text,
  outcome       text
);
CREATE INDEX contact_history_contact ON contact_history (contact_id, id);

-- The history is append-only, like the audit log: no step is ever changed or removed.
CREATE OR REPLACE FUNCTION contact_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'contact_history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER contact_history_no_change BEFORE UPDATE OR DELETE ON contact_history
  FOR EACH ROW EXECUTE FUNCTION contact_history_append_only();

-- Reads of a contact are audited like reads of a case, by the contact's id.
ALTER TABLE audit_log ADD COLUMN contact_id uuid;
CREATE INDEX audit_log_contact_idx ON audit_log (contact_id, at DESC) WHERE contact_id IS NOT NULL;
