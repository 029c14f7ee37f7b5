// Random bytes for nonces, drawn from a pooled buffer: each randomBytes call for a handful of bytes costs a trip into
// OpenSSL's generator (about as much as the AES-GCM seal it feeds), while one fill of a few KiB costs barely more.
// The bytes come from the same CSPRNG either way, and each is handed out once.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;

export function randomBytesPool(poolBytes = POOL_BYTES): (size: number) => Buffer {
  const pool = Buffer.alloc(poolBytes);
  let next = poolBytes;
  return (size) => {
    if (size > poolBytes) return randomFillSync(Buffer.alloc(size));
    if (next + size > poolBytes) {
      randomFillSync(pool);
      next = 0;
    }
    // A copy: the caller keeps its bytes while the pool is refilled under it.
    const bytes = Buffer.from(pool.subarray(next, next + size));
    next += size;
    return bytes;
  };
}

/** The process's pool, for the sealed box's nonces. */
export const pooledRandomBytes = randomBytesPool();
