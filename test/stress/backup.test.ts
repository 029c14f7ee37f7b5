// An online backup under write load: a service process buys, verifies and closes with 8 tills while `posapi backup`
// copies its SQLite file; the copy is restored into a fresh place and a second service started on it. Everything
// answered before the backup started is there and answers the same (lookups, each authorization, the authorizations
// list, replays of the very requests, the ledger), every ledger in the copy explains its balances, and the copy passes
// SQLite's integrity check after serving.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/runtime/context.js';
import { addBuyer, ledgerProblems } from '../helpers/ledger.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, API251, call, ensureBuilt, openSeeded, tokenFor, type Answer } from './harness.js';
import { migrationsFor } from '../../src/store/migrations/index.js';

/** The newest migration this build knows: a backup reports its store migrated up to it. */
const LATEST_MIGRATION = Object.keys(migrationsFor('sqlite')).at(-1) as string;
const run = promisify(execFile);
const POSAPI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const WORKERS = 8;
/** Generated customers, so the file is tens of MB and the copy takes many steps while the service writes. */
const GENERATED_CUSTOMERS = 40_000;
const QUIET_ACCOUNTS = 6;
const WHERE = { external_location_id: '00-12345', external_employee_id: '12345-SMITH' };

interface Sent {
  op: 'verify' | 'authorize' | 'close';
  ref: string;
  path: string;
  body: unknown;
  answer: Answer;
  /** Answered before `posapi backup` was started. */
  beforeBackup: boolean;
}

describe('online backup under write load [sqlite]', () => {
  let store: TestStore | undefined;
  let live: ServiceProcess | undefined;
  let restored: ServiceProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'posapi-backup-stress-'));
  afterAll(async () => {
    await live?.stop('SIGKILL');
    await restored?.stop('SIGKILL');
    await store?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores to the same answers for everything committed before the backup started', async () => {
    ensureBuilt();
    store = await createTestStore('sqlite');
    const setup = await openSeeded(store);
    const quiet: number[] = [];
    const busy: number[] = [];
    for (let i = 0; i < QUIET_ACCOUNTS; i++) quiet.push(await addBuyer(setup.db, 870_000_000 + i, { limitCents: 50_000_00 }));
    for (let i = 0; i < WORKERS * 2; i++) busy.push(await addBuyer(setup.db, 871_000_000 + i, { limitCents: 1_000_000_00 }));
    const { closable } = await addAccounts(setup, { open: 0, closable: 200 });
    await setup.close();
    const env = { ...store.env, VERIFY_RATE_PER_CLIENT: '100000000', VERIFY_RATE_PER_ACCOUNT: '100000000', LOG_LEVEL: 'warn' };
    await run(process.execPath, [POSAPI, 'seed', '--generate', String(GENERATED_CUSTOMERS)], { env: { PATH: process.env.PATH ?? '', ...env } });
    live = await startService(env);
    const base = live.base;
    const token = await tokenFor(base);

    const sent: Sent[] = [];
    let stop = false;
    let backupStarted = false;
    let seq = 0;
    const unexpected: string[] = [];
    const post = async (op: Sent['op'], path: string, body: unknown): Promise<Sent | undefined> => {
      const ref = `backup-${op}-${seq++}`;
      // A till that cannot reach the service stops the test at once, with the service's last words, rather than
      // leaving it to wait for writes that will never come.
      const answer = await call(base, 'POST', path, { token, ref, body }).catch((error: unknown) => {
        stop = true;
        throw new Error(`${op} ${path}: ${String(error)}; the service's last output:\n${live?.output().slice(-4000)}`);
      });
      if (answer.status !== 200) {
        unexpected.push(`${op} ${answer.status} ${answer.body}`);
        return undefined;
      }
      const record = { op, ref, path, body, answer, beforeBackup: !backupStarted };
      sent.push(record);
      return record;
    };
    const buy = async (account: number, amount: number) => {
      const requestId = `till-backup-${seq++}`;
      const verified = await post('verify', `${API}/account/${account}/verify`, { format: 'merchant_override', request_id: requestId });
      if (!verified) return;
      const { verification_code } = JSON.parse(verified.answer.body) as { verification_code: number };
      await post('authorize', `${API251}/authorization`, {
        account_number: account,
        amount,
        financing_option: Math.random() < 0.5 ? { transaction_type: 'promotional_purchase', plan_id: 4, term: 12 } : { transaction_type: 'regular_purchase' },
        auto_capture: Math.random() < 0.5,
        verification_code,
        request_id: requestId,
        ...WHERE,
      });
    };

    // A reader holding an old snapshot (a long report) keeps the checkpoint from moving what is committed from now on
    // into the database file: when the backup starts, all of it is in the WAL alone, as on a busy store, so a copy of
    // the file by itself would miss it.
    const longReader = new SQLite(loadConfig(store.env).sqlitePath as string, { readonly: true });
    longReader.exec('BEGIN');
    longReader.prepare('select count(*) from accounts').get();

    // Before: the quiet accounts buy and are then left alone; some Quebec accounts are closed.
    for (const account of quiet) for (let i = 0; i < 3; i++) await buy(account, 100 + i);
    const toClose = [...closable];
    for (let i = 0; i < 10; i++) await post('close', `${API}/accounts/${toClose.pop()}/close`, {});

    // The load: each till buys on two accounts of its own and now and then closes an account, until told to stop.
    const tills = Array.from({ length: WORKERS }, async (_, w) => {
      const mine = busy.slice(w * 2, w * 2 + 2);
      while (!stop) {
        if (Math.random() < 0.1 && toClose.length) await post('close', `${API}/accounts/${toClose.pop()}/close`, {});
        else await buy(mine[Math.floor(Math.random() * 2)] as number, 10 + Math.floor(Math.random() * 90));
      }
    });
    const answered = () => sent.filter((s) => s.op !== 'verify').length;
    // A till that failed ends the wait with its error.
    const tillsDone = Promise.all(tills);
    const enough = async () => {
      // Refused writes do not count: a service refusing them all ends the wait (and the test says with what).
      while (answered() < 60 + QUIET_ACCOUNTS * 3 + 10 && !stop && unexpected.length < 20) await new Promise((r) => setTimeout(r, 20));
    };
    await Promise.race([enough(), tillsDone]);
    if (stop) await tillsDone;

    backupStarted = true;
    const writesBefore = sent.length;
    const file = join(dir, 'under-load.db');
    // Bounded: a backup that never finishes (it once started over at every step) fails here, not at the test's timeout.
    const backup = await run(process.execPath, [POSAPI, 'backup', file], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 180_000 });
    const writesDuring = sent.length - writesBefore;
    longReader.exec('COMMIT');
    longReader.close();
    // Let the load go on a little after the copy, then stop it.
    const after = sent.length;
    while (sent.length < after + 40 && !stop) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await tillsDone;
    expect(unexpected).toEqual([]);
    expect(backup.stdout).toMatch(new RegExp(`backed up .*: \\d+ pages, integrity ok, migrations up to ${LATEST_MIGRATION}`));
    expect(backup.stderr).toMatch(/backup: 100% \((\d+) of \1 pages\)/);
    // The experiment held: the service answered writes while the backup ran.
    expect(writesDuring).toBeGreaterThan(0);

    const before = sent.filter((s) => s.beforeBackup);
    const authorizationsBefore = before
      .filter((s) => s.op === 'authorize')
      .map((s) => (JSON.parse(s.answer.body) as { authorization_id: string }).authorization_id);
    const closedBefore = before.filter((s) => s.op === 'close').map((s) => Number(/accounts\/(\d+)\/close/.exec(s.path)?.[1]));
    /** An authorization's answer carries its account's credit as it is now: on a busy account, later buying moves it. */
    const withoutCreditNow = <T extends { account_number: number }>(answer: T): T => {
      if (!busy.includes(answer.account_number)) return answer;
      const { available_credit: _now, ...rest } = answer as T & { available_credit?: number };
      return rest as T;
    };
    const answersOf = async (serviceBase: string) => {
      const serviceToken = await tokenFor(serviceBase);
      const get = async (path: string) => {
        const res = await call(serviceBase, 'GET', path, { token: serviceToken });
        return { status: res.status, body: JSON.parse(res.body) as unknown };
      };
      const lookups = [];
      for (const account of [...quiet, ...closedBefore]) lookups.push(await get(`${API}/customers/lookup?account_number=${account}`));
      const authorizations = [];
      for (const id of authorizationsBefore) {
        const res = await get(`${API251}/authorization/${id}`);
        authorizations.push({ ...res, body: withoutCreditNow(res.body as { account_number: number }) });
      }
      const list: { authorization_id: string }[] = [];
      for (let page = 1; ; page++) {
        const res = await get(`${API251}/authorizations?page_size=100&page_number=${page}`);
        const { items, total } = res.body as { items: { authorization_id: string; account_number: number }[]; total: number };
        list.push(...items.map(withoutCreditNow));
        if (items.length === 0 || list.length >= total) break;
      }
      return { lookups, authorizations, list, token: serviceToken };
    };
    const liveAnswers = await answersOf(base);
    await live.stop();
    live = undefined;

    const target = join(dir, 'restored', 'posapi.db');
    const restoredEnv = { ...env, DATABASE_URL: `sqlite:${target}` };
    const restore = await run(process.execPath, [POSAPI, 'restore', file], { env: { PATH: process.env.PATH ?? '', ...restoredEnv } });
    expect(restore.stdout).toContain('integrity ok');
    restored = await startService(restoredEnv);
    const restoredAnswers = await answersOf(restored.base);

    expect(restoredAnswers.lookups).toEqual(liveAnswers.lookups);
    expect(restoredAnswers.lookups.every((l) => l.status === 200)).toBe(true);
    expect(restoredAnswers.authorizations).toEqual(liveAnswers.authorizations);
    expect(restoredAnswers.authorizations.every((a) => a.status === 200)).toBe(true);
    // The list in the copy: every authorization made before the backup, each as the live service lists it; it may
    // hold some made during the copy, never one the live service does not have.
    const liveById = new Map(liveAnswers.list.map((item) => [item.authorization_id, item]));
    for (const item of restoredAnswers.list) expect(item).toEqual(liveById.get(item.authorization_id));
    const restoredIds = new Set(restoredAnswers.list.map((item) => item.authorization_id));
    expect(authorizationsBefore.filter((id) => !restoredIds.has(id))).toEqual([]);
    expect(restoredAnswers.list.length).toBeLessThan(liveAnswers.list.length);

    // The very requests sent again: each is a replay of its first answer, byte for byte.
    for (const s of before.filter((_, i) => i % 5 === 0)) {
      const again = await call(restored.base, 'POST', s.path, { token: restoredAnswers.token, ref: s.ref, body: s.body });
      expect([s.ref, again.status, again.headers.get('x-idempotent-replay'), again.body]).toEqual([s.ref, 200, 'true', s.answer.body]);
    }
    await restored.stop();
    restored = undefined;

    // The ledger: the quiet accounts' entries are those of the live database; every account's explains its balances.
    const open = (url: string) => createContext(loadConfig({ LOG_LEVEL: 'silent', ...store!.env, DATABASE_URL: url }));
    const liveCtx = open(store.databaseUrl);
    const copyCtx = open(`sqlite:${target}`);
    try {
      for (const account of quiet) expect(await copyCtx.store.ledger.entriesOf(account)).toEqual(await liveCtx.store.ledger.entriesOf(account));
      for (const account of busy) {
        const copied = await copyCtx.store.ledger.entriesOf(account);
        expect(copied).toEqual((await liveCtx.store.ledger.entriesOf(account)).slice(0, copied.length));
      }
      expect(await ledgerProblems(copyCtx.db, [...quiet, ...busy])).toEqual([]);
    } finally {
      await liveCtx.close();
      await copyCtx.close();
    }
    const check = new SQLite(target, { readonly: true });
    expect(check.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    check.close();
    console.log(
      `backup under load: ${before.length} writes before the backup, ${writesDuring} while it ran, ${sent.length} in all; ${backup.stdout.split('\n')[0]}`,
    );
  });
});
