// The service's keys: from the environment, or generated once and kept in a file beside the embedded database.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';

export interface Keys {
  tokenSigning: string;
  cardHmac: string;
  pinHmac: string;
  outbox: string;
  /**
   * Seals the rotated key versions kept in the database. Absent only when the environment gives the four keys above
   * and not this one: such a deployment keeps no keys file, and gets none for it until it rotates a key.
   */
  master?: string;
}

const KEY_NAMES = ['tokenSigning', 'cardHmac', 'pinHmac', 'outbox', 'master'] as const;

const fresh = () => randomBytes(32).toString('base64url');

/** Every key from the environment but the master: as before key versions existed, no file is written or read. */
const fromEnvironment = (given: Config['keys']) => KEY_NAMES.every((k) => k === 'master' || given[k]);

const storedKeys = (file: string): Partial<Keys> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Keys>) : {});

/**
 * The keys `loadKeys` would generate (and write to the keys file) because neither the environment nor the file has
 * them: a command that must not make anything refuses to run rather than work under keys no node knows.
 */
export function keysToGenerate(config: Pick<Config, 'keys'>): string[] {
  const given = config.keys;
  if (fromEnvironment(given)) return [];
  const stored = storedKeys(given.file);
  return KEY_NAMES.filter((k) => !given[k] && !stored[k]);
}

export function loadKeys(config: Pick<Config, 'keys'>): Keys {
  const given = config.keys;
  if (KEY_NAMES.every((k) => given[k])) return Object.fromEntries(KEY_NAMES.map((k) => [k, given[k]])) as unknown as Keys;
  if (fromEnvironment(given)) return { ...(Object.fromEntries(KEY_NAMES.map((k) => [k, given[k]])) as unknown as Keys), master: undefined };
  const stored = storedKeys(given.file);
  const keys = Object.fromEntries(KEY_NAMES.map((k) => [k, given[k] ?? stored[k] ?? fresh()])) as unknown as Keys;
  // Only what the environment did not give is kept: a key passed in stays out of the file.
  const toKeep: Partial<Keys> = { ...stored };
  let missingFromFile = false;
  for (const k of KEY_NAMES) {
    if (given[k] || stored[k]) continue;
    toKeep[k] = keys[k];
    missingFromFile = true;
  }
  if (missingFromFile) {
    mkdirSync(dirname(given.file), { recursive: true });
    writeFileSync(given.file, JSON.stringify(toKeep, null, 2), { mode: 0o600 });
    chmodSync(given.file, 0o600);
  }
  return keys;
}
