// Property tests: payment bounds and monotonicity, two-decimal results, and the catalogue round trip.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROVINCE_CODES,
  parseCatalogue,
  quotePlans,
  serializeCatalogue,
  catalogueFromFile,
  type CatalogueFile,
  type OfferEntry,
  type PlanEntry,
  type PlanCategory,
  type TermEntry,
} from '../../../src/domain/plans/index.js';

const RUNS = { numRuns: 500 };
const MAX_AMOUNT_CENTS = 99_999_999; // 999999.99
const HALF_CENT = new Decimal('0.005');

function centsToString(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function aprToString(tenThousandths: number): string {
  return `0.${String(tenThousandths).padStart(4, '0')}`;
}

interface SingleTerm {
  category: PlanCategory;
  aprTenThousandths: number;
  months: number;
  feeCents: number;
}

const categoryArb = fc.constantFrom<PlanCategory>('equal_billing', 'deferred', 'no_interest');
const amountCentsArb = fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: MAX_AMOUNT_CENTS }));
const aprArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9999 }));
const singleTermArb: fc.Arbitrary<SingleTerm> = fc.record({
  category: categoryArb,
  aprTenThousandths: aprArb,
  months: fc.integer({ min: 1, max: 120 }),
  feeCents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
});
const provinceArb = fc.constantFrom('ON', 'QC', 'BC', 'AB', 'NU');

function quoteSingleTerm(term: SingleTerm, amountCents: number, province: string) {
  const apr = term.category === 'no_interest' ? '0' : aprToString(term.aprTenThousandths);
  const catalogue: CatalogueFile = {
    plans: [
      {
        id: 1,
        name: { en: 'P', fr: 'P' },
        category: term.category,
        terms: [
          {
            months: term.months,
            apr,
            min_amount: '0.01',
            max_amount: '999999.99',
            admin_fee: { default: centsToString(term.feeCents) },
          },
        ],
      },
    ],
    offers: [{ merchant_id: 'm', plan_id: 1, account_types: ['consumer'] }],
  };
  const [plan] = quotePlans({
    catalogue: catalogueFromFile(catalogue),
    merchantId: 'm',
    accountType: 'consumer',
    province,
    amountCents,
    lang: 'en-CA',
  });
  const quoted = plan?.terms[0];
  if (quoted === undefined) throw new Error('the single term should always be quoted');
  return quoted;
}

describe('payment properties', () => {
  /*
   * The bound: let A be the exact payment and P = amount + fee. With APR >= 0 the n payments of A
   * repay at least P (interest only adds), so n·A >= P. Half-up rounding lowers a payment by less
   * than half a cent, never more, so n·round(A) > P − 0.005·n. That is tighter than the 0.01·n one
   * might first guess: rounding to the nearest cent can only lose half a cent per payment.
   * A deferred plan is paid once, so there the loss is at most 0.005 in all.
   */
  it('repays at least amount + fee, less at most half a cent per payment', () => {
    fc.assert(
      fc.property(singleTermArb, amountCentsArb, provinceArb, (term, amountCents, province) => {
        const quoted = quoteSingleTerm(term, amountCents, province);
        const fee = province === 'QC' ? new Decimal(0) : new Decimal(term.feeCents).dividedBy(100);
        const principal = new Decimal(amountCents).dividedBy(100).plus(fee);
        const payment = new Decimal(quoted.term_amount);
        if (term.category === 'deferred') {
          expect(payment.greaterThanOrEqualTo(principal.minus(HALF_CENT))).toBe(true);
        } else {
          expect(payment.times(term.months).greaterThanOrEqualTo(principal.minus(HALF_CENT.times(term.months)))).toBe(true);
        }
        const interestFree = term.category === 'no_interest' || term.aprTenThousandths === 0;
        if (interestFree && term.category !== 'deferred') {
          // Without interest the rounding can only add half a cent per payment, too.
          expect(payment.times(term.months).lessThanOrEqualTo(principal.plus(HALF_CENT.times(term.months)))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never decreases when the amount grows', () => {
    fc.assert(
      fc.property(singleTermArb, amountCentsArb, amountCentsArb, provinceArb, (term, a, b, province) => {
        const [smaller, larger] = a <= b ? [a, b] : [b, a];
        expect(quoteSingleTerm(term, smaller, province).term_amount).toBeLessThanOrEqual(quoteSingleTerm(term, larger, province).term_amount);
      }),
      RUNS,
    );
  });

  it('never decreases when the APR grows', () => {
    const interestBearing = singleTermArb.filter((term) => term.category !== 'no_interest');
    fc.assert(
      fc.property(interestBearing, aprArb, amountCentsArb, provinceArb, (term, otherApr, amountCents, province) => {
        const [lower, higher] = [term.aprTenThousandths, otherApr].sort((x, y) => x - y) as [number, number];
        expect(quoteSingleTerm({ ...term, aprTenThousandths: lower }, amountCents, province).term_amount).toBeLessThanOrEqual(
          quoteSingleTerm({ ...term, aprTenThousandths: higher }, amountCents, province).term_amount,
        );
      }),
      RUNS,
    );
  });

  it('gives every amount with at most two decimals', () => {
    const hasAtMostTwoDecimals = (value: number) => Number.isFinite(value) && Number(value.toFixed(2)) === value && /^\d+(\.\d{1,2})?$/.test(String(value));
    fc.assert(
      fc.property(singleTermArb, amountCentsArb, provinceArb, (term, amountCents, province) => {
        const quoted = quoteSingleTerm(term, amountCents, province);
        expect(hasAtMostTwoDecimals(quoted.term_amount)).toBe(true);
        for (const fee of quoted.fees) expect(hasAtMostTwoDecimals(fee.amount)).toBe(true);
      }),
      RUNS,
    );
  });
});

// ---- Arbitrary valid catalogues, for the round trip ----

/** A money string in one of the spellings the format allows: "12", "12.5" or "12.50". */
function moneyArb(maxCents: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 0, max: maxCents }), fc.constantFrom(0, 1, 2)).map(([cents, decimals]) => {
    const whole = Math.floor(cents / 100);
    if (decimals === 0) return String(whole);
    if (decimals === 1) return `${whole}.${Math.floor((cents % 100) / 10)}`;
    return centsToString(cents);
  });
}

const TRICKY_NAMES = [
  'null',
  '~',
  'yes',
  'no',
  'ON',
  '0.10',
  '12345',
  '- item',
  'key: value',
  '#hash',
  "it's",
  '"quoted"',
  '[list]',
  '{map}',
  '&anchor',
  '*alias',
  '!tag',
  '%directive',
  '@at',
  '`tick`',
  ' leading',
  'trailing ',
  'line\nbreak',
  'tab\there',
  'Intérêt régulier',
  'Paiement différé — 0 %',
  '日本語',
  '😀 plan',
];
const nameArb = fc.oneof(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), fc.constantFrom(...TRICKY_NAMES));

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Leaves out the keys whose value is undefined, as a parsed file would. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

const provincesArb = fc.subarray([...PROVINCE_CODES], { minLength: 1 });

const feeByProvinceArb = fc
  .subarray([...PROVINCE_CODES], { minLength: 1 })
  .chain((codes) =>
    fc
      .tuple(...codes.map((code) => (code === 'QC' ? fc.constantFrom('0', '0.00') : moneyArb(20_000))))
      .map((fees) => Object.fromEntries(codes.map((code, index) => [code, fees[index]]))),
  );

function termArb(category: PlanCategory): fc.Arbitrary<TermEntry> {
  return fc
    .record({
      months: fc.integer({ min: 1, max: 120 }),
      apr: category === 'no_interest' ? fc.constantFrom('0', '0.0', '0.000000') : aprArb.map(aprToString),
      bounds: fc.tuple(moneyArb(MAX_AMOUNT_CENTS), moneyArb(MAX_AMOUNT_CENTS)),
      fee: moneyArb(20_000),
      byProvince: optional(feeByProvinceArb),
      provinces: optional(provincesArb),
    })
    .map(({ months, apr, bounds, fee, byProvince, provinces }) => {
      const [min, max] = [...bounds].sort((x, y) => new Decimal(x).comparedTo(new Decimal(y)));
      return withoutUndefined({
        months,
        apr,
        min_amount: min ?? '0',
        max_amount: max ?? '0',
        admin_fee: withoutUndefined({ default: fee, by_province: byProvince }),
        provinces,
      }) as TermEntry;
    });
}

const planArb: fc.Arbitrary<PlanEntry> = fc
  .record({ id: fc.integer({ min: 1, max: 999 }), en: nameArb, fr: nameArb, category: categoryArb })
  .chain(({ id, en, fr, category }) =>
    fc
      .uniqueArray(termArb(category), { minLength: 1, maxLength: 4, selector: (term) => term.months })
      .map((terms): PlanEntry => ({ id, name: { en, fr }, category, terms })),
  );

function offerArb(plans: PlanEntry[]): fc.Arbitrary<OfferEntry> {
  return fc.constantFrom(...plans).chain((plan) =>
    fc
      .record({
        merchant_id: fc.stringMatching(/^[0-9A-Za-z_-]{1,32}$/),
        account_types: fc.subarray(['consumer', 'business'] as const, { minLength: 1 }),
        provinces: optional(provincesArb),
        term_months: optional(
          fc.subarray(
            plan.terms.map((term) => term.months),
            { minLength: 1 },
          ),
        ),
      })
      .map((offer) => withoutUndefined({ ...offer, plan_id: plan.id }) as OfferEntry),
  );
}

const catalogueArb: fc.Arbitrary<CatalogueFile> = fc
  .uniqueArray(planArb, { maxLength: 4, selector: (plan) => plan.id })
  .chain((plans) =>
    (plans.length === 0 ? fc.constant<OfferEntry[]>([]) : fc.array(offerArb(plans), { maxLength: 5 })).map((offers): CatalogueFile => ({ plans, offers })),
  );

describe('catalogue round trip', () => {
  it('parse(serialize(catalogue)) gives the catalogue back', () => {
    fc.assert(
      fc.property(catalogueArb, (catalogue) => {
        const text = serializeCatalogue(catalogue);
        const result = parseCatalogue(text, 'generated.yaml');
        if (!result.ok) throw new Error(`${JSON.stringify(result.errors)}\n${text}`);
        expect(result.catalogue).toStrictEqual(catalogue);
      }),
      RUNS,
    );
  });
});
