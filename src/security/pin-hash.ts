// PINs are found by a keyed hash bound to what the PIN was issued for: the same four digits for another account,
// client or request id hash differently. A PIN lives minutes and is tried three times at most, so a keyed hash (key
// outside the database) protects it as well as a slow hash would, at a fraction of the cost per verify.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PinBinding {
  accountNumber: number;
  clientId: string;
  requestId: string | null;
}

export interface PinHasher {
  hash(pin: string, binding: PinBinding): string;
  matches(pin: string, binding: PinBinding, stored: string): boolean;
}

/** Hashes written by this version start with this, so a future key or algorithm can be told apart. */
const PREFIX = 'h1$';

export function pinHasher(key: string): PinHasher {
  const hash = (pin: string, b: PinBinding) =>
    PREFIX +
    createHmac('sha256', key)
      .update(`${b.accountNumber}\u0000${b.clientId}\u0000${b.requestId ?? ''}\u0000${pin}`)
      .digest('base64url');
  return {
    hash,
    matches(pin, binding, stored) {
      const expected = Buffer.from(hash(pin, binding));
      const actual = Buffer.from(stored);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
