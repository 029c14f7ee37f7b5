// The SQLite writer's group commit: transactions of one turn share a COMMIT, and none of their callers goes on before
// it. Checked from a second connection to the same file, as another process (or a restarted one) would see the data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from '../../src/store/group-commit.js';

interface Rows {
  rows: { id: number; parent: number | null };
}

describe('group commit (SQLite)', () => {
  let dir: string;
  let file: Database.Database;
  let db: Kysely<Rows>;
  /** What another connection sees: only committed rows. */
  let outside: Database.Database;
  const committed = () =>
    outside
      .prepare('select id from rows order by id')
      .all()
      .map((r) => (r as { id: number }).id);
  const insert = (tx: Kysely<Rows>, id: number, parent: number | null = null) => tx.insertInto('rows').values({ id, parent }).execute();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posapi-group-commit-'));
    file = new Database(join(dir, 'test.db'));
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    db = new Kysely<Rows>({ dialect: new GroupCommitSqliteDialect({ database: file }) });
    await sql`create table rows (id integer primary key, parent integer references rows (id))`.execute(db);
    outside = new Database(join(dir, 'test.db'), { readonly: true });
  });
  afterEach(async () => {
    outside.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the transactions of one turn together, and answers each only once its work is committed', async () => {
    const seenBeforeCommit: number[][] = [];
    const seenOnReturn: number[][] = [];
    await Promise.all(
      [1, 2, 3, 4].map(async (id) => {
        await db.transaction().execute(async (tx) => {
          await insert(tx, id);
          // The earlier transactions of this turn have ended their work, yet nothing is committed: they wait together.
          seenBeforeCommit.push(committed());
        });
        seenOnReturn.push(committed());
      }),
    );
    expect(seenBeforeCommit).toEqual([[], [], [], []]);
    expect(seenOnReturn).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
  });

  it('rolls a failed transaction back alone: the others of its group are committed', async () => {
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((id) =>
        db.transaction().execute(async (tx) => {
          await insert(tx, id);
          if (id === 2) throw new Error('refused');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual([1, 3]);
  });

  it('fails every transaction of the group when its COMMIT fails, and keeps none of their work', async () => {
    // A deferred foreign key is checked at COMMIT only: the group's COMMIT fails, after both transactions ended well.
    const outcomes = await Promise.allSettled([
      db.transaction().execute((tx) => insert(tx, 1)),
      db.transaction().execute(async (tx) => {
        await sql`pragma defer_foreign_keys = on`.execute(tx);
        await insert(tx, 2, 999);
      }),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual([
      expect.stringMatching(/FOREIGN KEY/),
      expect.stringMatching(/FOREIGN KEY/),
    ]);
    expect(committed()).toEqual([]);
    // The next group starts clean.
    await db.transaction().execute((tx) => insert(tx, 3));
    expect(committed()).toEqual([3]);
  });

  it('commits the open group before a statement outside any transaction runs', async () => {
    const grouped = db.transaction().execute((tx) => insert(tx, 1));
    const alone = insert(db, 2).then(() => committed());
    expect(await alone).toEqual([1, 2]);
    await grouped;
  });
});
