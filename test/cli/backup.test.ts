// posapi backup and restore on a SQLite store: a copy made while the store is open restores to the same answers;
// a restore is refused in one sentence while the store is in use, for a file that is not a sound posapi database,
// and on PostgreSQL; the stale WAL of the replaced database is never replayed into the restored one.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext, type ServiceContext } from '../../src/runtime/context.js';
import { API, apiClient, type ApiClient } from '../helpers/api.js';
import { ALAN, ONTARIO, purchase } from '../helpers/purchases.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

const run = promisify(execFile);
/** The built command (`npm test` builds first). */
const POSAPI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const QUEBEC_CLOSABLE = 116994859;

type Failure = { code: number; stdout: string; stderr: string };

describe('posapi backup and restore', () => {
  let fixture: StoreFixture;
  let api: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'posapi-backup-'));
  const posapi = (env: Record<string, string>, ...args: string[]) =>
    run(process.execPath, [POSAPI, ...args], { env: { PATH: process.env.PATH ?? '', ...fixture.store.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
  const failing = (env: Record<string, string>, ...args: string[]) =>
    posapi(env, ...args).then(
      (done) => {
        throw new Error(`expected a failure, got: ${done.stdout}`);
      },
      (error: Failure) => error,
    );
  /** One sentence on stderr, exit code 1, and nothing of a driver's error or a stack. */
  const expectOneSentence = (failure: Failure, text: string | RegExp) => {
    expect(failure.code).toBe(1);
    // Besides the progress lines of a backup that got as far as copying.
    expect(
      failure.stderr
        .trim()
        .split('\n')
        .filter((line) => !/^backup: \d+% /.test(line)),
    ).toHaveLength(1);
    expect(failure.stderr).toMatch(text);
    expect(failure.stderr).not.toMatch(/SqliteError|SQLITE_|\bat .*\.js|Error:/);
  };
  const urlOf = (path: string) => ({ DATABASE_URL: `sqlite:${path}` });

  /** What the service answers about the data written before the backup: lookups, the authorizations list, ledgers. */
  async function answers(ctx: ServiceContext) {
    const client = await apiClient(ctx);
    const lookups = [];
    for (const account of [ONTARIO, ALAN, QUEBEC_CLOSABLE]) {
      const res = await client.call('GET', `${API}/customers/lookup?account_number=${account}`);
      lookups.push([res.statusCode, res.json()]);
    }
    const list = await client.call('GET', `/flexiti/pos-api/v2.5.1/client-id/flexitidemo/authorizations?page_size=100`);
    const ledgers = [await ctx.store.ledger.entriesOf(ONTARIO), await ctx.store.ledger.entriesOf(ALAN)];
    const trail = await ctx.store.audit.trailOf(QUEBEC_CLOSABLE);
    await client.app.close();
    return { lookups, list: [list.statusCode, list.json()], ledgers, trail };
  }

  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    api = await apiClient(fixture.ctx);
    for (const [account, autoCapture] of [
      [ONTARIO, true],
      [ONTARIO, false],
      [ALAN, true],
    ] as const)
      expect((await purchase(api, { account, amount: 120, autoCapture })).statusCode).toBe(200);
    expect((await api.call('POST', `${API}/accounts/${QUEBEC_CLOSABLE}/close`, { body: {} })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
    await fixture.ctx.close();
    await fixture.store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up the open store, checks the copy, and a restore into a fresh place answers the same', { timeout: 120_000 }, async () => {
    const before = await answers(fixture.ctx);
    const file = join(dir, 'nightly.db');
    const backup = await posapi({}, 'backup', file);
    expect(backup.stdout).toMatch(/backed up .* to .*nightly\.db: \d+ pages, integrity ok, migrations up to 004_key_versions/);
    expect(backup.stderr).toMatch(/backup: 100% \(\d+ of \d+ pages\)/);
    // One self-contained file: no WAL mode in its header, nothing beside it.
    expect(readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(existsSync(`${file}-wal`)).toBe(false);

    const target = join(dir, 'fresh', 'posapi.db');
    const restore = await posapi(urlOf(target), 'restore', file);
    expect(restore.stdout).toContain(`restored ${file} to ${target}: integrity ok`);
    const restored = createContext(loadConfig({ LOG_LEVEL: 'silent', ...fixture.store.env, ...urlOf(target) }));
    try {
      expect(await answers(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it('refuses to restore over the store while it is in use, unless forced; the store is left as it was', { timeout: 60_000 }, async () => {
    const file = join(dir, 'in-use.db');
    await posapi({}, 'backup', file);
    const live = loadConfig(fixture.store.env).sqlitePath as string;
    // stat, not read: closing any descriptor of the file would drop this process's SQLite locks on it (POSIX locks).
    const inodeBefore = statSync(live).ino;
    expectOneSentence(await failing({}, 'restore', file), /is in use by a running service or another process: stop it first \(or pass --force/);
    expect(statSync(live).ino).toBe(inodeBefore);
    expect((await api.call('GET', `${API}/customers/lookup?account_number=${ONTARIO}`)).statusCode).toBe(200);

    // A second store, held open by a context of its own, is replaced when forced.
    const other = join(dir, 'other', 'posapi.db');
    await posapi(urlOf(other), 'restore', file);
    const holder = createContext(loadConfig({ LOG_LEVEL: 'silent', ...fixture.store.env, ...urlOf(other) }));
    try {
      expect(await holder.store.accounts.view(ONTARIO)).toBeDefined();
      expectOneSentence(await failing(urlOf(other), 'restore', file), /is in use/);
      const forced = await posapi(urlOf(other), 'restore', '--force', file);
      expect(forced.stdout).toMatch(/the database it replaced is kept as .*posapi\.db\.before-restore-/);
    } finally {
      await holder.close();
    }
  });

  it('refuses, in one sentence each, a file that is not SQLite, a damaged one, one from a newer build, and a missing one', { timeout: 60_000 }, async () => {
    const target = join(dir, 'refused', 'posapi.db');
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, but long enough to have a header\n'.repeat(10));
    expectOneSentence(await failing(urlOf(target), 'restore', text), `${text} is not a SQLite database.`);

    const good = join(dir, 'good.db');
    await posapi({}, 'backup', good);
    const damaged = join(dir, 'damaged.db');
    copyFileSync(good, damaged);
    // Scribble over the middle of the file: pages of tables and indexes no longer agree.
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 6);
    closeSync(fd);
    expectOneSentence(await failing(urlOf(target), 'restore', damaged), /damaged\.db (failed SQLite's integrity check|.*is not a readable SQLite database)/);

    const newer = join(dir, 'newer.db');
    copyFileSync(good, newer);
    const file = new SQLite(newer);
    file.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('999_from_the_future', new Date().toISOString());
    file.close();
    expectOneSentence(
      await failing(urlOf(target), 'restore', newer),
      /was made by a newer posapi: this build does not know its migration\(s\) 999_from_the_future\./,
    );

    expectOneSentence(await failing(urlOf(target), 'restore', join(dir, 'nowhere.db')), /nowhere\.db does not exist\./);
    expect(existsSync(target)).toBe(false);
  });

  it('removes the replaced database`s stale WAL, so its pages are never replayed into the restored one', { timeout: 60_000 }, async () => {
    const file = join(dir, 'for-stale.db');
    await posapi({}, 'backup', file);
    // A database left by a killed process: committed pages still in its -wal, no process holding it.
    const target = join(dir, 'stale', 'posapi.db');
    await posapi(urlOf(target), 'restore', file);
    const old = new SQLite(target);
    old.pragma('journal_mode = WAL');
    old.pragma('wal_autocheckpoint = 0');
    old.prepare('update accounts set credit_limit_cents = 1 where account_number = ?').run(ONTARIO);
    copyFileSync(`${target}-wal`, join(dir, 'kept-wal'));
    old.close();
    copyFileSync(join(dir, 'kept-wal'), `${target}-wal`);

    // Forced: without it the in-use probe would open the old database first, and SQLite would fold that WAL into it.
    await posapi(urlOf(target), 'restore', '--force', file);
    expect(existsSync(`${target}-wal`)).toBe(false);
    // Opened as the service opens it: in WAL mode, where a WAL found beside the file is replayed.
    const restored = new SQLite(target);
    restored.pragma('journal_mode = WAL');
    expect(restored.prepare('select credit_limit_cents from accounts where account_number = ?').get(ONTARIO)).toEqual({ credit_limit_cents: 14_000_00 });
    restored.close();
  });

  it('refuses to back up, in one sentence each, a missing store, a database not made by posapi and into a missing folder', async () => {
    expectOneSentence(await failing(urlOf(join(dir, 'none.db')), 'backup', join(dir, 'b.db')), `${join(dir, 'none.db')} does not exist: check DATABASE_URL.`);
    const foreign = join(dir, 'foreign.db');
    const other = new SQLite(foreign);
    other.exec('create table notes (text text)');
    other.close();
    expectOneSentence(
      await failing(urlOf(foreign), 'backup', join(dir, 'b.db')),
      `The copy of ${foreign} is not a posapi database: it has no migration table.`,
    );
    expectOneSentence(await failing({}, 'backup', join(dir, 'missing', 'b.db')), `The folder of ${join(dir, 'missing', 'b.db')} does not exist.`);
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
  });

  it('warns when the restored store will start without the keys its data was made with', { timeout: 60_000 }, async () => {
    const file = join(dir, 'for-keys.db');
    await posapi({}, 'backup', file);
    const target = join(dir, 'keyless', 'posapi.db');
    const keyless = await run(process.execPath, [POSAPI, 'restore', file], { env: { PATH: process.env.PATH ?? '', ...urlOf(target) }, timeout: 60_000 });
    expect(keyless.stderr).toContain(`warning: no keys in the environment nor at ${target}.keys.json`);
    const withKeys = await posapi(urlOf(join(dir, 'keyed', 'posapi.db')), 'restore', file);
    expect(withKeys.stderr).toBe('');
  });

  it('points to pg_dump and pg_restore on a PostgreSQL store', async () => {
    const pgUrl = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' };
    expectOneSentence(await failing(pgUrl, 'backup', join(dir, 'pg.db')), /back up PostgreSQL with pg_dump \(see "Backup and restore" in the README\)\./);
    expectOneSentence(await failing(pgUrl, 'restore', join(dir, 'pg.db')), /restore PostgreSQL with pg_restore/);
  });
});
