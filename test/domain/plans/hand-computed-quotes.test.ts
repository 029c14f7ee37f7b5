// Term amounts checked against values computed independently (Python's decimal module, 60 digits, half-up).
import { describe, expect, it } from 'vitest';
import { toCents } from '../../../src/domain/money.js';
import { catalogueFromFile, quotePlans, type CatalogueFile, type PlanCategory } from '../../../src/domain/plans/index.js';

interface HandComputedCase {
  category: PlanCategory;
  amount: string;
  apr: string;
  months: number;
  defaultFee: string;
  feeOverrides?: Record<string, string>;
  province: string;
  /** The exact figure before rounding, kept to show why the expected cent is what it is. */
  exact: string;
  termAmount: number;
  feeCharged: number;
}

// P = amount + admin fee (0 in QC), r = apr / 12.
// equal_billing: P·r / (1 − (1+r)^−n), or P/n at 0%; no_interest: P/n; deferred: P·(1+r)^n.
const CASES: HandComputedCase[] = [
  // equal_billing
  {
    category: 'equal_billing',
    amount: '1000.00',
    apr: '0.0999',
    months: 12,
    defaultFee: '0.00',
    province: 'ON',
    exact: '87.9112363860344091722',
    termAmount: 87.91,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '1000.00',
    apr: '0.2999',
    months: 72,
    defaultFee: '174.99',
    province: 'ON',
    exact: '35.3410188333706975416',
    termAmount: 35.34,
    feeCharged: 174.99,
  },
  {
    category: 'equal_billing',
    amount: '999999.99',
    apr: '0.2999',
    months: 72,
    defaultFee: '0.00',
    province: 'ON',
    exact: '30077.7185167197246001',
    termAmount: 30077.72,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '0.01',
    apr: '0.0999',
    months: 3,
    defaultFee: '0.00',
    province: 'ON',
    exact: '0.00338898670653525008',
    termAmount: 0,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '0.01',
    apr: '0.2999',
    months: 72,
    defaultFee: '0.00',
    province: 'ON',
    exact: '0.00030077718817496912',
    termAmount: 0,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '500.00',
    apr: '0',
    months: 12,
    defaultFee: '0.00',
    province: 'ON',
    exact: '41.6666666666666666666',
    termAmount: 41.67,
    feeCharged: 0,
  },
  { category: 'equal_billing', amount: '1.00', apr: '0', months: 8, defaultFee: '0.00', province: 'ON', exact: '0.125', termAmount: 0.13, feeCharged: 0 },
  { category: 'equal_billing', amount: '9.00', apr: '0', months: 120, defaultFee: '0.00', province: 'ON', exact: '0.075', termAmount: 0.08, feeCharged: 0 },
  { category: 'equal_billing', amount: '0.01', apr: '0', months: 2, defaultFee: '0.00', province: 'NS', exact: '0.005', termAmount: 0.01, feeCharged: 0 },
  {
    category: 'equal_billing',
    amount: '10.50',
    apr: '0.0999',
    months: 6,
    defaultFee: '50.00',
    province: 'QC',
    exact: '1.80134289317790496944',
    termAmount: 1.8,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '2500.00',
    apr: '0.1999',
    months: 36,
    defaultFee: '99.99',
    province: 'BC',
    exact: '96.6116979649354827643',
    termAmount: 96.61,
    feeCharged: 99.99,
  },
  {
    category: 'equal_billing',
    amount: '200.00',
    apr: '0.2999',
    months: 18,
    defaultFee: '49.99',
    province: 'ON',
    exact: '17.4155720633860171829',
    termAmount: 17.42,
    feeCharged: 49.99,
  },
  {
    category: 'equal_billing',
    amount: '12345.67',
    apr: '0.0599',
    months: 60,
    defaultFee: '0.00',
    province: 'AB',
    exact: '238.618986282529534420',
    termAmount: 238.62,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '999999.99',
    apr: '0.0999',
    months: 120,
    defaultFee: '0.00',
    province: 'ON',
    exact: '13209.5366316901896875',
    termAmount: 13209.54,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '1500.00',
    apr: '0.2999',
    months: 24,
    defaultFee: '74.99',
    province: 'QC',
    exact: '83.8615095192601633529',
    termAmount: 83.86,
    feeCharged: 0,
  },
  {
    category: 'equal_billing',
    amount: '750.00',
    apr: '0.1499',
    months: 12,
    defaultFee: '50.00',
    feeOverrides: { ON: '45.00' },
    province: 'ON',
    exact: '71.7516069978731577785',
    termAmount: 71.75,
    feeCharged: 45,
  },
  {
    category: 'equal_billing',
    amount: '750.00',
    apr: '0.1499',
    months: 12,
    defaultFee: '50.00',
    feeOverrides: { ON: '45.00' },
    province: 'MB',
    exact: '72.2028749664132405318',
    termAmount: 72.2,
    feeCharged: 50,
  },
  // no_interest
  { category: 'no_interest', amount: '300.00', apr: '0', months: 6, defaultFee: '0.00', province: 'ON', exact: '50', termAmount: 50, feeCharged: 0 },
  {
    category: 'no_interest',
    amount: '300.00',
    apr: '0',
    months: 12,
    defaultFee: '39.99',
    province: 'ON',
    exact: '28.3325',
    termAmount: 28.33,
    feeCharged: 39.99,
  },
  {
    category: 'no_interest',
    amount: '1000.00',
    apr: '0',
    months: 18,
    defaultFee: '59.99',
    province: 'SK',
    exact: '58.8883333333333333333',
    termAmount: 58.89,
    feeCharged: 59.99,
  },
  { category: 'no_interest', amount: '0.01', apr: '0', months: 1, defaultFee: '0.00', province: 'ON', exact: '0.01', termAmount: 0.01, feeCharged: 0 },
  {
    category: 'no_interest',
    amount: '0.01',
    apr: '0',
    months: 3,
    defaultFee: '0.00',
    province: 'ON',
    exact: '0.00333333333333333333',
    termAmount: 0,
    feeCharged: 0,
  },
  // Exactly half a cent on the largest amount.
  {
    category: 'no_interest',
    amount: '999999.99',
    apr: '0',
    months: 72,
    defaultFee: '0.00',
    province: 'ON',
    exact: '13888.88875',
    termAmount: 13888.89,
    feeCharged: 0,
  },
  // Exactly half a cent where binary floats fail: 0.03 / 2 is 0.01499999… as a double, 7.56 / 72 is 0.10499999….
  { category: 'no_interest', amount: '0.03', apr: '0', months: 2, defaultFee: '0.00', province: 'ON', exact: '0.015', termAmount: 0.02, feeCharged: 0 },
  { category: 'no_interest', amount: '7.56', apr: '0', months: 72, defaultFee: '0.00', province: 'ON', exact: '0.105', termAmount: 0.11, feeCharged: 0 },
  { category: 'no_interest', amount: '0.10', apr: '0', months: 4, defaultFee: '0.00', province: 'ON', exact: '0.025', termAmount: 0.03, feeCharged: 0 },
  // Half a cent with an even cent below it: half-up gives 0.23 where banker's rounding would give 0.22.
  { category: 'no_interest', amount: '0.45', apr: '0', months: 2, defaultFee: '0.00', province: 'ON', exact: '0.225', termAmount: 0.23, feeCharged: 0 },
  {
    category: 'no_interest',
    amount: '100.00',
    apr: '0',
    months: 12,
    defaultFee: '39.99',
    province: 'QC',
    exact: '8.33333333333333333333',
    termAmount: 8.33,
    feeCharged: 0,
  },
  {
    category: 'no_interest',
    amount: '999999.99',
    apr: '0',
    months: 120,
    defaultFee: '49.99',
    province: 'YT',
    exact: '8333.74983333333333333',
    termAmount: 8333.75,
    feeCharged: 49.99,
  },
  {
    category: 'no_interest',
    amount: '1234.56',
    apr: '0',
    months: 72,
    defaultFee: '174.99',
    province: 'NL',
    exact: '19.5770833333333333333',
    termAmount: 19.58,
    feeCharged: 174.99,
  },
  // deferred
  {
    category: 'deferred',
    amount: '1000.00',
    apr: '0',
    months: 12,
    defaultFee: '29.99',
    province: 'ON',
    exact: '1029.99',
    termAmount: 1029.99,
    feeCharged: 29.99,
  },
  {
    category: 'deferred',
    amount: '1000.00',
    apr: '0.2999',
    months: 12,
    defaultFee: '0.00',
    province: 'ON',
    exact: '1344.75762144741347555',
    termAmount: 1344.76,
    feeCharged: 0,
  },
  { category: 'deferred', amount: '0.01', apr: '0', months: 6, defaultFee: '0.00', province: 'ON', exact: '0.01', termAmount: 0.01, feeCharged: 0 },
  {
    category: 'deferred',
    amount: '999999.99',
    apr: '0.0999',
    months: 72,
    defaultFee: '0.00',
    province: 'ON',
    exact: '1816513.03560998785796',
    termAmount: 1816513.04,
    feeCharged: 0,
  },
  {
    category: 'deferred',
    amount: '500.00',
    apr: '0.1999',
    months: 6,
    defaultFee: '25.00',
    province: 'QC',
    exact: '552.103058813639577985',
    termAmount: 552.1,
    feeCharged: 0,
  },
  {
    category: 'deferred',
    amount: '250.00',
    apr: '0.0999',
    months: 24,
    defaultFee: '19.99',
    province: 'ON',
    exact: '329.428007818731207070',
    termAmount: 329.43,
    feeCharged: 19.99,
  },
  {
    category: 'deferred',
    amount: '0.01',
    apr: '0.2999',
    months: 72,
    defaultFee: '0.00',
    province: 'ON',
    exact: '0.05913765318467493915',
    termAmount: 0.06,
    feeCharged: 0,
  },
  {
    category: 'deferred',
    amount: '100.00',
    apr: '0',
    months: 6,
    defaultFee: '50.00',
    feeOverrides: { ON: '45.00' },
    province: 'ON',
    exact: '145',
    termAmount: 145,
    feeCharged: 45,
  },
  {
    category: 'deferred',
    amount: '999999.99',
    apr: '0',
    months: 12,
    defaultFee: '0.00',
    province: 'PE',
    exact: '999999.99',
    termAmount: 999999.99,
    feeCharged: 0,
  },
];

function singleTermCatalogue(testCase: HandComputedCase): CatalogueFile {
  return {
    plans: [
      {
        id: 7,
        name: { en: 'Test plan', fr: 'Plan de test' },
        category: testCase.category,
        terms: [
          {
            months: testCase.months,
            apr: testCase.apr,
            min_amount: '0.01',
            max_amount: '999999999.99',
            admin_fee: { default: testCase.defaultFee, ...(testCase.feeOverrides ? { by_province: testCase.feeOverrides } : {}) },
          },
        ],
      },
    ],
    offers: [{ merchant_id: '500', plan_id: 7, account_types: ['consumer'] }],
  };
}

describe('hand-computed term amounts', () => {
  it('covers the three categories', () => {
    const count = (category: PlanCategory) => CASES.filter((testCase) => testCase.category === category).length;
    expect([count('equal_billing'), count('no_interest'), count('deferred')]).toEqual([17, 13, 9]);
  });

  it.each(CASES)('$category $amount at $apr over $months months in $province (fee $defaultFee) → $termAmount', (testCase) => {
    const [plan] = quotePlans({
      catalogue: catalogueFromFile(singleTermCatalogue(testCase)),
      merchantId: '500',
      accountType: 'consumer',
      province: testCase.province,
      amountCents: toCents(testCase.amount),
      lang: 'en-CA',
    });
    const term = plan?.terms[0];
    expect(term?.term).toBe(testCase.months);
    expect(term?.term_amount).toBe(testCase.termAmount);
    expect(term?.fees.map((fee) => fee.amount)).toEqual(testCase.feeCharged === 0 ? [] : [testCase.feeCharged]);
    expect(term?.annual_rates.rate).toBe(Number(testCase.apr));
  });
});
