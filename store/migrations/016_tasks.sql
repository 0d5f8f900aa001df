-- Owned until answered (issue 14): a forwarded contact becomes a task for an office (or a named officer
-- of it), due by the service norm of its topic and office. The contact stays owned by its agent; the
-- task carries the office's answer back. `alerted_at` marks the one overdue alert sent to the office.
CREATE TABLE contact_tasks (
  id            uuid PRIMARY KEY,
  contact_id    uuid NOT NULL REFERENCES contacts (id),
  municipality  text NOT NULL CHECK (municipality ~ '^[0-9]{4}$'),
  office        text NOT NULL,
  officer       text,
  note          text NOT NULL,
  -- closed: its contact was closed before the office answered (the agent resolved it otherwise).
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  answer        text,
  answered_by   text,
  due_at        timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  answered_at   timestamptz,
  closed_at     timestamptz,
  alerted_at    timestamptz,
  -- An answered task has its answer, who gave it and when; a closed one its closing time; an open one neither.
  CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
  CHECK (status <> 'answered' OR (answer IS NOT NULL AND answered_by IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
-- One open task per contact: forwarding again waits for the office's answer.
CREATE UNIQUE INDEX contact_tasks_one_open ON contact_tasks (contact_id) WHERE status = 'open';
CREATE INDEX contact_tasks_contact ON contact_tasks (contact_id, created_at);
-- An office's task list, and the alert job's search for overdue tasks not yet alerted.
CREATE INDEX contact_tasks_office ON contact_tasks (municipality, office, due_at) WHERE status = 'open';
CREATE INDEX contact_tasks_unalerted ON contact_tasks (due_at) WHERE status = 'open' AND alerted_at IS NULL;

-- The contact's history gains the office's answer as a step, and names the task and office of both.
ALTER TABLE contact_history DROP CONSTRAINT contact_history_step_check;
ALTER TABLE contact_history ADD CONSTRAINT contact_history_step_check
  CHECK (step IN ('registered', 'answered', 'forwarded', 'task_answered', 'closed', 'reopened'));
ALTER TABLE contact_history ADD COLUMN task_id uuid;
ALTER TABLE contact_history ADD COLUMN task_office text;
