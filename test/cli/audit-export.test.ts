// posapi audit export on both stores: every audited action of a period (verify, close, purchases, the operators'
// commands) with who, when, reference id, action, account, outcome and detail, as JSON lines or CSV, to stdout or a
// file; a period and an account filter it; more rows than one read's batch all come, in order; and nothing secret is
// in it, not even from an entry that should never have held one.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorActor } from '../../src/domain/principal.js';
import type { AuditRecord } from '../../src/use-cases/export-audit.js';
import { API, API251, apiClient, type ApiClient } from '../helpers/api.js';
import { purchaseBody } from '../helpers/purchases.js';
import { describeEachStore } from '../helpers/stores.js';

const run = promisify(execFile);
const POSAPI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const ALAN = 20035156;
const ONTARIO = 116994755;
const QUEBEC_CLOSABLE = 116994859;
const CARD = '5299310002006395';
const OPERATOR = `operator:${userInfo().username}`;
const TODAY = new Date().toISOString().slice(0, 10);
const OLD_DAY = '2020-01-01';
const PAGING_DAY = '2021-03-04';
const PAGING_ROWS = 2_500;

type Failure = { code: number; stderr: string };
const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const records = (text: string) => lines(text).map((line) => JSON.parse(line) as AuditRecord);

describeEachStore('posapi audit export', (fixture) => {
  let api: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'posapi-audit-'));
  const posapi = (...args: string[]) =>
    run(process.execPath, [POSAPI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...fixture().store.env, LOG_LEVEL: 'silent' },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  const exportOf = async (...args: string[]) => (await posapi('audit', 'export', ...args)).stdout;
  const refs = { answer: 'audit-answer-1', wrong: `audit-wrong-${CARD}`, purchase: 'audit-purchase-1', close: 'audit-close-1' };
  const secrets: string[] = ['Jamie', 'jamie', 'JAMIE', 'Wrongo', 'demo-secret', CARD];
  const pins: number[] = [];

  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
    const verify = (account: number, body: Record<string, unknown>, referenceId: string) =>
      api.call('POST', `${API}/account/${account}/verify`, { body, referenceId });
    expect(
      (await verify(ALAN, { format: 'security_question', security_qid: 4, security_answer: 'Jamie', request_id: 'audit-rq-1' }, refs.answer)).statusCode,
    ).toBe(200);
    const wrong = await verify(ALAN, { format: 'security_question', security_qid: 4, security_answer: 'Wrongo', request_id: `rq-${CARD}` }, refs.wrong);
    expect(wrong.statusCode, wrong.body).toBe(409);
    const body = await purchaseBody(api, { account: ONTARIO, amount: 75 });
    pins.push(body.verification_code as number);
    expect((await api.call('POST', `${API251}/authorization`, { body, referenceId: refs.purchase })).statusCode).toBe(200);
    expect((await api.call('POST', `${API}/accounts/${QUEBEC_CLOSABLE}/close`, { body: {}, referenceId: refs.close })).statusCode).toBe(200);

    const added = await posapi('clients', 'add', 'audit-client', '--merchant', '12345');
    secrets.push(/client_secret: (\S+)/.exec(added.stdout)?.[1] as string);
    await posapi('clients', 'disable', 'audit-client');
    await posapi('plans', 'import', 'catalogue/demo-plans.yaml');
    await posapi('clients', 'add-location', 'flexitidemo', 'WEB-9', '--name', 'Web shop');
    await posapi('export', join(dir, 'data'));
    await posapi('import', join(dir, 'data', 'customers.csv'), join(dir, 'data', 'accounts.csv'));

    // An entry that should never have held a secret, on a day of its own: the export must still not show one.
    secrets.push('1234-secret-answer', 'the-client-secret');
    await fixture().ctx.store.audit.record(operatorActor('tester', `old-${CARD}`), Date.parse(`${OLD_DAY}T12:00:00Z`), {
      action: 'test.secrets',
      accountNumber: ALAN,
      outcome: 'kept',
      detail: { security_answer: '1234-secret-answer', nested: { client_secret: 'the-client-secret', vcc_number: CARD }, note: `card ${CARD}` },
    });
    // More entries on one day than one read of the export takes.
    const at = Date.parse(`${PAGING_DAY}T08:00:00Z`);
    const rows = Array.from({ length: PAGING_ROWS }, (_, i) => ({
      at: at + i,
      client_id: 'flexitidemo',
      merchant_id: '12345',
      reference_id: `paging-${i}`,
      action: 'test.paging',
      account_number: ONTARIO,
      outcome: 'ok',
      detail: JSON.stringify({ n: i }),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await fixture()
        .ctx.db.insertInto('audit_events')
        .values(rows.slice(i, i + 500))
        .execute();
  }, 120_000);
  afterAll(async () => {
    await api.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports the day's every audited action with who, when, reference id, account, outcome and detail", async () => {
    const today = records(await exportOf('--from', TODAY, '--to', TODAY));
    const byRef = (referenceId: string) => today.filter((r) => r.reference_id === referenceId);
    expect(byRef(refs.answer)).toEqual([
      expect.objectContaining({ client_id: 'flexitidemo', merchant_id: '12345', action: 'customer.verify', account_number: ALAN, outcome: 'pin_issued' }),
    ]);
    // The reference id carried a card number: it is masked, as the service masks it everywhere.
    expect(byRef(`audit-wrong-529931******6395`)).toEqual([
      expect.objectContaining({
        action: 'customer.verify',
        outcome: 'secret_answer_mismatch',
        detail: { format: 'security_question', request_id: 'rq-529931******6395' },
      }),
    ]);
    expect(byRef(refs.purchase).map((r) => [r.action, r.account_number, r.outcome])).toEqual([['purchase.authorize', ONTARIO, 'authorized']]);
    expect(byRef(refs.purchase)[0]?.detail).toMatchObject({ amount_cents: 7500, auto_capture: true });
    expect(byRef(refs.close)).toEqual([expect.objectContaining({ action: 'account.close', account_number: QUEBEC_CLOSABLE, outcome: 'closed' })]);
    const byOperator = today.filter((r) => r.client_id === OPERATOR);
    expect(byOperator.map((r) => [r.action, r.outcome, r.merchant_id, r.account_number])).toEqual([
      ['client.add', 'added', '', null],
      ['client.disable', 'disabled', '', null],
      ['plans.import', 'imported', '', null],
      ['client.add_location', 'registered', '', null],
      ['data.export', 'exported', '', null],
      ['data.import', 'imported', '', null],
    ]);
    expect(byOperator[0]?.detail).toEqual({ client_id: 'audit-client', merchant_id: '12345', channel: 'in_store', may_override: false });
    expect(byOperator[2]?.detail).toEqual({ file: 'catalogue/demo-plans.yaml', plans: 4, offers: 6 });
    // One reference id per command run, each its own.
    expect(new Set(byOperator.map((r) => r.reference_id)).size).toBe(6);
    expect(byOperator[4]?.detail).toMatchObject({ dir: join(dir, 'data'), customers: expect.any(Number), cards: expect.any(Number) });
    expect(byOperator[5]?.detail).toMatchObject({
      files: [
        { file: 'customers.csv', rejected: 0 },
        { file: 'accounts.csv', rejected: 0 },
      ],
    });
    for (const r of today) expect(r.at.slice(0, 10)).toBe(TODAY);
    expect(today.some((r) => r.action.startsWith('test.'))).toBe(false);
  });

  it('holds no secret: no security answer, client secret, PIN or card number, in either format', async () => {
    for (const format of ['jsonl', 'csv']) {
      const text = await exportOf('--from', OLD_DAY, '--to', TODAY, '--format', format);
      for (const secret of secrets) expect([format, secret, text.includes(secret)]).toEqual([format, secret, false]);
      expect(text).not.toMatch(/\d{16}/);
    }
    // The paging day's rows are numbered: a number there is not a PIN.
    const all = records(await exportOf('--from', OLD_DAY, '--to', TODAY)).filter((r) => r.action !== 'test.paging');
    const values = (value: unknown): unknown[] => (value !== null && typeof value === 'object' ? Object.values(value).flatMap(values) : [value]);
    const keys = (value: unknown): string[] => (value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]) : []);
    for (const pin of pins) expect(all.flatMap((r) => values(r.detail)).filter((v) => v === pin || v === String(pin))).toEqual([]);
    expect(all.flatMap((r) => keys(r.detail)).filter((k) => /^pin$|code|secret|answer/.test(k))).toEqual([]);
    const old = all.find((r) => r.action === 'test.secrets');
    expect(old).toMatchObject({ reference_id: 'old-529931******6395', detail: { nested: { vcc_number: '****6395' }, note: 'card 529931******6395' } });
  });

  it('keeps to the period: a date is its whole UTC day, a timestamp an exact instant, --to exclusive', async () => {
    expect(records(await exportOf('--from', OLD_DAY, '--to', OLD_DAY)).map((r) => r.action)).toEqual(['test.secrets']);
    expect(records(await exportOf('--from', `${OLD_DAY}T12:00:00Z`, '--to', `${OLD_DAY}T12:00:00.001Z`))).toHaveLength(1);
    expect(records(await exportOf('--from', `${OLD_DAY}T00:00:00Z`, '--to', `${OLD_DAY}T12:00:00Z`))).toEqual([]);
    expect(records(await exportOf('--from', `${OLD_DAY}T13:00:00+01:00`, '--to', `${OLD_DAY}T13:00:00.001+01:00`))).toHaveLength(1);
  });

  it("gives more rows than one read's batch, all of them, in the order they were written", async () => {
    const paged = records(await exportOf('--from', PAGING_DAY, '--to', PAGING_DAY));
    expect(paged).toHaveLength(PAGING_ROWS);
    expect(paged.map((r) => (r.detail as { n: number }).n)).toEqual(Array.from({ length: PAGING_ROWS }, (_, i) => i));
  });

  it("filters to one account's entries", async () => {
    const alan = records(await exportOf('--from', OLD_DAY, '--to', TODAY, '--account', String(ALAN)));
    expect(alan.map((r) => r.action)).toEqual(['customer.verify', 'customer.verify', 'test.secrets']);
  });

  it('writes CSV with a header row, the same records as the JSON lines, to stdout or to a file', async () => {
    const jsonl = records(await exportOf('--from', TODAY, '--to', TODAY));
    const file = join(dir, 'audit.csv');
    const stdout = await exportOf('--from', TODAY, '--to', TODAY, '--format', 'csv');
    expect(await exportOf('--from', TODAY, '--to', TODAY, '--format', 'csv', '--out', file)).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(stdout);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines(stdout)[0]).toBe('at,client_id,merchant_id,reference_id,action,account_number,outcome,detail');
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(
      rows.map((row) => ({ ...row, account_number: row.account_number === '' ? null : Number(row.account_number), detail: JSON.parse(row.detail as string) })),
    ).toEqual(jsonl);
  });

  it('refuses a bad period, account, format or output folder in one sentence', async () => {
    const failure = (...args: string[]) =>
      exportOf(...args).then(
        () => undefined,
        (error: Failure) => error,
      );
    for (const [args, message] of [
      [['--from', TODAY, '--to', OLD_DAY], '--to must be after --from'],
      [['--from', '2026-02-30', '--to', TODAY], '--from takes a date (YYYY-MM-DD, a whole UTC day) or a timestamp with its zone'],
      [['--from', `${TODAY}T10:00:00`, '--to', TODAY], '--from takes a date'],
      [['--from', OLD_DAY, '--to', TODAY, '--account', '12x'], 'an account number is 1 to 14 digits'],
      [['--from', OLD_DAY, '--to', TODAY, '--format', 'xml'], "argument 'xml' is invalid"],
      [['--from', OLD_DAY, '--to', TODAY, '--out', join(dir, 'nowhere', 'audit.csv')], `the folder of ${join(dir, 'nowhere', 'audit.csv')} does not exist`],
    ] as const) {
      const refused = await failure(...args);
      expect(refused?.code).toBe(1);
      expect(refused?.stderr).toContain(message);
      expect(lines(refused?.stderr ?? '')).toHaveLength(1);
    }
  });
});
