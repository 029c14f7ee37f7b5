// UUID v7 ids whose random bits come from the pooled generator. uuid's own v7 asks WebCrypto for 16 bytes on every
// call (about 6 µs, more than the rest of an insert); given the bytes, it keeps no state, so the monotonic counter
// that keeps ids of one millisecond in issue order is kept here, as uuid keeps it (RFC 9562, method 1).
import { v7 } from 'uuid';
import { pooledRandomBytes } from './random-pool.js';

const state = { msecs: -Infinity, seq: 0 };

/** A seed for a millisecond's counter: 31 random bits, so the counter has room to grow before it wraps. */
const seedOf = (bytes: Uint8Array) => ((bytes[6]! & 0x7f) << 24) | (bytes[7]! << 16) | (bytes[8]! << 8) | bytes[9]!;

export function timeOrderedId(now = Date.now()): string {
  const random = pooledRandomBytes(16);
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = seedOf(random);
  } else {
    state.seq = (state.seq + 1) | 0;
    // The counter wrapped within one millisecond: the next ids borrow the next millisecond, as uuid does.
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
}
