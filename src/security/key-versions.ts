// Key versions: a rotated key is a fresh random secret under a fresh id, and the id travels with what it protects
// (a token's `kid`, a sealed text's prefix) so any version still live can be found again.
import { randomBytes } from 'node:crypto';

/** A key and the id that names it. */
export interface KeyVersion {
  kid: string;
  secret: string;
}

/** The id of the key the environment (or the keys file) gives: the version every store starts with. */
export const BASE_KID = 'base';

/** What a rotated version's id looks like: a short purpose tag and 16 random characters. */
const ROTATED_KID = /^[a-z]{1,8}-[A-Za-z0-9_-]{16}$/;

/** Whether `kid` could name a version: only such an id is worth reading the store again for. */
export const isWellFormedKid = (kid: string): boolean => kid === BASE_KID || ROTATED_KID.test(kid);

/** A new version: 32 random bytes, and an id that says nothing about them. */
export function freshKeyVersion(tag: string): KeyVersion {
  return { kid: `${tag}-${randomBytes(12).toString('base64url')}`, secret: randomBytes(32).toString('base64url') };
}
