/**
 * The overdue-alert bookkeeping of forwarded contacts' tasks: which offices have overdue tasks not yet
 * alerted, and claiming them so that across hub instances each task is alerted once.
 */
import type { Db } from './db.js';

export type OfficeKey = { municipality: string; office: string };

/** The offices with open tasks past due at `now` that no alert has gone out for. */
export async function officesWithUnalertedOverdue(db: Db, now: string): Promise<OfficeKey[]> {
  const { rows } = await db.query<OfficeKey>(
    `SELECT DISTINCT municipality, office FROM contact_tasks
      WHERE status = 'open' AND alerted_at IS NULL AND due_at <= $1::timestamptz
      ORDER BY municipality, office`,
    [now],
  );
  return rows;
}

/**
 * Claims one office's overdue, unalerted tasks and runs `send(count)` while holding them: a row another
 * instance holds is skipped (SKIP LOCKED), so no task is in two alerts. The tasks are marked alerted
 * only when `send` resolves; when it throws, the transaction rolls back and they wait for the next run.
 * Returns the number of tasks alerted (0: none left, or all held by another instance).
 *
 * @example
 * await alertOffice(db, { municipality: '2480', office: 'BN' }, now, (n) => mailer.send(alertFor(n)));
 */
export async function alertOffice(
  db: Db,
  key: OfficeKey,
  now: string,
  send: (count: number) => Promise<void>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id::text FROM contact_tasks
        WHERE municipality = $1 AND office = $2 AND status = 'open' AND alerted_at IS NULL
          AND due_at <= $3::timestamptz
        ORDER BY due_at, id
        FOR UPDATE SKIP LOCKED`,
      [key.municipality, key.office, now],
    );
    if (rows.length === 0) return 0;
    await send(rows.length);
    await tx.query(`UPDATE contact_tasks SET alerted_at = $2::timestamptz WHERE id = ANY($1::uuid[])`, [
      rows.map((r) => r.id),
      now,
    ]);
    return rows.length;
  });
}
