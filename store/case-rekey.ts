/**
 * Re-keys stored case ids: each case's id is minted again from its stored municipality code, source
 * system and source id, and rewritten in one transaction in every place that holds it (the case and
 * its document, its status history, the audit log's entries and search listings, its tombstone).
 * Tombstones of cases already removed move too, when they kept what their id was minted from.
 * Running it twice changes nothing; it reports counts, never ids.
 */
import type { CaseIdMinter } from '../schemas/case-id.js';
import { recordCaseIdKeyIn } from './case-id-key.js';
import type { Db, Queryable } from './db.js';

export type RekeyCounts = {
  /** Cases whose id changed (their history followed). */
  cases: number;
  history: number;
  /** Audit entries that named or listed a re-keyed case. */
  auditEntries: number;
  tombstones: number;
  /**
   * Tombstones of cases no longer stored that predate migration 009: their source reference was never
   * kept, so their id cannot be minted again. They stay as they are.
   */
  tombstonesLeft: number;
};

const PAGE = 5000;

type KeyRow = { id: string; municipality_code: string; source_system: string; source_id: string };

/** Where ids are minted from: the cases, and the tombstones that kept their source reference. */
const SOURCES = {
  cases: 'SELECT id, municipality_code, source_system, source_id FROM cases',
  tombstones: `SELECT case_id AS id, municipality_code, source_system, source_id FROM case_tombstones
                 WHERE source_id IS NOT NULL`,
} as const;

/** Adds to the temporary table `case_rekey` (old id → new id) every id of `from` that changes. */
async function planIn(tx: Queryable, caseIds: CaseIdMinter, from: keyof typeof SOURCES): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let planned = 0;
  for (;;) {
    const { rows } = await tx.query<KeyRow>(
      `SELECT id::text AS id, municipality_code, source_system, source_id
         FROM (${SOURCES[from]}) s WHERE id > $1::uuid ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    const moves = rows.flatMap((r) => {
      const next = caseIds.mint({
        municipalityCode: r.municipality_code,
        sourceSystem: r.source_system,
        sourceId: r.source_id,
      });
      return next === r.id ? [] : [{ old_id: r.id, new_id: next }];
    });
    if (moves.length > 0) {
      // A removed case's tombstone plans the same move as the case, when both are still there.
      await tx.query(
        `INSERT INTO case_rekey (old_id, new_id, old_text)
         SELECT x.old_id, x.new_id, x.old_id::text FROM jsonb_to_recordset($1::jsonb) AS x(old_id uuid, new_id uuid)
         ON CONFLICT (old_id) DO NOTHING`,
        [JSON.stringify(moves)],
      );
      planned += moves.length;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return planned;
    after = last.id;
  }
}

const count = async (tx: Queryable, sql: string): Promise<number> =>
  Number(
    (await tx.query<{ n: string }>(`WITH done AS (${sql} RETURNING 1) SELECT count(*)::text AS n FROM done`))
      .rows[0]?.n ?? 0,
  );

/**
 * Rewrites every stored case id to the one `caseIds` mints, and records its key's fingerprint.
 * Run as the schema owner: the hub's own role may not rewrite history or audit entries.
 *
 * @example
 * const counts = await rekeyCaseIds(db, createCaseIdMinter(env.CASE_ID_KEY));
 */
export async function rekeyCaseIds(db: Db, caseIds: CaseIdMinter): Promise<RekeyCounts> {
  return db.transaction(async (tx) => {
    // Writers wait: a sync committing mid-way would mint ids under whatever key its hub holds.
    await tx.exec('LOCK TABLE cases, case_tombstones IN EXCLUSIVE MODE');
    await tx.exec(
      // old_text: `shown` holds ids as text among field names; an index on the text keeps the lookup linear.
      'CREATE TEMPORARY TABLE case_rekey (old_id uuid PRIMARY KEY, new_id uuid NOT NULL, old_text text NOT NULL UNIQUE) ON COMMIT DROP',
    );
    const planned = (await planIn(tx, caseIds, 'cases')) + (await planIn(tx, caseIds, 'tombstones'));
    let counts: RekeyCounts = { cases: 0, history: 0, auditEntries: 0, tombstones: 0, tombstonesLeft: 0 };
    if (planned > 0) {
      // A temporary table has no statistics until analysed: without them the joins below plan badly.
      await tx.exec('ANALYZE case_rekey');
      // Lets the append-only guards pass this transaction's id rewrites (and nothing else).
      await tx.query("SELECT set_config('arendenav.case_rekey', 'on', true)");
      const history = Number(
        (
          await tx.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM case_status_history h JOIN case_rekey m ON m.old_id = h.case_id',
          )
        ).rows[0]?.n ?? 0,
      );
      const cases = await count(
        tx,
        `UPDATE cases c SET id = m.new_id, doc = jsonb_set(c.doc, '{id}', to_jsonb(m.new_id::text))
           FROM case_rekey m WHERE c.id = m.old_id`,
      );
      const tombstones = await count(
        tx,
        'UPDATE case_tombstones t SET case_id = m.new_id FROM case_rekey m WHERE t.case_id = m.old_id',
      );
      const named = await count(
        tx,
        `UPDATE audit_log a SET case_id = m.new_id,
                shown = ARRAY(SELECT coalesce(s.new_id::text, u.v) FROM unnest(a.shown) WITH ORDINALITY AS u(v, n)
                                LEFT JOIN case_rekey s ON s.old_text = u.v ORDER BY u.n)
           FROM case_rekey m WHERE a.case_id = m.old_id`,
      );
      const listed = await count(
        tx,
        `UPDATE audit_log a
            SET shown = ARRAY(SELECT coalesce(s.new_id::text, u.v) FROM unnest(a.shown) WITH ORDINALITY AS u(v, n)
                                LEFT JOIN case_rekey s ON s.old_text = u.v ORDER BY u.n)
          WHERE a.shown && (SELECT array_agg(old_text) FROM case_rekey)`,
      );
      await tx.query("SELECT set_config('arendenav.case_rekey', '', true)");
      counts = { cases, history, auditEntries: named + listed, tombstones, tombstonesLeft: 0 };
    }
    const left = await tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM case_tombstones t
        WHERE t.source_id IS NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.case_id)`,
    );
    counts.tombstonesLeft = Number(left.rows[0]?.n ?? 0);
    await recordCaseIdKeyIn(tx, caseIds.fingerprint);
    return counts;
  });
}
