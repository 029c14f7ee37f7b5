// Nonces from the pooled generator: never the same bytes twice, across refills, whatever the sizes asked.
import { describe, expect, it } from 'vitest';
import { randomBytesPool } from '../../src/security/random-pool.js';
import { sealedBox } from '../../src/security/sealed-box.js';

describe('pooled random bytes', () => {
  it('hands out each nonce once, across many refills of a small pool', () => {
    const draw = randomBytesPool(64);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const nonce = draw(12);
      expect(nonce.length).toBe(12);
      seen.add(nonce.toString('hex'));
    }
    expect(seen.size).toBe(5000);
  });

  it('keeps the bytes it gave: a refill does not change a nonce already handed out', () => {
    const draw = randomBytesPool(24);
    const first = draw(12);
    const copy = Buffer.from(first);
    for (let i = 0; i < 10; i++) draw(12);
    expect(first.equals(copy)).toBe(true);
  });

  it('serves a size larger than its pool from a fresh fill', () => {
    const draw = randomBytesPool(16);
    const big = draw(100);
    expect(big.length).toBe(100);
    expect(new Set(big).size).toBeGreaterThan(20);
  });

  it('gives the sealed box a fresh nonce per seal: the same text sealed twice differs, and opens', () => {
    const box = sealedBox('a-test-secret-of-enough-length-0123456789');
    const once = box.seal('PIN 1234');
    const twice = box.seal('PIN 1234');
    expect(once).not.toBe(twice);
    expect(once.split('.')[1]).not.toBe(twice.split('.')[1]);
    expect([box.open(once), box.open(twice)]).toEqual(['PIN 1234', 'PIN 1234']);
  });
});
