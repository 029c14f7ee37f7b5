// PIN ids: UUID v7 from the pooled random bytes, in issue order even when thousands share a millisecond.
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/security/time-ordered-id.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msecsOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('timeOrderedId', () => {
  it('gives valid v7 ids that sort in the order they were made, all different, within one millisecond', () => {
    const at = Date.UTC(2026, 11, 7, 12, 0, 0);
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(at));
    for (const id of ids) expect(id).toMatch(V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(msecsOf(ids[0]!)).toBe(at);
  });

  it('carries the time of the call, and keeps issue order when the clock steps back', () => {
    const first = timeOrderedId(Date.UTC(2027, 0, 1));
    const later = timeOrderedId(Date.UTC(2027, 0, 1, 0, 0, 1));
    const stepBack = timeOrderedId(Date.UTC(2027, 0, 1));
    expect(msecsOf(later) - msecsOf(first)).toBe(1000);
    expect([first, later, stepBack].sort()).toEqual([first, later, stepBack]);
  });

  it('draws fresh random bits for each id', () => {
    const tails = new Set(Array.from({ length: 1000 }, () => timeOrderedId(Date.UTC(2027, 1, 1)).slice(-12)));
    expect(tails.size).toBe(1000);
  });
});
