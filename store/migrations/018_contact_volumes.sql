-- The statistics' denominator (issue 14): how many contacts a municipality received in a month, all
-- channels, as the unit head reads it from the switchboard's own statistics. The hub cannot know it;
-- without a row the "share handled by the center" is unknown, never guessed.
CREATE TABLE contact_volumes (
  municipality  text NOT NULL CHECK (municipality ~ '^[0-9]{4}$'),
  month         date NOT NULL CHECK (extract(day FROM month) = 1),
  total         integer NOT NULL CHECK (total >= 0),
  recorded_at   timestamptz NOT NULL,
  recorded_by   text NOT NULL,
  PRIMARY KEY (municipality, month)
);
