// The service's keys: from the environment, or generated once and kept in a file beside the embedded database.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';

export interface Keys {
  tokenSigning: string;
  cardHmac: string;
  outbox: string;
}

const fresh = () => randomBytes(32).toString('base64url');

export function loadKeys(config: Pick<Config, 'keys'>): Keys {
  const { tokenSigning, cardHmac, outbox, file } = config.keys;
  if (tokenSigning && cardHmac && outbox) return { tokenSigning, cardHmac, outbox };
  let stored: Partial<Keys> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Keys>;
  const keys: Keys = {
    tokenSigning: tokenSigning ?? stored.tokenSigning ?? fresh(),
    cardHmac: cardHmac ?? stored.cardHmac ?? fresh(),
    outbox: outbox ?? stored.outbox ?? fresh(),
  };
  const missingFromFile = (['tokenSigning', 'cardHmac', 'outbox'] as const).some((k) => !stored[k] && !config.keys[k]);
  if (missingFromFile) {
    mkdirSync(dirname(file), { recursive: true });
    // Only what the environment did not give is kept: a key passed in stays out of the file.
    const toKeep = { ...stored };
    if (!tokenSigning) toKeep.tokenSigning = keys.tokenSigning;
    if (!cardHmac) toKeep.cardHmac = keys.cardHmac;
    if (!outbox) toKeep.outbox = keys.outbox;
    writeFileSync(file, JSON.stringify(toKeep, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return keys;
}
