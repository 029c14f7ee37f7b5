// What every use case is given: the store, the keys, the config and the clock (so tests control time).
import type { Config } from '../config.js';
import type { CardHasher } from '../infra/security/card-hash.js';
import type { Keys } from '../infra/security/keys.js';
import type { SealedBox } from '../infra/security/sealed-box.js';
import type { Db, Store } from '../store/open-store.js';

export interface ServiceContext {
  config: Config;
  store: Store;
  db: Db;
  keys: Keys;
  hashCard: CardHasher;
  outboxBox: SealedBox;
  now: () => number;
}

export type Scope = 'merchant' | 'customer';

/** The authenticated API client a request acts for, from its access token. */
export interface Principal {
  clientId: string;
  merchantId: string;
  channel: 'in_store' | 'online';
  mayOverride: boolean;
  scope: Scope;
}

/** Identifies one POST for idempotency: the same client and reference id with the same request hash is a replay. */
export interface IdempotencyKey {
  clientId: string;
  referenceId: string;
  requestHash: string;
}

/** Who asked, for the audit trail. */
export interface Actor {
  principal: Principal;
  referenceId: string;
}
