// Precompiled queries: compiled once, then run with each call's own arguments; a builder that would freeze one is refused.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/schema.js';
import { precompiled } from '../../src/store/precompiled.js';

const file = new SQLite(':memory:');
file.exec("create table merchants (id text primary key, name text not null); insert into merchants values ('M1', 'Alpha'), ('M2', 'Beta')");
const db = new Kysely({ dialect: new SqliteDialect({ database: file }) }) as unknown as Db;
afterAll(() => db.destroy());

describe('precompiled', () => {
  it('runs every call with its own arguments', async () => {
    const byId = precompiled((d, id: string) => d.selectFrom('merchants').select('name').where('id', '=', id));
    expect(await byId(db, 'M1')).toEqual([{ name: 'Alpha' }]);
    expect(await byId(db, 'M2')).toEqual([{ name: 'Beta' }]);
    expect(await byId(db, 'M3')).toEqual([]);
  });

  it('refuses a builder that changes an argument, which would freeze it at its first value', async () => {
    const byPrefix = precompiled((d, prefix: string) => d.selectFrom('merchants').select('name').where('name', 'like', `${prefix}%`));
    await expect(byPrefix(db, 'Al')).rejects.toThrow(/as it is/);
  });

  it('refuses a builder that leaves an argument out', async () => {
    const ignoring = precompiled((d, _id: string) => d.selectFrom('merchants').select('name'));
    await expect(ignoring(db, 'M1')).rejects.toThrow(/argument 0/);
  });
});
