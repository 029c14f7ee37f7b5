// posapi import / export: round trip without duplicates, every broken row reported with its line, --strict, and no clear card number kept.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFiles } from '../../../src/store/bulk/export-files.js';
import { generateCsvFiles, type CsvFiles } from '../../../src/store/bulk/generate-csv.js';
import { importFiles, type ImportReport } from '../../../src/store/bulk/import-files.js';
import type { Db } from '../../../src/store/schema.js';
import { describeEachStore } from '../../helpers/stores.js';

const FIXTURES = new URL('../../fixtures/bulk/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);
const BROKEN = { customers: fixture('broken-customers.csv'), accounts: fixture('broken-accounts.csv'), cards: fixture('broken-cards.csv') };

/** Every row of the three bulk tables, in key order, as plain values (drivers differ on integer types). */
async function snapshot(db: Db) {
  const customers = await db.selectFrom('customers').selectAll().orderBy('id').execute();
  const accounts = await db.selectFrom('accounts').selectAll().orderBy('account_number').execute();
  const cards = await db.selectFrom('cards').select(['card_hash', 'last_four', 'account_number']).orderBy('card_hash').execute();
  const answers = await db.selectFrom('security_answers').select(['customer_id', 'question_id']).orderBy('customer_id').orderBy('question_id').execute();
  const plain = (rows: object[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => k !== 'updated_at')
          .map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
      ),
    );
  return { customers: plain(customers), accounts: plain(accounts), cards: plain(cards), answers: plain(answers) };
}

/** Every text a table holds, one string per table: where a clear card number would show if it had been kept. */
async function everyStoredText(db: Db): Promise<string> {
  const tables = await db.introspection.getTables();
  const texts: string[] = [];
  for (const table of tables) {
    const rows = await db
      .selectFrom(table.name as 'customers')
      .selectAll()
      .execute();
    texts.push(JSON.stringify(rows));
  }
  return texts.join('\n');
}

const cardNumbersOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]?.replace(/\D/g, '') ?? '')
    .filter((n) => n.length >= 12);

const reasonsByLine = (report: ImportReport, file: string) => new Map(report.rejections.filter((r) => r.file === file).map((r) => [r.line, r.reason]));

describeEachStore('bulk import and export', (get) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'posapi-bulk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('round trip', () => {
    let generated: CsvFiles;
    let first: ImportReport;
    beforeAll(async () => {
      generated = await generateCsvFiles(join(dir, 'generated'), { count: 150, seed: 11, first: 700_001, merchantIds: ['12345', '23456'] });
      first = await importFiles(get().ctx, generated, { rowsPerBatch: 40 });
    });

    it('writes every generated row, security answers included', () => {
      expect(first.rejected).toBe(0);
      expect(first.files.map((f) => [f.file, f.read === f.written])).toEqual([
        ['customers.csv', true],
        ['accounts.csv', true],
        ['cards.csv', true],
      ]);
      expect(first.answers).toBeGreaterThanOrEqual(150);
    });

    it('stores answers only as slow hashes of the folded answer', async () => {
      const rows = await get().ctx.db.selectFrom('security_answers').select('answer_hash').where('customer_id', 'like', 'G07%').execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.answer_hash).toMatch(/^scrypt\$\d+\$/);
    });

    it('exports the same rows it re-imports, without duplicating any', async () => {
      const ctx = get().ctx;
      const before = await snapshot(ctx.db);
      const exported = await exportFiles(ctx, join(dir, 'export-1'));
      expect(exported.customers).toBe(before.customers.length);
      const again = await importFiles(ctx, {
        customers: join(dir, 'export-1', 'customers.csv'),
        accounts: join(dir, 'export-1', 'accounts.csv'),
        cards: join(dir, 'export-1', 'cards.csv'),
      });
      expect(again.rejected).toBe(0);
      expect(await snapshot(ctx.db)).toEqual(before);
      await exportFiles(ctx, join(dir, 'export-2'));
      for (const name of ['customers.csv', 'accounts.csv', 'cards.csv']) {
        expect(readFileSync(join(dir, 'export-2', name), 'utf8')).toBe(readFileSync(join(dir, 'export-1', name), 'utf8'));
      }
    });

    it('updates rather than duplicates when the same files are imported again', async () => {
      const ctx = get().ctx;
      const before = await snapshot(ctx.db);
      const again = await importFiles(ctx, generated);
      expect(again.rejected).toBe(0);
      const after = await snapshot(ctx.db);
      expect(after.customers).toEqual(before.customers);
      expect(after.accounts).toEqual(before.accounts);
      expect(after.cards).toEqual(before.cards);
      expect(after.answers).toEqual(before.answers);
    });

    it('exports cards as hash and last four, and customers without answers', () => {
      const cards = readFileSync(join(dir, 'export-1', 'cards.csv'), 'utf8');
      expect(cards.split('\n')[0]).toBe('card_hash,card_key,last_four,account_number');
      for (const number of cardNumbersOf(generated.cards)) expect(cards).not.toContain(number);
      expect(readFileSync(join(dir, 'export-1', 'customers.csv'), 'utf8').split('\n')[0]).not.toContain('answer');
    });
  });

  describe('broken rows', () => {
    let report: ImportReport;
    beforeAll(async () => {
      report = await importFiles(get().ctx, BROKEN);
    });

    it.each([
      [3, /^dob: "1985-02-30" is not a real date/],
      [4, /^province: "ZZ" is not a Canadian province/],
      [5, /^postal_code: H3B 1K9 is not a postal code of ON/],
      [6, /^postal_code: "D1A 1A1" is not a Canadian postal code/],
      [7, /^email: "not-an-email" is not an email address/],
      [8, /^phone: "12345" is not a 10-digit Canadian phone number/],
      [9, /^preferred_language: "de-DE" is not en-CA or fr-CA/],
      [10, /^security_qid_1: "12" is not a whole number from 1 to 9/],
      [11, /^first_name: is required/],
      [13, /^has 15 fields where the header has 14$/],
      [16, /^security_qid_1: is required/],
    ])('customers.csv line %i is rejected: %s', (line, reason) => {
      expect(reasonsByLine(report, 'broken-customers.csv').get(line)).toMatch(reason);
    });

    it.each([
      [3, /^credit_limit: "1000.005" is not an amount with at most two decimals/],
      [4, /^customer_id: no customer C9999/],
      [5, /^originating_merchant_id: no merchant "99999"/],
      [6, /^status_reason: FLCK does not go with status N/],
      [7, /^status: "X" is not an account status/],
      [8, /^account_type: "personal" is not an account type/],
      [9, /^opened_on: "2021-13-01" is not a real date/],
      [10, /^available_credit: is above the credit limit/],
      [11, /^business_name: is required for a business account/],
      [14, /^customer_id: no customer C1004/],
    ])('accounts.csv line %i is rejected: %s', (line, reason) => {
      expect(reasonsByLine(report, 'broken-accounts.csv').get(line)).toMatch(reason);
    });

    it.each([
      [3, /^card_number: \*{12}0367 fails the Luhn check/],
      [4, /^card_number: \*{11}3036 is not 16 digits/],
      [5, /^account_number: no account 919999999999/],
      [6, /^account_number: no account 910000000002/],
    ])('cards.csv line %i is rejected: %s', (line, reason) => {
      expect(reasonsByLine(report, 'broken-cards.csv').get(line)).toMatch(reason);
    });

    it('reports rejections in line order within each file, whichever check found them', () => {
      for (const file of ['broken-customers.csv', 'broken-accounts.csv', 'broken-cards.csv']) {
        const lines = report.rejections.filter((r) => r.file === file).map((r) => r.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
      }
    });

    it('rejects exactly those rows and writes the good ones', async () => {
      expect(report.files.map((f) => [f.read, f.written, f.rejected])).toEqual([
        [14, 3, 11],
        [13, 3, 10],
        [6, 2, 4],
      ]);
      const db = get().ctx.db;
      expect((await db.selectFrom('customers').select('id').where('id', 'like', 'C10%').orderBy('id').execute()).map((r) => r.id)).toEqual([
        'C1001',
        'C1002',
        'C1003',
      ]);
      const accounts = await db
        .selectFrom('accounts')
        .select(['account_number', 'status', 'credit_limit_cents', 'open_to_buy_cents'])
        .where('account_number', '>=', 910000000000)
        .where('account_number', '<', 911000000000)
        .orderBy('account_number')
        .execute();
      expect(accounts.map((a) => [Number(a.account_number), a.status, Number(a.credit_limit_cents), Number(a.open_to_buy_cents)])).toEqual([
        [910000000001, 'N', 100000, 80000],
        [910000000003, 'F', 1500000, 1400050],
        [910000000012, 'C', 50000, 50000],
      ]);
    });

    it('normalizes what it accepts: postal code, phone, language, multi-line fields', async () => {
      const db = get().ctx.db;
      const sean = await db.selectFrom('customers').selectAll().where('id', '=', 'C1002').executeTakeFirstOrThrow();
      expect([sean.postal_code, sean.postal_code_key, sean.phone, sean.last_name_key]).toEqual(['M5V2T6', 'M5V2T6', '4165550199', 'oneil']);
      const jeanLuc = await db.selectFrom('customers').selectAll().where('id', '=', 'C1003').executeTakeFirstOrThrow();
      expect([jeanLuc.preferred_language, jeanLuc.address_1]).toEqual(['fr-CA', '1200 Rue Sainte-Catherine O\nBureau 300']);
    });

    it('keeps cards only as keyed hash and last four', async () => {
      const ctx = get().ctx;
      const cards = await ctx.db.selectFrom('cards').selectAll().where('account_number', 'in', [910000000001, 910000000003]).orderBy('last_four').execute();
      expect(cards.map((c) => [c.card_hash, c.last_four])).toEqual([
        [ctx.cardHashes.current('4532015112830366').hash, '0366'],
        [ctx.cardHashes.current('4532015112830390').hash, '0390'],
      ]);
    });

    it('leaves no clear card number of its input anywhere in the database, nor in its report', async () => {
      const stored = await everyStoredText(get().ctx.db);
      const reported = JSON.stringify(report);
      for (const number of cardNumbersOf(BROKEN.cards)) {
        expect(stored).not.toContain(number);
        expect(reported).not.toContain(number);
        // Not even its first twelve digits: a masked number keeps only the last four.
        expect(reported).not.toContain(number.slice(0, 12));
      }
    });
  });

  describe('--strict', () => {
    it('stops at the first bad row and writes nothing', async () => {
      const ctx = get().ctx;
      const strictCustomers = join(dir, 'strict-customers.csv');
      const text = readFileSync(BROKEN.customers, 'utf8').replaceAll('C10', 'S10');
      await import('node:fs/promises').then((fs) => fs.writeFile(strictCustomers, text));
      const report = await importFiles(ctx, { customers: strictCustomers }, { strict: true });
      expect(report.stopped).toBe(true);
      expect(report.rejections).toEqual([{ file: 'strict-customers.csv', line: 3, reason: expect.stringMatching(/^dob:/) }]);
      expect(report.files[0]).toMatchObject({ written: 0, rejected: 1 });
      expect(await ctx.db.selectFrom('customers').select('id').where('id', 'like', 'S10%').execute()).toEqual([]);
    });

    it('writes everything when every row is good', async () => {
      const ctx = get().ctx;
      const files = await generateCsvFiles(join(dir, 'strict-good'), { count: 20, seed: 3, first: 800_001, merchantIds: ['12345'] });
      const report = await importFiles(ctx, files, { strict: true });
      expect(report.stopped).toBe(false);
      expect(await ctx.db.selectFrom('customers').select('id').where('id', 'like', 'G08%').execute()).toHaveLength(20);
    });
  });

  describe('the documented samples', () => {
    it('import cleanly, cards in either form', async () => {
      const examples = new URL('../../../examples/', import.meta.url).pathname;
      const files = { customers: join(examples, 'customers.csv'), accounts: join(examples, 'accounts.csv') };
      const report = await importFiles(get().ctx, { ...files, cards: join(examples, 'cards.csv') });
      expect(report.rejections).toEqual([]);
      expect(report.files.map((f) => f.written)).toEqual([4, 5, 4]);
      const exported = await importFiles(get().ctx, { cards: join(examples, 'cards-exported.csv') });
      expect(exported.rejections).toEqual([]);
    });
  });

  describe('files it cannot read', () => {
    it('refuses a header with a missing or unknown column, naming it', async () => {
      const path = join(dir, 'bad-header.csv');
      await import('node:fs/promises').then((fs) => fs.writeFile(path, 'customer_id,first_name,last_nmae\nX1,A,B\n'));
      await expect(importFiles(get().ctx, { customers: path })).rejects.toThrow(/missing columns last_name, dob/);
    });
    it('refuses a file that does not exist', async () => {
      await expect(importFiles(get().ctx, { customers: join(dir, 'nope.csv') })).rejects.toThrow(/nope.csv: cannot be read/);
    });
  });
});
