-- Contacts are anonymised once the municipality's records-management plan lets them go (issue 14):
-- the person reference, the free text and the linked cases are removed, the counts the statistics
-- read (municipality, channel, topic, outcome, times, history steps) stay. 018 is left to statistics.
ALTER TABLE contacts ADD COLUMN anonymised_at timestamptz;
-- An anonymised contact holds nothing personal, and stays closed (it cannot be reopened empty).
ALTER TABLE contacts ADD CONSTRAINT contacts_anonymised_empty CHECK (
  anonymised_at IS NULL OR (
    status = 'closed' AND person_ref IS NULL AND callback_sealed IS NULL AND answer IS NULL
    AND question = '' AND cardinality(case_ids) = 0
  )
);
-- What the retention job looks for: closed contacts not yet anonymised, oldest first.
CREATE INDEX contacts_to_anonymise ON contacts (closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;
