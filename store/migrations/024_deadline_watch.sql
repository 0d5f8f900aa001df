-- The deadline watch (issue 15) looks for open cases whose due date passed recently; without an index
-- it would read every case's document each run.
CREATE INDEX cases_deadline_due ON cases ((doc #>> '{deadline,dueAt}'))
  WHERE doc #>> '{deadline,dueAt}' IS NOT NULL;
