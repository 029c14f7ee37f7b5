// The ledger's arithmetic, by property: each entry type moves balance and holds by its amount in one fixed direction,
// the money after any sequence of entries is the opening money plus the sums of their effects, and the available credit
// is the formula, never below zero.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEntry, availableCredit, effectOf, type EntryType, type Money } from '../../src/domain/purchases/ledger.js';

const TYPES: EntryType[] = ['hold', 'capture', 'release', 'return', 'refund', 'deposit', 'instore_payment', 'tradein'];
const CREDITS: EntryType[] = ['return', 'refund', 'deposit', 'instore_payment', 'tradein'];

const cents = fc.integer({ min: 1, max: 10_000_000_00 });
const money: fc.Arbitrary<Money> = fc.record({
  creditLimitCents: fc.integer({ min: 0, max: 10_000_000_00 }),
  balanceCents: fc.integer({ min: -1_000_000_00, max: 10_000_000_00 }),
  holdsCents: fc.integer({ min: 0, max: 10_000_000_00 }),
});
const entry = fc.record({ type: fc.constantFrom(...TYPES), amountCents: cents });

describe('the ledger (pure)', () => {
  it('an effect is linear in the amount, and a zero delta is 0, never -0', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), cents, cents, (type, a, b) => {
        const sum = effectOf(type, a + b);
        expect(sum.balanceDeltaCents).toBe(effectOf(type, a).balanceDeltaCents + effectOf(type, b).balanceDeltaCents);
        expect(sum.holdsDeltaCents).toBe(effectOf(type, a).holdsDeltaCents + effectOf(type, b).holdsDeltaCents);
        for (const delta of [sum.balanceDeltaCents, sum.holdsDeltaCents]) expect(Object.is(delta, -0)).toBe(false);
      }),
    );
  });

  it('each type moves the money the way its name says', () => {
    fc.assert(
      fc.property(cents, (a) => {
        expect(effectOf('hold', a)).toEqual({ balanceDeltaCents: 0, holdsDeltaCents: a });
        // A capture turns held credit into balance: the available credit does not move.
        expect(effectOf('capture', a)).toEqual({ balanceDeltaCents: a, holdsDeltaCents: -a });
        expect(effectOf('release', a)).toEqual({ balanceDeltaCents: 0, holdsDeltaCents: -a });
        for (const type of CREDITS) expect(effectOf(type, a)).toEqual({ balanceDeltaCents: -a, holdsDeltaCents: 0 });
      }),
    );
  });

  it('after any sequence of entries: balance and holds are the opening ones plus the sums of the deltas; the limit never moves', () => {
    fc.assert(
      fc.property(money, fc.array(entry, { maxLength: 40 }), (opening, entries) => {
        const after = entries.reduce((m, e) => applyEntry(m, e.type, e.amountCents), opening);
        const deltas = entries.map((e) => effectOf(e.type, e.amountCents));
        expect(after.balanceCents).toBe(opening.balanceCents + deltas.reduce((s, d) => s + d.balanceDeltaCents, 0));
        expect(after.holdsCents).toBe(opening.holdsCents + deltas.reduce((s, d) => s + d.holdsDeltaCents, 0));
        expect(after.creditLimitCents).toBe(opening.creditLimitCents);
        // Order does not matter: the same entries reversed lead to the same money.
        expect(entries.reduceRight((m, e) => applyEntry(m, e.type, e.amountCents), opening)).toEqual(after);
      }),
    );
  });

  it('a purchase held then captured or released in parts ends with no hold; captured parts are balance, released parts nothing', () => {
    fc.assert(
      fc.property(
        money,
        cents,
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 10 }),
        (opening, amount, parts) => {
          // The amount cut into parts by their weights, the last part taking what rounding left.
          const total = parts.reduce((s, [, w]) => s + w, 0);
          let left = amount;
          const cuts = parts.map(([capture, w], i) => {
            const part = i === parts.length - 1 ? left : Math.floor((amount * w) / total);
            left -= part;
            return { type: (capture ? 'capture' : 'release') as EntryType, amountCents: part };
          });
          let m = applyEntry(opening, 'hold', amount);
          for (const c of cuts.filter((c) => c.amountCents > 0)) m = applyEntry(m, c.type, c.amountCents);
          const captured = cuts.filter((c) => c.type === 'capture').reduce((s, c) => s + c.amountCents, 0);
          expect(m).toEqual({ ...opening, balanceCents: opening.balanceCents + captured });
        },
      ),
    );
  });

  it('the available credit is limit − balance − holds, never below zero', () => {
    fc.assert(
      fc.property(money, (m) => {
        const available = availableCredit(m);
        expect(available).toBe(Math.max(0, m.creditLimitCents - m.balanceCents - m.holdsCents));
        expect(available).toBeGreaterThanOrEqual(0);
        expect(Object.is(available, -0)).toBe(false);
      }),
    );
  });

  it('a hold never raises the available credit, a credit never lowers it, a capture leaves it as it was', () => {
    fc.assert(
      fc.property(money, cents, (m, a) => {
        expect(availableCredit(applyEntry(m, 'hold', a))).toBeLessThanOrEqual(availableCredit(m));
        for (const type of [...CREDITS, 'release' as const]) expect(availableCredit(applyEntry(m, type, a))).toBeGreaterThanOrEqual(availableCredit(m));
        expect(availableCredit(applyEntry(m, 'capture', a))).toBe(availableCredit(m));
      }),
    );
  });
});
