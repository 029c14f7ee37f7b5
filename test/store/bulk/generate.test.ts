// posapi generate: deterministic with a seed, ids clear of the demo data, and generated customers found by search and lookup.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateIntoStore, merchantIds } from '../../../src/store/bulk/generate.js';
import { FIRST_GENERATED_ACCOUNT, generateCustomer, type GeneratedCustomer } from '../../../src/store/bulk/generator.js';
import { passesLuhn } from '../../../src/domain/identity.js';
import { apiClient, API, type ApiClient } from '../../helpers/api.js';
import { describeEachStore } from '../../helpers/stores.js';

const COUNT = 300;
const SEED = 2024;

/** Spelt the way a cashier might type it: capitals, no accents, spaces for hyphens, no apostrophes. */
const typedByCashier = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/-/g, ' ')
    .replace(/'/g, '')
    .toUpperCase();

describeEachStore('bulk generator', (get) => {
  let api: ApiClient;
  let predicted: GeneratedCustomer[];
  beforeAll(async () => {
    const ctx = get().ctx;
    const summary = await generateIntoStore(ctx, { count: COUNT, seed: SEED, customersPerTransaction: 128 });
    expect(summary.customers).toBe(COUNT);
    const options = { seed: SEED, merchantIds: await merchantIds(ctx) };
    predicted = Array.from({ length: COUNT }, (_, i) => generateCustomer(options, i + 1));
    api = await apiClient(ctx);
  });

  describe('determinism', () => {
    it('stores exactly what the seed predicts', async () => {
      const db = get().ctx.db;
      const customers = await db
        .selectFrom('customers')
        .select(['id', 'first_name', 'last_name', 'dob', 'postal_code'])
        .where('id', 'like', 'G%')
        .orderBy('id')
        .execute();
      expect(customers).toEqual(
        predicted.map((g) => ({
          id: g.customer.id,
          first_name: g.customer.first_name,
          last_name: g.customer.last_name,
          dob: g.customer.dob,
          postal_code: g.customer.postal_code,
        })),
      );
      const accounts = await db
        .selectFrom('accounts')
        .select(['account_number', 'balance_cents', 'air'])
        .where('account_number', '>=', FIRST_GENERATED_ACCOUNT)
        .orderBy('account_number')
        .execute();
      expect(accounts.map((a) => [Number(a.account_number), Number(a.balance_cents), a.air])).toEqual(
        predicted.flatMap((g) => g.accounts.map((a) => [a.account_number, a.balance_cents, a.air])),
      );
    });

    it('rewrites rather than duplicates when run again with the same seed', async () => {
      const ctx = get().ctx;
      const count = async () => Number((await ctx.db.selectFrom('accounts').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      await generateIntoStore(ctx, { count: 50, seed: SEED });
      expect(await count()).toBe(before);
    });

    it('keeps its cards as keyed hash and last four of Luhn-valid numbers', async () => {
      const ctx = get().ctx;
      const card = predicted.flatMap((g) => g.cards)[0];
      if (!card) throw new Error('no generated card');
      expect(passesLuhn(card.card_number)).toBe(true);
      const stored = await ctx.db
        .selectFrom('cards')
        .selectAll()
        .where('card_hash', '=', ctx.cardHashes.current(card.card_number).hash)
        .executeTakeFirstOrThrow();
      expect([Number(stored.account_number), stored.last_four]).toEqual([card.account_number, card.card_number.slice(-4)]);
    });
  });

  describe('found by the API', () => {
    it('by search, however the cashier types the names', async () => {
      for (const g of predicted.filter((_, i) => i % 37 === 0)) {
        const { first_name, last_name, dob } = g.customer;
        const res = await api.call(
          'GET',
          `${API}/customers/search?${new URLSearchParams({ first_name: typedByCashier(first_name), last_name: typedByCashier(last_name), dob })}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const found = (res.json() as { customer_id: string; account_number: number }[]).filter((r) => r.customer_id === g.customer.id);
        expect(found.map((r) => r.account_number).sort()).toEqual(g.accounts.map((a) => a.account_number).sort());
      }
    });

    it('by search narrowed by postal code', async () => {
      const g = predicted[5] as GeneratedCustomer;
      const { first_name, last_name, dob, postal_code } = g.customer;
      const res = await api.call(
        'GET',
        `${API}/customers/search?${new URLSearchParams({ first_name, last_name, dob, postal_code: postal_code.toLowerCase().replace(' ', '') })}`,
      );
      expect((res.json() as { customer_id: string }[]).map((r) => r.customer_id)).toContain(g.customer.id);
    });

    it('by card number and by account number', async () => {
      const g = predicted.find((p) => p.cards.length > 0) as GeneratedCustomer;
      const card = g.cards[0]!;
      const byCard = await api.call('GET', `${API}/customers/lookup?vcc_number=${card.card_number}`);
      expect(byCard.statusCode).toBe(200);
      expect(byCard.json()).toMatchObject({ account_number: card.account_number, customer_id: g.customer.id, card_ending_in: card.card_number.slice(-4) });
      const byAccount = await api.call('GET', `${API}/customers/lookup?account_number=${g.accounts[0]!.account_number}`);
      expect(byAccount.json()).toMatchObject({ customer_id: g.customer.id, province: g.customer.province });
    });
  });
});
