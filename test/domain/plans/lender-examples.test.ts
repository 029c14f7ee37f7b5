// The lender's published calculate-interest examples, reproduced from the demo catalogue field by field.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { toCents } from '../../../src/domain/money.js';
import { describe, expect, it } from 'vitest';
import { offerTypes, parseCatalogue, quotePlans, regularPurchase, catalogueFromFile, type Catalogue } from '../../../src/domain/plans/index.js';

const FEE_MESSAGE =
  'Although your administrative fee may be represented as a monthly or annual amount, the fee is due in full if the account is paid off early. See terms and conditions for full details.';
const RATE_MESSAGE =
  'Promotional annual interest rate applies during the promotional period and is included in your estimated monthly payments. Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.';

function demoCatalogue(): Catalogue {
  const path = new URL('../../../catalogue/demo-plans.yaml', import.meta.url);
  const result = parseCatalogue(readFileSync(path, 'utf8'), 'demo-plans.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return catalogueFromFile(result.catalogue);
}

const promotionalRate = {
  description: 'Annual Promotional Interest Rate:',
  rate: 0.0999,
  type: 'APR',
  message: RATE_MESSAGE,
};

function adminFee(amount: number) {
  return { description: 'Administrative fees:', amount, type: 'admin_total', message: FEE_MESSAGE };
}

describe('the lender examples: a 10.50 purchase at ACME Jewellers (merchant 12345)', () => {
  const catalogue = demoCatalogue();
  const quote = (province: string) =>
    quotePlans({ catalogue, merchantId: '12345', accountType: 'consumer', province, amountCents: toCents('10.50'), lang: 'en-CA' });

  it('rest of Canada (ON): plan 4 with terms 3, 6 and 12', () => {
    const [plan, ...others] = quote('ON');
    expect(others).toEqual([]);
    expect(plan?.plan_id).toBe(4);
    expect(plan?.plan_name).toBe('EMP - Regular Interest');
    const [three, six, twelve, ...more] = plan?.terms ?? [];
    expect(more).toEqual([]);

    expect(three?.term).toBe(3);
    expect(three?.term_amount).toBe(3.56);
    expect(three?.fees).toEqual([]);
    expect(three?.annual_rates).toEqual(promotionalRate);

    expect(six?.term).toBe(6);
    expect(six?.term_amount).toBe(10.38);
    expect(six?.fees).toEqual([adminFee(50)]);
    expect(six?.fees[0]?.type).toBe('admin_total');
    expect(six?.annual_rates).toEqual(promotionalRate);

    expect(twelve?.term).toBe(12);
    expect(twelve?.term_amount).toBe(5.32);
    expect(twelve?.fees).toEqual([adminFee(49.99)]);
    expect(twelve?.annual_rates.rate).toBe(0.0999);
    expect(twelve?.annual_rates.description).toBe('Annual Promotional Interest Rate:');
    expect(twelve?.annual_rates.type).toBe('APR');
  });

  it('Quebec: no admin fee on any term, and no 12-month term', () => {
    expect(quote('QC')).toEqual([
      {
        plan_id: 4,
        plan_name: 'EMP - Regular Interest',
        terms: [
          { term: 3, term_amount: 3.56, fees: [], annual_rates: promotionalRate },
          { term: 6, term_amount: 1.8, fees: [], annual_rates: promotionalRate },
        ],
      },
    ]);
  });

  it('the regular purchase part of the example', () => {
    expect(regularPurchase({ amountCents: toCents('10.50'), air: '0.3099' })).toEqual({ term_amount: 10.5, air: 0.3099, fees: [] });
  });

  it('answers in French with the French plan name and texts', () => {
    const [plan] = quotePlans({
      catalogue,
      merchantId: '12345',
      accountType: 'consumer',
      province: 'ON',
      amountCents: toCents('10.50'),
      lang: 'fr-CA',
    });
    expect(plan?.plan_name).toBe('PVE - Intérêt régulier');
    const six = plan?.terms[1];
    expect(six?.term_amount).toBe(10.38);
    expect(six?.fees[0]?.description).toBe("Frais d'administration :");
    expect(six?.fees[0]?.message).toMatch(/exigibles en totalité/);
    expect(six?.annual_rates.description).toBe("Taux d'intérêt annuel promotionnel :");
  });

  it('leaves the global Decimal configuration alone', () => {
    const before = { precision: Decimal.precision, rounding: Decimal.rounding };
    quote('ON');
    expect({ precision: Decimal.precision, rounding: Decimal.rounding }).toEqual(before);
  });
});

describe('the rest of the demo catalogue', () => {
  const catalogue = demoCatalogue();

  it('offers plan 1 to consumers for 12-36 months and to businesses for 12-72 months', () => {
    const terms = (accountType: 'consumer' | 'business') =>
      quotePlans({ catalogue, merchantId: '12345', accountType, province: 'ON', amountCents: toCents('1000.00'), lang: 'en-CA' })
        .find((plan) => plan.plan_id === 1)
        ?.terms.map((term) => term.term);
    expect(terms('consumer')).toEqual([12, 18, 24, 36]);
    expect(terms('business')).toEqual([12, 18, 24, 36, 48, 60, 72]);
  });

  it('orders plans by id, keeping only those whose amount range admits the purchase', () => {
    const ids = (amount: string) =>
      quotePlans({ catalogue, merchantId: '12345', accountType: 'consumer', province: 'ON', amountCents: toCents(amount), lang: 'en-CA' }).map(
        (plan) => plan.plan_id,
      );
    expect(ids('10.50')).toEqual([4]);
    expect(ids('100.00')).toEqual([2, 4]);
    expect(ids('200.00')).toEqual([1, 2, 4]);
    expect(ids('300.00')).toEqual([1, 2, 3, 4]);
    expect(ids('9.99')).toEqual([]);
    expect(ids('30000.00')).toEqual([1]);
  });

  it('describes the deferred plan rate as the deferred-period rate', () => {
    const deferred = quotePlans({
      catalogue,
      merchantId: '12345',
      accountType: 'consumer',
      province: 'ON',
      amountCents: toCents('1000.00'),
      lang: 'en-CA',
    }).find((plan) => plan.plan_id === 2);
    expect(deferred?.terms.map((term) => [term.term, term.term_amount])).toEqual([
      [6, 1000],
      [12, 1029.99],
    ]);
    expect(deferred?.terms[0]?.annual_rates).toMatchObject({ description: 'Annual Deferred-Period Interest Rate:', rate: 0, type: 'APR' });
  });

  it('ACME Restorations (23456) offers plan 4 only; an unknown merchant nothing', () => {
    const ids = (merchantId: string) =>
      quotePlans({ catalogue, merchantId, accountType: 'business', province: 'BC', amountCents: toCents('5000.00'), lang: 'en-CA' }).map(
        (plan) => plan.plan_id,
      );
    expect(ids('23456')).toEqual([4]);
    expect(ids('99999')).toEqual([]);
  });

  it('summarises the offer types for customer lookup', () => {
    expect(offerTypes(catalogue, '12345', 'consumer', 'QC', 'en-CA')).toEqual([
      { plan_name: '90 Days Grace, Equal Payments Regular Interest', plan_id: '1', offer_category: 'equal_billing', term_options: ['12', '18', '24', '36'] },
      { plan_name: 'Deferred Payment - No Interest if paid in full', plan_id: '2', offer_category: 'deferred', term_options: ['6', '12'] },
      { plan_name: 'Equal Payments No Interest', plan_id: '3', offer_category: 'no_interest', term_options: ['6', '12', '18'] },
      { plan_name: 'EMP - Regular Interest', plan_id: '4', offer_category: 'equal_billing', term_options: ['3', '6'] },
    ]);
    expect(offerTypes(catalogue, '23456', 'business', 'ON', 'fr-CA')).toEqual([
      { plan_name: 'PVE - Intérêt régulier', plan_id: '4', offer_category: 'equal_billing', term_options: ['3', '6', '12'] },
    ]);
  });
});
