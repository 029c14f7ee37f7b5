// Instants on the wire are the ISO text to the second, whatever the instant: every day of Date's range, before 1970
// and after 9999 included, and days asked in any order (the formatter keeps the last day's date).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireInstant } from '../../src/use-cases/purchases/till.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

describe('wireInstant', () => {
  it('is the ISO text less its milliseconds, for any instant in Date range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 99_999_999 }), fc.integer({ min: 0, max: DAY - 1 }), (day, ms) => {
        expect(wireInstant(day * DAY + ms)).toBe(iso(day * DAY + ms));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the edges of a day and days asked back and forth', () => {
    const today = Date.UTC(2026, 11, 7);
    for (const at of [today, today + DAY - 1, today - 1, today + 999, today + 1000, 0, -1, Date.UTC(9999, 11, 31, 23, 59, 59), Date.UTC(10000, 0, 1)])
      expect(wireInstant(at)).toBe(iso(at));
    expect(wireInstant(Date.UTC(2026, 11, 7, 14, 5, 9, 730))).toBe('2026-12-07T14:05:09Z');
  });
});
