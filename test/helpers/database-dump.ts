// Every value of every table as text, for the tests that prove something is stored nowhere (secrets, card numbers).
import { sql } from 'kysely';
import type { Db } from '../../src/store/schema.js';

/** Every value of every row of every table, one line per row. */
export async function dumpDatabase(db: Db, kind: string): Promise<string> {
  const tables =
    kind === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map(
          (r) => r.name,
        );
  const lines: string[] = [];
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows) lines.push(`${table}: ${JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return lines.join('\n');
}
