/**
 * A commit that fails in the database itself, for tests of what happens when the store is away at
 * the worst moment: a deferred constraint trigger on `cases` raises at COMMIT (after every write of
 * the unit succeeded), so the transaction rolls back for real. No code of ours is replaced.
 */
import type { Db } from '../../store/db.js';

/**
 * Until `restore()`, every transaction that wrote a case fails at its COMMIT; `attempts()` counts the
 * commits refused (a sequence, which a rollback does not undo).
 *
 * @example
 * const commits = await failCommits(db);
 * await engine.runOnce('source');            // the unit's commit fails
 * expect(await commits.attempts()).toBe(1);
 * await commits.restore();                   // the database is back
 */
export async function failCommits(
  db: Db,
): Promise<{ attempts(): Promise<number>; restore(): Promise<void> }> {
  await db.query('CREATE SEQUENCE test_refused_commits');
  await db.query(
    `CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM nextval('test_refused_commits');
       RAISE EXCEPTION 'test: the database refuses this commit';
     END $$`,
  );
  await db.query(
    `CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT OR UPDATE ON cases
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()`,
  );
  return {
    async attempts() {
      const { rows } = await db.query<{ n: string }>(
        'SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS n FROM test_refused_commits',
      );
      return Number(rows[0]?.n ?? 0);
    },
    async restore() {
      await db.query('DROP TRIGGER test_refuse_commit ON cases');
      await db.query('DROP FUNCTION test_refuse_commit()');
    },
  };
}
