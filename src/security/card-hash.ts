// Cards are found by a keyed hash of their number: the number itself is never stored or logged.
//
// The number is not kept, so a new key cannot hash it again; a rotated key wraps the stored hash instead: under the
// versions base, v1, v2 a card is kept as HMAC(v2, HMAC(v1, HMAC(base, number))). Each version is a layer, so none
// can ever be dropped, and what a rotation buys is that the stored hashes match no number for whoever holds some of
// the keys (CARD_HMAC_KEY leaked from an environment, say) but not the newest layer, sealed in the database under
// KEYS_MASTER_KEY.
import { createHmac } from 'node:crypto';
import { BASE_KID, type KeyVersion } from './key-versions.js';

export type CardHasher = (cardNumber: string) => string;

const hmacHex = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

export const cardHasher =
  (key: string): CardHasher =>
  (cardNumber) =>
    hmacHex(key, cardNumber);

/** A card's hash as it is stored, and the key version that made it. */
export interface StoredCardHash {
  hash: string;
  kid: string;
}

/** The card hash under every live layer, as this node knows the layers. */
export interface CardHashes {
  /** The version new cards are stored under. */
  readonly currentKid: string;
  /** Whether every card is known to be under the current version (no re-hash under way). */
  readonly settled: boolean;
  /** Every layer's version, oldest (base) first. */
  readonly layerKids: readonly string[];
  /** What a new card is stored as. */
  current(cardNumber: string): StoredCardHash;
  /**
   * Every form a stored card may have, the current first: while a re-hash is under way a card may still be under
   * any older version; once every card was moved, the current form alone.
   */
  forms(cardNumber: string): string[];
  /** A hash stored under `kid`, wrapped in each newer layer; undefined when `kid` is no layer this node knows. */
  rewrap(hash: string, kid: string): string | undefined;
  /**
   * The innermost layer alone, for what must stay the same across rotations (the idempotency key of a reference id
   * that held a card number: a replay after a rotation must still find its first answer).
   */
  base(text: string): string;
}

/**
 * `layers` oldest first, the base key first; `settled` when every card is known to be under the newest layer (no
 * re-hash under way), so lookups make one hash chain and try one form.
 */
export function cardHashChain(layers: readonly KeyVersion[], settled: boolean): CardHashes {
  const [baseLayer] = layers;
  if (!baseLayer || baseLayer.kid !== BASE_KID) throw new Error('a card hash chain starts with the base key');
  const newest = layers.at(-1) ?? baseLayer;
  const chain = (number: string) => {
    const hashes = [hmacHex(baseLayer.secret, number)];
    for (let i = 1; i < layers.length; i += 1) hashes.push(hmacHex(layers[i]!.secret, hashes[i - 1]!));
    return hashes;
  };
  return {
    currentKid: newest.kid,
    settled,
    layerKids: layers.map((layer) => layer.kid),
    current: (number) => ({ hash: chain(number).at(-1)!, kid: newest.kid }),
    forms: (number) => {
      const hashes = chain(number);
      return settled ? [hashes.at(-1)!] : hashes.reverse();
    },
    rewrap(hash, kid) {
      const from = layers.findIndex((layer) => layer.kid === kid);
      if (from === -1) return undefined;
      let wrapped = hash;
      for (let i = from + 1; i < layers.length; i += 1) wrapped = hmacHex(layers[i]!.secret, wrapped);
      return wrapped;
    },
    base: (text) => hmacHex(baseLayer.secret, text),
  };
}
