/**
 * The staging rows of the bulk upsert (`case-copy.ts`): one line of COPY text per case, with what the
 * SQL needs to decide and write it without asking the mapping again: the row as `toRow` makes it, the
 * version key's parts, the history a new case starts with, and the aspects its events compare.
 */
import type { CanonicalCase, StatusEntry } from '../schemas/case.js';
import { toRow } from './case-rows.js';
import type { SearchIndexRule } from './case-upsert.js';
import { mappingVersionOrder } from './case-version.js';

/** The version keys of the whole batch: what deciding each case needs, and no more. */
export const KEY_COLUMNS = [
  'n int',
  'id uuid',
  'source_updated_at timestamptz',
  'fetched_at timestamptz',
  'source_version bigint',
  'content_hash text COLLATE "C"',
  'mapping_order text COLLATE "C"',
] as const;

/** The staging table of the cases to write, in the order each line gives them. */
export const STAGE_COLUMNS = [
  'n int',
  'id uuid',
  'municipality_code text',
  'domain text',
  'office_code text',
  'reference text',
  'reference_key text',
  'property_key text',
  'person_refs text[]',
  'org_refs text[]',
  'source_system text',
  'source_id text',
  'source_updated_at timestamptz',
  'fetched_at timestamptz',
  'source_version bigint',
  'sync_source text',
  'content_hash text COLLATE "C"',
  'mapping_order text COLLATE "C"',
  'search_text text',
  'doc jsonb',
  // The current status as the mapping gives it ('since' as its text, for the events).
  'status_code text',
  'status_source_code text',
  'status_since text',
  // The history a new case starts with (seq, code, source_code, since), and its newest entry.
  'seeded jsonb',
  'head_source_code text',
  'head_since timestamptz',
  'awaiting_who text',
  'deadline_due text',
  'deadline_extended boolean',
  'docs_count int',
] as const;

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY text format: NULL as \N, the four special characters escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (ch) => ESCAPED[ch] as string) : text;
}

/** A text[] literal: every element quoted, so no element is read as NULL or split. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`).join(',')}}`;
}

/** The first history of a case: what the mapping read from the source's events, ending in the current status. */
export function seededHistory(c: CanonicalCase): StatusEntry[] {
  const seeded = (c.statusHistory ?? []).filter((e) => Date.parse(e.since) <= Date.parse(c.status.since));
  const current = { code: c.status.code, sourceCode: c.status.sourceCode, since: c.status.since };
  return seeded.at(-1)?.code === current.code ? seeded : [...seeded, current];
}

/** The entries a case new to the hub starts its history with: each change of code once, numbered from 1. */
export function firstHistory(
  c: CanonicalCase,
): { seq: number; code: string; source_code: string; since: string }[] {
  const entries: { seq: number; code: string; source_code: string; since: string }[] = [];
  for (const e of seededHistory(c)) {
    if (entries.at(-1)?.code === e.code) continue;
    entries.push({ seq: entries.length + 1, code: e.code, source_code: e.sourceCode, since: e.since });
  }
  return entries;
}

/** The version key line of case `n` (`KEY_COLUMNS`). */
export function keyLine(n: number, c: CanonicalCase, hash: string): string {
  const values = [
    n,
    c.id,
    c.source.sourceUpdatedAt,
    c.source.fetchedAt,
    c.source.sourceVersion ?? null,
    hash,
    mappingVersionOrder(c.source.mappingVersion),
  ];
  return `${values.map(field).join('\t')}\n`;
}

/** The staging line of case `n` (`STAGE_COLUMNS`), with its content hash. */
export function stageLine(
  n: number,
  c: CanonicalCase,
  hash: string,
  index: SearchIndexRule,
  syncSource: string | undefined,
): string {
  const row = toRow(c, hash, index, syncSource);
  const seeded = firstHistory(c);
  const head = seeded.at(-1);
  const values: unknown[] = [
    n,
    row.id,
    row.municipality_code,
    row.domain,
    row.office_code,
    row.reference,
    row.reference_key,
    row.property_key,
    textArray(row.person_refs as string[]),
    textArray(row.org_refs as string[]),
    row.source_system,
    row.source_id,
    row.source_updated_at,
    row.fetched_at,
    row.source_version,
    row.sync_source,
    hash,
    mappingVersionOrder(c.source.mappingVersion),
    row.search_text,
    row.doc,
    c.status.code,
    c.status.sourceCode,
    c.status.since,
    seeded,
    head?.source_code,
    head?.since,
    c.awaiting?.who ?? null,
    c.deadline?.dueAt ?? null,
    c.deadline ? c.deadline.extended : false,
    c.documents?.length ?? 0,
  ];
  return `${values.map(field).join('\t')}\n`;
}
