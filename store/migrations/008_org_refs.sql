-- Organisations as parties become searchable: staff search an organisationsnummer (the company that
-- applied for the permit) as they search a personnummer. Their references (or1_…, keyed HMACs, never
-- the number) get their own column rather than joining person_refs, so a citizen's "Mina ärenden",
-- which matches person_refs, can only ever match persons, whatever references a mapping produces.
-- 007 is left to the branch that took it.

ALTER TABLE cases ADD COLUMN IF NOT EXISTS org_refs text[] NOT NULL DEFAULT '{}';

-- Cases stored before this migration: their organisation parties are in the document already.
UPDATE cases
   SET org_refs = ARRAY(SELECT DISTINCT p ->> 'orgRef'
                          FROM jsonb_array_elements(doc -> 'parties') AS p
                         WHERE p ->> 'orgRef' IS NOT NULL)
 WHERE jsonb_typeof(doc -> 'parties') = 'array'
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(doc -> 'parties') AS p WHERE p ->> 'orgRef' IS NOT NULL);

CREATE INDEX IF NOT EXISTS cases_org_refs_idx ON cases USING gin (org_refs);
