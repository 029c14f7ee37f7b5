// Builds the service context from the config: opens the store and loads the keys.
import type { Config } from '../config.js';
import { cardHasher } from '../infra/security/card-hash.js';
import { loadKeys } from '../infra/security/keys.js';
import { sealedBox } from '../infra/security/sealed-box.js';
import { openStore } from '../store/open-store.js';
import type { ServiceContext } from '../use-cases/context.js';

export function createContext(config: Config, now: () => number = Date.now): ServiceContext {
  const keys = loadKeys(config);
  const store = openStore(config);
  return { config, store, db: store.db, keys, hashCard: cardHasher(keys.cardHmac), outboxBox: sealedBox(keys.outbox), now };
}
