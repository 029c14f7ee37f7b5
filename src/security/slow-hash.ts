// Slow, salted hashes (scrypt) for everything a person types or a client keeps secret: client secrets, PINs, answers.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';

const KEY_LENGTH = 32;

/**
 * At most one hash per core at a time: each takes 128·N·r bytes (16 MiB at N=16384) while it runs, and more at once
 * would not finish sooner on a CPU-bound pool. A burst of verifies then waits in this queue, costing no memory, rather
 * than in libuv's pool where each running hash holds its buffer.
 */
const hashSlots = pLimit(Math.max(1, availableParallelism()));

function scryptAsync(secret: string, salt: Buffer, cost: number): Promise<Buffer> {
  return hashSlots(() => scryptOnce(secret, salt, cost));
}

function scryptOnce(secret: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // maxmem must grow with N: scrypt needs 128·N·r bytes.
    scrypt(secret, salt, KEY_LENGTH, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Encoded as `scrypt$N$salt$hash` so the cost can change without invalidating stored hashes. */
export async function slowHash(secret: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, cost);
  return `scrypt$${cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifySlowHash(secret: string, encoded: string): Promise<boolean> {
  const [scheme, costText, saltText, keyText] = encoded.split('$');
  if (scheme !== 'scrypt' || !costText || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(saltText, 'base64url'), Number(costText));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
