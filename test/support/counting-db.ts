/**
 * A database that notes every query it runs and how many rows came back, so a test can show that two
 * requests did the same work (same statements, same rows read) without measuring time.
 */
import type { Db, Row } from '../../store/db.js';

export type QueryNote = { sql: string; rows: number };

export function countingDb(db: Db): { db: Db; notes: QueryNote[] } {
  const notes: QueryNote[] = [];
  const counted: Db = {
    kind: db.kind,
    async query<T extends Row = Row>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      notes.push({ sql: sql.replace(/\s+/g, ' ').trim(), rows: result.rows.length });
      return result;
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: counted, notes };
}
