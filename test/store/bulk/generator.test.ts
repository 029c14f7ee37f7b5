// The data generator: the same seed gives the same customers, and every generated field keeps the rules an import enforces.
import { describe, expect, it } from 'vitest';
import { accountFromRow, accountToRow } from '../../../src/store/bulk/account-rows.js';
import { POSTAL_DISTRICTS } from '../../../src/store/bulk/canadian-places.js';
import { customerFromRow, customerToImportRow } from '../../../src/store/bulk/customer-rows.js';
import { FIRST_GENERATED_ACCOUNT, generateCustomer, generateCustomers } from '../../../src/store/bulk/generator.js';
import { isCalendarDate, passesLuhn } from '../../../src/domain/identity.js';

const options = { seed: 7, merchantIds: ['12345', '23456'] };
const sample = [...generateCustomers(options, 1, 2000)];

describe('generateCustomer', () => {
  it('is deterministic per seed and ordinal, whatever came before', () => {
    expect(generateCustomer(options, 1234)).toEqual(sample[1233]);
    expect(generateCustomer({ ...options, seed: 8 }, 1234)).not.toEqual(sample[1233]);
  });

  it('uses ids and account numbers clear of the demo data', () => {
    for (const g of sample) {
      expect(g.customer.id).toMatch(/^G\d{7}$/);
      for (const a of g.accounts) expect(a.account_number).toBeGreaterThanOrEqual(FIRST_GENERATED_ACCOUNT);
    }
    const accounts = sample.flatMap((g) => g.accounts.map((a) => a.account_number));
    expect(new Set(accounts).size).toBe(accounts.length);
  });

  it('gives every row what an import would accept', () => {
    for (const g of sample) {
      expect(customerFromRow(customerToImportRow(g.customer), '2030-01-01')).toEqual({ ok: true, record: g.customer });
      for (const a of g.accounts) expect(accountFromRow(accountToRow(a), '2030-01-01')).toEqual({ ok: true, record: a });
    }
  });

  it('keeps people plausible: born 1940–2005, postal code of their province, adult when an account opens', () => {
    for (const { customer, accounts } of sample) {
      expect(isCalendarDate(customer.dob)).toBe(true);
      expect(customer.dob >= '1940-01-01' && customer.dob <= '2005-12-31').toBe(true);
      expect(POSTAL_DISTRICTS[customer.province]).toContain(customer.postal_code[0]);
      for (const a of accounts) {
        expect(Number(a.opened_on.slice(0, 4)) - Number(customer.dob.slice(0, 4))).toBeGreaterThanOrEqual(18);
        expect(a.open_to_buy_cents + a.balance_cents).toBe(a.credit_limit_cents);
        expect(Number.isInteger(a.balance_cents)).toBe(true);
      }
    }
  });

  it('draws a Canadian mix: provinces by population, French mostly in Quebec, some business and non-normal accounts', () => {
    const share = (pred: (g: (typeof sample)[number]) => boolean) => sample.filter(pred).length / sample.length;
    expect(share((g) => g.customer.province === 'ON')).toBeGreaterThan(0.3);
    expect(share((g) => g.customer.province === 'QC')).toBeGreaterThan(0.17);
    const quebec = sample.filter((g) => g.customer.province === 'QC');
    expect(quebec.filter((g) => g.customer.preferred_language === 'fr-CA').length / quebec.length).toBeGreaterThan(0.7);
    const accounts = sample.flatMap((g) => g.accounts);
    expect(accounts.some((a) => a.account_type === 'business' && a.business_name)).toBe(true);
    expect(new Set(accounts.map((a) => a.status))).toEqual(new Set(['N', 'F', 'C']));
    expect(sample.some((g) => /[-'’]/.test(g.customer.last_name))).toBe(true);
    expect(sample.some((g) => /[éèêçôû]/i.test(g.customer.first_name + g.customer.last_name))).toBe(true);
  });

  it('gives most accounts a Luhn-valid card', () => {
    const cards = sample.flatMap((g) => g.cards);
    const accounts = sample.flatMap((g) => g.accounts);
    expect(cards.length / accounts.length).toBeGreaterThan(0.75);
    for (const c of cards) expect(passesLuhn(c.card_number)).toBe(true);
  });
});
