// The rules a CSV row must meet, one table per file format.
import { describe, expect, it } from 'vitest';
import { accountFromRow } from '../../../src/store/bulk/account-rows.js';
import { cardFromRow } from '../../../src/store/bulk/card-rows.js';
import { customerFromRow } from '../../../src/store/bulk/customer-rows.js';
import { cardHashChain } from '../../../src/security/card-hash.js';
import { BASE_KID, freshKeyVersion } from '../../../src/security/key-versions.js';

const TODAY = '2025-01-15';
const customer = {
  customer_id: 'C1',
  first_name: 'Émilie',
  last_name: "O'Neil-Côté",
  dob: '1985-02-28',
  address_1: '12 Rue Principale',
  address_2: '',
  city: 'Québec',
  province: 'QC',
  postal_code: 'G1R 2B5',
  email: 'e@example.ca',
  phone: '418 555 0142',
  preferred_language: 'fr-CA',
};
const account = {
  account_number: '910000000001',
  customer_id: 'C1',
  account_type: 'consumer',
  business_name: '',
  status: 'N',
  status_reason: 'NNOR',
  credit_limit: '1000.00',
  available_credit: '800',
  balance: '200.0',
  air: '0.2999',
  category_type: 'standard',
  risk_rating: 'L',
  province: 'QC',
  originating_merchant_id: '12345',
  opened_on: '2020-05-01',
  tos_agreement: 'true',
  payment_protection: 'false',
};
const problemsOf = (result: { ok: boolean; problems?: string[] }) => (result.ok ? [] : (result.problems ?? []));

describe('customers.csv rows', () => {
  it('accepts a good row', () => {
    expect(customerFromRow(customer, TODAY)).toMatchObject({ ok: true, record: { phone: '4185550142', answers: [] } });
  });
  it.each([
    ['a future birth date', { dob: '2030-01-01' }, /^dob: 2030-01-01 is outside/],
    ['February 29 of a common year', { dob: '1985-02-29' }, /^dob: .* is not a real date/],
    ['a lower-case province', { province: 'qc' }, /^province:/],
    ['a postal code with a banned letter', { postal_code: 'G1R 2O5' }, /^postal_code: .* is not a Canadian postal code/],
    ["another province's postal code", { postal_code: 'M5V 2T6' }, /^postal_code: M5V 2T6 is not a postal code of QC/],
    ['a phone with a 1 area code', { phone: '118 555 0142' }, /^phone:/],
    ['a name of punctuation only', { first_name: "'-'" }, /^first_name: must contain a letter/],
    ['an overlong city', { city: 'x'.repeat(101) }, /^city: is longer than 100/],
    ['an answer without its question', { security_answer_1: 'Rex' }, /^security_qid_1: is required/],
    ['a question without its answer', { security_qid_1: '3' }, /^security_answer_1: is required/],
    [
      'the same question twice',
      { security_qid_1: '3', security_answer_1: 'a', security_qid_2: '3', security_answer_2: 'b' },
      /^security_qid_2: question 3 is answered twice/,
    ],
    ['an overlong answer', { security_qid_1: '3', security_answer_1: 'x'.repeat(51) }, /^security_answer_1: is longer than 50/],
  ])('refuses %s', (_name, change, reason) => {
    expect(problemsOf(customerFromRow({ ...customer, ...change }, TODAY))).toEqual([expect.stringMatching(reason)]);
  });
  it('never quotes an answer back', () => {
    const secret = 'my secret answer that is far too long for the column!!';
    expect(JSON.stringify(customerFromRow({ ...customer, security_qid_1: '2', security_answer_1: secret }, TODAY))).not.toContain(secret);
  });
  it('reports every problem of a row at once', () => {
    expect(problemsOf(customerFromRow({ ...customer, dob: 'yesterday', email: 'nope', province: 'XX' }, TODAY))).toHaveLength(3);
  });
});

describe('accounts.csv rows', () => {
  it('accepts a good row, money as integer cents', () => {
    expect(accountFromRow(account, TODAY)).toMatchObject({
      ok: true,
      record: { credit_limit_cents: 100000, open_to_buy_cents: 80000, balance_cents: 20000, tos_agreement: true },
    });
  });
  it.each([
    ['three decimals', { balance: '1.005' }, /^balance: .* at most two decimals/],
    ['a comma for decimals', { credit_limit: '1000,00' }, /^credit_limit:/],
    ['a negative limit', { credit_limit: '-5.00' }, /^credit_limit: .* is below 0/],
    ['a rate as a percentage', { air: '29.99' }, /^air:/],
    ['a frozen reason on an open account', { status_reason: 'FLCK' }, /^status_reason: FLCK does not go with status N/],
    ['an unknown reason code', { status_reason: 'XXXX' }, /^status_reason:/],
    ['a two-letter risk rating', { risk_rating: 'LL' }, /^risk_rating:/],
    ['a business name on a consumer account', { business_name: 'ACME' }, /^business_name: is only for a business account/],
    ['an account number of 15 digits', { account_number: '123456789012345' }, /^account_number:/],
    ['a yes/no flag', { tos_agreement: 'yes' }, /^tos_agreement:/],
  ])('refuses %s', (_name, change, reason) => {
    expect(problemsOf(accountFromRow({ ...account, ...change }, TODAY))).toEqual([expect.stringMatching(reason)]);
  });
});

describe('cards.csv rows', () => {
  const rotated = freshKeyVersion('card');
  const hash = cardHashChain([{ kid: BASE_KID, secret: 'k'.repeat(32) }, rotated], true);
  it('hashes a clear number under the newest version and keeps its last four', () => {
    expect(cardFromRow({ card_number: '4532015112830366', account_number: '1' }, hash)).toEqual({
      ok: true,
      record: { card_hash: hash.current('4532015112830366').hash, key_kid: rotated.kid, last_four: '0366', account_number: 1 },
    });
  });
  it('takes an exported hash as it is, under the version it names (base when it names none)', () => {
    const h = hash.current('4532015112830366').hash;
    expect(cardFromRow({ card_hash: h, card_key: rotated.kid, last_four: '0366', account_number: '1' }, hash)).toMatchObject({
      ok: true,
      record: { card_hash: h, key_kid: rotated.kid },
    });
    expect(cardFromRow({ card_hash: h, last_four: '0366', account_number: '1' }, hash)).toMatchObject({ ok: true, record: { key_kid: BASE_KID } });
  });
  it('refuses a hash under a version the store does not have', () => {
    const h = hash.current('4532015112830366').hash;
    expect(problemsOf(cardFromRow({ card_hash: h, card_key: 'card-AAAAAAAAAAAAAAAA', last_four: '0366', account_number: '1' }, hash))).toEqual([
      expect.stringMatching(/card_key.*names no card hash key version/),
    ]);
  });
  it.each([
    ['a Luhn failure', '4532015112830367', /fails the Luhn check/],
    ['15 digits', '453201511283036', /is not 16 digits/],
    ['letters', '4532O15112830366', /is not 16 digits/],
  ])('refuses %s, masking the number', (_name, number, reason) => {
    const result = cardFromRow({ card_number: number, account_number: '1' }, hash);
    expect(problemsOf(result)).toEqual([expect.stringMatching(reason)]);
    expect(JSON.stringify(result)).not.toContain(number.slice(0, 8));
  });
});
