-- The expected decision date (issue 16) is learned from the office's own history: how long decided
-- cases of one case type in one municipality took from received to decided over the last 12 months.
-- Without this index that question would read every case of the municipality.
CREATE INDEX cases_decision_times ON cases (municipality_code, (doc #>> '{caseType,code}'), (doc ->> 'decidedAt'))
  WHERE doc ->> 'decidedAt' IS NOT NULL AND doc ->> 'receivedAt' IS NOT NULL;
