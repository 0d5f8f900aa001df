-- The information center's knowledge base (issue 14): question–answer entries per municipality, Swedish
-- first (English and Arabic optional), reviewed before they are published. An entry holds no personal
-- data: it may be proposed from an answered contact, but only the contact's id is kept, never its
-- person reference, callback number or anything else about the person.
CREATE TABLE knowledge_entries (
  id            uuid PRIMARY KEY,
  municipality  text NOT NULL CHECK (municipality ~ '^[0-9]{4}$'),
  topic         text NOT NULL,
  question_sv   text NOT NULL,
  answer_sv     text NOT NULL,
  question_en   text,
  answer_en     text,
  question_ar   text,
  answer_ar     text,
  -- A translation is a question and its answer, or nothing.
  CHECK ((question_en IS NULL) = (answer_en IS NULL)),
  CHECK ((question_ar IS NULL) = (answer_ar IS NULL)),
  -- So a case page can suggest the entries for its case type (and status).
  case_domain   text,
  case_type     text,
  case_status   text,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published', 'withdrawn')),
  -- The entry outlives the contact it came from (retention may remove contacts, never entries).
  from_contact  uuid REFERENCES contacts (id) ON DELETE SET NULL,
  author_subject text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  published_at  timestamptz,
  published_by  text,
  CHECK (status <> 'published' OR (published_at IS NOT NULL AND published_by IS NOT NULL)),
  -- Swedish full text: the question weighs more than the answer. Both backends ship the 'swedish'
  -- snowball configuration (PostgreSQL 15 and PGlite alike).
  search        tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('swedish', question_sv), 'A') || setweight(to_tsvector('swedish', answer_sv), 'B')
  ) STORED
);
CREATE INDEX knowledge_entries_search ON knowledge_entries USING gin (search);
CREATE INDEX knowledge_entries_listing ON knowledge_entries (municipality, status, topic);

CREATE TABLE knowledge_history (
  id            bigserial PRIMARY KEY,
  entry_id      uuid NOT NULL REFERENCES knowledge_entries (id),
  step          text NOT NULL CHECK (step IN ('proposed', 'edited', 'submitted', 'published', 'withdrawn')),
  at            timestamptz NOT NULL,
  subject       text NOT NULL,
  role          text NOT NULL,
  municipality  text,
  office        text
);
CREATE INDEX knowledge_history_entry ON knowledge_history (entry_id, id);

-- Who proposed, edited and approved an entry is the review's evidence: append-only.
CREATE OR REPLACE FUNCTION knowledge_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'knowledge_history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER knowledge_history_no_change BEFORE UPDATE OR DELETE ON knowledge_history
  FOR EACH ROW EXECUTE FUNCTION knowledge_history_append_only();

-- An answer taken from the knowledge base names its entry, on the contact (its current answer) and on
-- the history's `answered` step (every answer given), so the statistics can count them.
ALTER TABLE contacts ADD COLUMN knowledge_entry_id uuid REFERENCES knowledge_entries (id);
ALTER TABLE contact_history ADD COLUMN knowledge_entry_id uuid REFERENCES knowledge_entries (id);

-- Suggestions while an agent types: earlier answered contacts, by the same Swedish full text. Stored,
-- not only indexed, so ranking many matches does not parse every text again (figures in docs/knowledge.md).
ALTER TABLE contacts ADD COLUMN answered_search tsvector GENERATED ALWAYS AS (
  CASE WHEN answer IS NULL THEN NULL ELSE to_tsvector('swedish', question || ' ' || answer) END
) STORED;
CREATE INDEX contacts_answered_search ON contacts USING gin (answered_search) WHERE answered_search IS NOT NULL;
