/**
 * What of a case the world outside is told about when it changes (issue 15): its status, who holds
 * the ball, its deadline and its documents. A pure comparison of two versions into a thin event:
 * codes, dates and counts, never names, titles or texts.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CanonicalCase } from '../schemas/case.js';

export const CHANGE_ASPECTS = ['status', 'awaiting', 'deadline', 'documents'] as const;
export type ChangeAspect = (typeof CHANGE_ASPECTS)[number];

export const CASE_EVENT_TYPES = ['created', 'updated', 'deleted', 'deadline_passed'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** The parts of a version an event compares. */
export type Aspects = {
  status: string | null;
  statusSince: string | null;
  awaiting: string | null;
  deadline: { dueAt: string; extended: boolean } | null;
  documents: { count: number; digest: string };
};

/** The thin content of an event: what changed, from what to what, in codes and counts. */
export type CaseEventData = {
  changed: ChangeAspect[];
  status?: { code: string | null; previous: string | null; since: string | null };
  awaiting?: { who: string | null; previous: string | null };
  deadline?: { dueAt: string | null; extended: boolean; previousDueAt: string | null };
  documents?: { count: number; previous: number };
};

/** One event row for the outbox. */
export type CaseEventRow = {
  id: string;
  case_id: string;
  municipality_code: string;
  domain: string;
  type: CaseEventType;
  changed: ChangeAspect[];
  data: CaseEventData;
  occurred_at: string;
  dedupe_key?: string | null;
};

type DocumentLike = { title?: unknown; kind?: unknown; receivedAt?: unknown };

/** A digest of a document list that ignores its order. */
export function documentsDigest(documents: readonly DocumentLike[] | null | undefined): Aspects['documents'] {
  const list = (documents ?? []).map((d) => JSON.stringify([d.title, d.kind, d.receivedAt])).sort();
  return { count: list.length, digest: createHash('sha256').update(list.join('\n')).digest('base64url') };
}

/** The aspects of a canonical case. */
export function aspectsOf(c: CanonicalCase): Aspects {
  return {
    status: c.status.code,
    statusSince: c.status.since,
    awaiting: c.awaiting?.who ?? null,
    deadline: c.deadline ? { dueAt: c.deadline.dueAt, extended: c.deadline.extended } : null,
    documents: documentsDigest(c.documents),
  };
}

/** The aspects of a stored case, from the columns `storedAspectsSql` selects. */
export function storedAspects(row: {
  status_code: string | null;
  status_since?: string | null;
  awaiting_who: string | null;
  deadline: { dueAt?: string; extended?: boolean } | null;
  documents: DocumentLike[] | null;
}): Aspects {
  return {
    status: row.status_code,
    statusSince: row.status_since ?? null,
    awaiting: row.awaiting_who,
    deadline: row.deadline?.dueAt
      ? { dueAt: row.deadline.dueAt, extended: row.deadline.extended === true }
      : null,
    documents: documentsDigest(row.documents),
  };
}

/** The columns of `cases c` that `storedAspects` reads. */
export const STORED_ASPECTS_SQL = `c.doc #>> '{awaiting,who}' AS awaiting_who, c.doc -> 'deadline' AS deadline,
            c.doc -> 'documents' AS documents`;

/** What changed from `before` (absent: the case is new) to `after`; null when nothing outside cares. */
export function compareAspects(before: Aspects | undefined, after: Aspects): CaseEventData | null {
  const changed: ChangeAspect[] = [];
  if (before?.status !== after.status) changed.push('status');
  if ((before?.awaiting ?? null) !== after.awaiting) changed.push('awaiting');
  if (
    (before?.deadline?.dueAt ?? null) !== (after.deadline?.dueAt ?? null) ||
    (before?.deadline?.extended ?? false) !== (after.deadline?.extended ?? false)
  ) {
    changed.push('deadline');
  }
  if ((before?.documents.digest ?? documentsDigest([]).digest) !== after.documents.digest)
    changed.push('documents');
  if (before && changed.length === 0) return null;
  const data: CaseEventData = { changed };
  // Each part is there whether or not it changed, so a receiver needs no earlier event to read one.
  data.status = { code: after.status, previous: before?.status ?? null, since: after.statusSince };
  data.awaiting = { who: after.awaiting, previous: before?.awaiting ?? null };
  data.deadline = {
    dueAt: after.deadline?.dueAt ?? null,
    extended: after.deadline?.extended ?? false,
    previousDueAt: before?.deadline?.dueAt ?? null,
  };
  data.documents = { count: after.documents.count, previous: before?.documents.count ?? 0 };
  return data;
}

/** The event row for a change of `c`. */
export function changeEvent(c: CanonicalCase, type: CaseEventType, data: CaseEventData): CaseEventRow {
  return {
    id: randomUUID(),
    case_id: c.id,
    municipality_code: c.municipality.code,
    domain: c.domain,
    type,
    changed: data.changed,
    data,
    occurred_at: c.source.sourceUpdatedAt,
  };
}
