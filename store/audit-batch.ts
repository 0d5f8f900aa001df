/**
 * Group commit of audit entries. Every staff read writes one entry before it shows anything; one
 * INSERT with its own commit per request made the commit, not the read, the ceiling. Here concurrent
 * writes share one multi-row INSERT (one statement, so one commit), and each write still resolves
 * only once its own row is committed: "no entry, no data" holds for every request.
 *
 * Adaptive, no timer: the first write schedules a flush for the end of the current I/O turn
 * (setImmediate, so requests answered in the same turn go together); writes arriving while
 * `maxFlushes` flushes are in flight wait for the next one. Under light load an entry is written at
 * once; under heavy load batches grow by themselves with the commit time, up to `maxBatch`.
 */
import type { AuditEntry } from './audit-log.js';
import type { Db } from './db.js';

export type GroupCommitOptions = {
  /**
   * Most entries in one INSERT (default 200). Fifteen parameters a row stay far below PostgreSQL's
   * 65,535, and a batch this size still commits in a few milliseconds; more only makes the one
   * statement, and the wait of its first entry, longer.
   */
  maxBatch?: number;
  /**
   * Most INSERTs in flight at once (default 2). With one, entries arriving during a flush wait for its
   * whole round trip and commit before theirs can start; a second overlaps the two and measured ~10%
   * more reads a second on the bench (50 connections, 1 M cases); four gained nothing more. Each one
   * holds a pool connection the reads need.
   */
  maxFlushes?: number;
};

export interface AuditWriter {
  /** Resolves when the entry's row is committed; rejects when it cannot be written. */
  write(entry: AuditEntry): Promise<void>;
  /** Writes what is queued (or rejects it), then refuses new entries. */
  close(): Promise<void>;
}

type Pending = { entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void };

const COLUMNS =
  'subject, role, action, case_id, shown, masked, query_kind, result_count, request_id, purpose, person_refs, route, municipality, office, contact_id';
// Every parameter typed: a multi-row VALUES list does not take its types from the target columns.
const CASTS = [
  'text',
  'text',
  'text',
  'uuid',
  'text[]',
  'text[]',
  'text',
  'integer',
  'text',
  'text',
  'text[]',
  'text',
  'text',
  'text',
  'uuid',
];

function paramsOf(e: AuditEntry): unknown[] {
  return [
    e.subject,
    e.role,
    e.action,
    e.caseId ?? null,
    e.shown,
    e.masked,
    e.queryKind ?? null,
    e.resultCount ?? null,
    e.requestId,
    e.purpose ?? null,
    e.personRefs ?? [],
    e.route ?? null,
    e.municipality ?? null,
    e.office ?? null,
    e.contactId ?? null,
  ];
}

const sqlByRows = new Map<number, string>();

/** The INSERT of `rows` entries (cached: batch sizes repeat). */
function insertSql(rows: number): string {
  let sql = sqlByRows.get(rows);
  if (!sql) {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const base = r * CASTS.length;
      tuples.push(`(${CASTS.map((cast, i) => `$${base + i + 1}::${cast}`).join(', ')})`);
    }
    sql = `INSERT INTO audit_log (${COLUMNS}) VALUES ${tuples.join(', ')}`;
    sqlByRows.set(rows, sql);
  }
  return sql;
}

/**
 * A failure of the store itself rather than of the entries: no connection, the server shutting down
 * or out of resources (SQLSTATE classes 08, 53, 57, 58), or an error without a SQLSTATE at all (a
 * refused or timed-out connection, a closed pool or engine). Retrying entries one by one cannot help.
 */
export function isStoreAway(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ['08', '53', '57', '58'].includes(code.slice(0, 2));
}

/**
 * Queues audit entries and writes them in shared commits on `db` (PostgreSQL or PGlite alike).
 *
 * @example
 * const writer = createAuditWriter(db);
 * await writer.write(entry); // committed when this resolves
 */
export function createAuditWriter(db: Db, options: GroupCommitOptions = {}): AuditWriter {
  const maxBatch = Math.max(1, options.maxBatch ?? 200);
  const maxFlushes = Math.max(1, options.maxFlushes ?? 2);
  const queue: Pending[] = [];
  let flushing = 0;
  let scheduled = false;
  let closed = false;
  let drained: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  const insert = async (batch: readonly Pending[]) => {
    await db.query(
      insertSql(batch.length),
      batch.flatMap((p) => paramsOf(p.entry)),
    );
  };

  /**
   * A batch that failed for some of its entries: it is split in halves, each tried on its own (in
   * order, so ids keep the order of the writes), down to the single entries that really cannot be
   * written, and only those are refused. One bad entry in n costs about 2·log2(n) statements.
   */
  const isolate = async (batch: readonly Pending[]): Promise<void> => {
    const half = Math.ceil(batch.length / 2);
    for (const part of [batch.slice(0, half), batch.slice(half)]) {
      if (part.length === 0) continue;
      try {
        await insert(part);
        for (const p of part) p.resolve();
      } catch (error) {
        if (part.length === 1 || isStoreAway(error)) for (const p of part) p.reject(error);
        else await isolate(part);
      }
    }
  };

  const flush = async () => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return settle();
    flushing++;
    // What is left beyond maxBatch may start in a flush of its own at once.
    schedule();
    try {
      await insert(batch);
      for (const p of batch) p.resolve();
    } catch (error) {
      if (isStoreAway(error)) {
        // Everything waiting would wait for the same absent store: all of it is refused now.
        for (const p of [...batch, ...queue.splice(0)]) p.reject(error);
      } else if (batch.length === 1) {
        batch[0]?.reject(error);
      } else {
        await isolate(batch);
      }
    } finally {
      flushing--;
      schedule();
      settle();
    }
  };

  function schedule() {
    if (scheduled || queue.length === 0 || flushing >= maxFlushes) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  function settle() {
    if (drained && queue.length === 0 && flushing === 0 && !scheduled) drained();
  }

  return {
    write(entry) {
      if (closed) return Promise.reject(new Error('The audit log is closed.'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        schedule();
      });
    },
    close() {
      closed = true;
      closing ??= new Promise<void>((resolve) => {
        drained = resolve;
        settle();
      });
      return closing;
    },
  };
}
