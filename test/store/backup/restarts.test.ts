// An online backup of a store written between every step of the copy. SQLite starts the copy over at each write, so
// the count of pages left stays where it was step after step: the backup must see that as a restart and copy the rest
// in one step, rather than start over forever (a service under write load hung `posapi backup` so).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqliteFile } from '../../../src/store/backup/sqlite-backup.js';
import { createSeededContext, type StoreFixture } from '../../helpers/stores.js';

describe('online backup while every step sees a write [sqlite]', () => {
  let fixture: StoreFixture;
  let path: string;
  const dir = mkdtempSync(join(tmpdir(), 'posapi-backup-restarts-'));
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    path = fixture.store.databaseUrl.slice('sqlite:'.length);
    // Enough pages for many steps of the copy (256 pages a step).
    const filler = new SQLite(path);
    const insert = filler.prepare(
      "insert into audit_events (at, client_id, merchant_id, reference_id, action, account_number, outcome, detail) values (?, 'flexitidemo', 'm', ?, 'test.fill', null, 'ok', ?)",
    );
    filler.transaction(() => {
      for (let i = 0; i < 12000; i++) insert.run(i, `fill-${i}`, 'x'.repeat(400));
    })();
    filler.close();
  });
  afterAll(async () => {
    await fixture.ctx.close();
    await fixture.store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes after a restart or two, and the copy is the store as of a write made while it ran', async () => {
    const writer = new SQLite(path);
    // A write in place (the file does not grow): the count of pages left then never rises to give a restart away.
    const write = writer.prepare("update audit_events set at = ?, outcome = ? where reference_id = 'fill-0'");
    let writes = 0;
    try {
      const result = await backupSqliteFile(path, join(dir, 'copy.db'), () => {
        // Between two steps of the copy: a commit by another connection, as a busy service makes.
        if (writes < 20_000) write.run(Date.now(), `w${String(++writes % 10)}`);
      });
      expect(result.restarts).toBeGreaterThanOrEqual(1);
      expect(result.pages).toBeGreaterThan(256 * 4);
      // The copy is the store as of one of the writes made while it ran (not as it was before them).
      const copy = new SQLite(join(dir, 'copy.db'), { readonly: true });
      const copied = copy.prepare("select outcome from audit_events where reference_id = 'fill-0'").get() as { outcome: string };
      const rows = copy.prepare("select count(*) as n from audit_events where action = 'test.fill'").get() as { n: number };
      copy.close();
      expect(copied.outcome).toMatch(/^w\d$/);
      expect(rows.n).toBe(12_000);
      expect(writes).toBeLessThan(10);
    } finally {
      writer.close();
    }
  }, 60_000);
});
