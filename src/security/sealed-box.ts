// Authenticated encryption (AES-256-GCM) for data that must be readable later but never sit in clear: outbox messages.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { pooledRandomBytes } from './random-pool.js';
import { BASE_KID, type KeyVersion } from './key-versions.js';

export interface SealedBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Thrown when a sealed text names a key version this box was not given (rotated elsewhere, or retired). */
export class UnknownKeyVersion extends Error {
  constructor(readonly kid: string) {
    super(`sealed under key version ${kid}, which is not known here`);
  }
}

const aesKey = (secret: string) => createHash('sha256').update(secret).digest();

function sealWith(key: Buffer, plain: string): string {
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
}

function openWith(key: Buffer, iv: string | undefined, tag: string | undefined, data: string | undefined): string {
  if (!iv || !tag || data === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** One key, no version: `v1.<iv>.<tag>.<data>`. */
export function sealedBox(secret: string): SealedBox {
  const key = aesKey(secret);
  return {
    seal: (plain) => `v1.${sealWith(key, plain)}`,
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1') throw new Error('not a sealed value');
      return openWith(key, iv, tag, data);
    },
  };
}

/** The key version a sealed text names: `v2.<kid>.…`, or the base key for the unversioned `v1.…` form. */
export function sealedKeyId(sealed: string): string | undefined {
  if (sealed.startsWith('v1.')) return BASE_KID;
  if (!sealed.startsWith('v2.')) return undefined;
  return sealed.split('.')[1];
}

/**
 * Seals under `current` and opens under any of `known`. The base key keeps the `v1` form, so what was sealed before
 * any rotation and what is sealed until the first one read the same; a rotated version writes `v2.<kid>.…`.
 */
export function versionedSealedBox(current: KeyVersion, known: readonly KeyVersion[]): SealedBox {
  const keys = new Map(known.map((v) => [v.kid, aesKey(v.secret)]));
  const currentKey = aesKey(current.secret);
  const keyFor = (kid: string) => {
    const key = keys.get(kid);
    if (!key) throw new UnknownKeyVersion(kid);
    return key;
  };
  return {
    seal: (plain) => (current.kid === BASE_KID ? `v1.${sealWith(currentKey, plain)}` : `v2.${current.kid}.${sealWith(currentKey, plain)}`),
    open(sealed) {
      const parts = sealed.split('.');
      if (parts[0] === 'v1') return openWith(keyFor(BASE_KID), parts[1], parts[2], parts[3]);
      if (parts[0] === 'v2' && parts[1]) return openWith(keyFor(parts[1]), parts[2], parts[3], parts[4]);
      throw new Error('not a sealed value');
    },
  };
}
