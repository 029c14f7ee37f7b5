// What every use case is given: the store's ports, the keys' workers, the config and the clock (so tests control time).
import type { Config } from '../config.js';
import type { PinHasher } from '../security/pin-hash.js';
import type { FailureThrottle, LiveCardHashes, OutboxChannel, SealingKeys, StorePort, TokenKeys } from './ports.js';

export interface UseCaseContext {
  config: Config;
  store: StorePort;
  /** The HS256 keys: the newest signs access tokens, every live version checks them (by the token's `kid`). */
  tokenKeys: TokenKeys;
  /** Cards by their keyed hash, under the card hash key's versions this node has read. */
  cardHashes: LiveCardHashes;
  /** PINs are stored as a keyed hash bound to their account, client and request id. */
  pins: PinHasher;
  /** Seals what must be readable later but never stored in clear: outbox messages, PINs kept for replays. */
  seal: SealingKeys;
  /**
   * The channels this node has nowhere to send on (no SMS gateway, no SMTP server), each with the setting it lacks: their
   * messages are written as held, as the dispatcher would have marked them.
   */
  heldChannels: Readonly<Partial<Record<OutboxChannel, string>>>;
  /** Failed client authentications of the token call, per client id and per address. */
  tokenFailures: FailureThrottle;
  now: () => number;
}
