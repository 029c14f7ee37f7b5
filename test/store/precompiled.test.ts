// Precompiled queries: compiled once, then run with each call's own arguments; a builder that would freeze one is refused.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/schema.js';
import { precompiled, precompiledInsert, precompiledWrite } from '../../src/store/precompiled.js';

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

  it('compiles a builder that branches on a null once for nulls and once for the others', async () => {
    const byName = precompiled((d, name: string | null) =>
      d
        .selectFrom('merchants')
        .select('id')
        .where('name', name === null ? 'is' : '=', name),
    );
    expect(await byName(db, null)).toEqual([]);
    expect(await byName(db, 'Beta')).toEqual([{ id: 'M2' }]);
    expect(await byName(db, null)).toEqual([]);
    expect(await byName(db, 'Alpha')).toEqual([{ id: 'M1' }]);
  });

  it('refuses an undefined argument', async () => {
    const byId = precompiled((d, id: string) => d.selectFrom('merchants').select('name').where('id', '=', id));
    await expect(byId(db, undefined as unknown as string)).rejects.toThrow(/undefined/);
  });

  it("writes with each call's arguments and reports the rows changed", async () => {
    const rename = precompiledWrite((d, name: string, id: string) => d.updateTable('merchants').set({ name }).where('id', '=', id));
    expect(Number((await rename(db, 'Gamma', 'M2')).numAffectedRows)).toBe(1);
    expect(Number((await rename(db, 'Delta', 'M9')).numAffectedRows)).toBe(0);
    expect(await db.selectFrom('merchants').select('name').where('id', '=', 'M2').execute()).toEqual([{ name: 'Gamma' }]);
  });

  it('inserts any number of rows, every column as the row has it', async () => {
    const insert = precompiledInsert<'merchants', { id: string; name: string }>('merchants', { id: true, name: true }, 'id');
    expect((await insert(db, [{ id: 'M3', name: 'Three' }])).rows).toEqual([{ id: 'M3' }]);
    expect(
      (
        await insert(db, [
          { id: 'M4', name: 'Four' },
          { id: 'M5', name: 'Five' },
        ])
      ).rows,
    ).toEqual([{ id: 'M4' }, { id: 'M5' }]);
    expect(await db.selectFrom('merchants').select(['id', 'name']).where('id', '>=', 'M3').orderBy('id').execute()).toEqual([
      { id: 'M3', name: 'Three' },
      { id: 'M4', name: 'Four' },
      { id: 'M5', name: 'Five' },
    ]);
  });
});
