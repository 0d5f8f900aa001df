-- Two versions of one case with the same source change time: which is newer must not depend on the
-- order they were delivered in (store/case-version.ts states the rule, docs/connectors.md explains it).
-- The guard in SQL needs what the rule compares: the source's own version number, when its mapping
-- declares one, and the mapping version in an order that sorts as semver. 009–012 belong to other branches.

ALTER TABLE cases ADD COLUMN IF NOT EXISTS source_version bigint;

-- The same function as mappingVersionOrder in store/case-version.ts (a test holds them equal): each
-- number padded to ten digits, a release after its pre-releases ('~' sorts after '-' in byte order);
-- anything that is not semver gives '' and sorts lowest.
CREATE OR REPLACE FUNCTION mapping_version_order(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x.m IS NULL THEN ''
              ELSE lpad(x.m[1], 10, '0') || '.' || lpad(x.m[2], 10, '0') || '.' || lpad(x.m[3], 10, '0')
                   || CASE WHEN x.m[4] IS NULL THEN '~' ELSE '-' || x.m[4] END
         END
    FROM (SELECT regexp_match(v, '^(\d{1,10})\.(\d{1,10})\.(\d{1,10})(?:-([0-9A-Za-z.-]+))?$') AS m) AS x
$$;
