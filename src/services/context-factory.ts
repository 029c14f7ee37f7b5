// Builds the service context from the config: opens the store and loads the keys.
import type { Config } from '../config.js';
import { cardHasher } from '../security/card-hash.js';
import { loadKeys } from '../security/keys.js';
import { sealedBox } from '../security/sealed-box.js';
import { openStore } from '../store/db.js';
import type { ServiceContext } from './context.js';

export function createContext(config: Config, now: () => number = Date.now): ServiceContext {
  const keys = loadKeys(config);
  const store = openStore(config);
  return { config, store, db: store.db, keys, hashCard: cardHasher(keys.cardHmac), outboxBox: sealedBox(keys.outbox), now };
}
