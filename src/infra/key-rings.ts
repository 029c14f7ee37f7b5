// The rotated keys, held in memory for the request path: read from the store at start, again on a poll, and at once
// when a token or a sealed text names a version this node has not seen yet.
import { cardHashChain, type CardHashes } from '../security/card-hash.js';
import { BASE_KID, isWellFormedKid, type KeyVersion } from '../security/key-versions.js';
import { sealedBox, sealedKeyId, versionedSealedBox, type SealedBox } from '../security/sealed-box.js';
import type { KeyPurpose, KeyVersionRecord, KeyVersionsPort, LiveCardHashes, SealingKeys, TokenKeys } from '../use-cases/ports.js';

/** The keys the environment (or the keys file) gives: each purpose's base version, and the master that seals the rest. */
export interface BaseKeys {
  /** Absent when not configured: rotated versions then cannot be opened, and the base keys serve alone. */
  master?: string;
  tokenSigning: string;
  outbox: string;
  cardHmac: string;
}

export interface KeyRingsWatch {
  tokenKeys: TokenKeys;
  seal: SealingKeys;
  /** The card hash under the layers this node has read (a stable object: it follows each read). */
  cardHashes: LiveCardHashes;
  /** Reads the versions now. */
  refresh(): Promise<void>;
  /**
   * Reads them now, then every `pollMs`; a failed read keeps the last rings (and is told to `onError`). `onSwitch` is
   * told each time this node starts signing or sealing with another version (by id: never the key).
   */
  start(pollMs: number, onError: (error: unknown) => void, onSwitch?: (purpose: KeyPurpose, kid: string) => void): Promise<void>;
  stop(): void;
}

interface Ring {
  current: KeyVersion;
  known: Map<string, string>;
  /** Versions retired: a token or text naming one is refused without reading the store again. */
  retired: Set<string>;
}

/** The live versions of one purpose, oldest first: the base key unless retired, then every rotated one not retired. */
function ringOf(
  purpose: KeyPurpose,
  rows: readonly KeyVersionRecord[],
  baseSecret: string,
  master: SealedBox | undefined,
  onError: (error: unknown) => void,
): Ring {
  const mine = rows.filter((row) => row.purpose === purpose);
  const live: KeyVersion[] = mine.some((row) => row.kid === BASE_KID && row.retired_at !== null) ? [] : [{ kid: BASE_KID, secret: baseSecret }];
  for (const row of mine) {
    if (row.kid === BASE_KID || row.retired_at !== null || !row.sealed_key) continue;
    if (!master) {
      onError(new Error(`the ${purpose} key version ${row.kid} cannot be opened: KEYS_MASTER_KEY is not set on this node`));
      continue;
    }
    try {
      live.push({ kid: row.kid, secret: master.open(row.sealed_key) });
    } catch {
      // Another master key sealed it: this node goes on with the versions it can open, and says which it cannot.
      onError(new Error(`the ${purpose} key version ${row.kid} cannot be opened with this node's KEYS_MASTER_KEY`));
    }
  }
  const current = live.at(-1) ?? { kid: BASE_KID, secret: baseSecret };
  const retired = new Set(mine.filter((row) => row.retired_at !== null).map((row) => row.kid));
  return { current, known: new Map(live.map((v) => [v.kid, v.secret])), retired };
}

/**
 * The card hash's layers: the base key, then every rotated version in order. A layer this node cannot open ends the
 * chain there (and is told): the cards under it and later ones are then not found by this node, which is better than
 * hashing them under a chain that is not theirs.
 */
function cardChainOf(rows: readonly KeyVersionRecord[], baseSecret: string, master: SealedBox | undefined, onError: (error: unknown) => void): CardHashes {
  const layers: KeyVersion[] = [{ kid: BASE_KID, secret: baseSecret }];
  let settled = true;
  for (const row of rows) {
    if (row.purpose !== 'card-hash' || row.kid === BASE_KID || !row.sealed_key) continue;
    try {
      if (!master) throw new Error('KEYS_MASTER_KEY is not set on this node');
      layers.push({ kid: row.kid, secret: master.open(row.sealed_key) });
      settled = row.rehashed_at !== null;
    } catch (error) {
      onError(new Error(`the card-hash key version ${row.kid} cannot be opened: ${error instanceof Error ? error.message : String(error)}`));
      break;
    }
  }
  return cardHashChain(layers, settled);
}

/**
 * A node signs and seals with the newest version it has read, and accepts every live one. Another node may rotate at
 * any time: until this one reads the store again it signs and seals with the previous version, which every node still
 * accepts; and a token or a text under a version it has not seen makes it read the store at once (one read at a
 * time, and only for an id of the right shape), so no node ever refuses what another has just made.
 */
export function watchKeyRings(versions: Pick<KeyVersionsPort, 'all'>, base: BaseKeys): KeyRingsWatch {
  const master = base.master === undefined ? undefined : sealedBox(base.master);
  let onError: (error: unknown) => void = () => undefined;
  let onSwitch: (purpose: KeyPurpose, kid: string) => void = () => undefined;
  let token: Ring = { current: { kid: BASE_KID, secret: base.tokenSigning }, known: new Map([[BASE_KID, base.tokenSigning]]), retired: new Set() };
  let outbox: SealedBox = versionedSealedBox({ kid: BASE_KID, secret: base.outbox }, [{ kid: BASE_KID, secret: base.outbox }]);
  let outboxKids = new Set([BASE_KID]);
  let outboxRetired = new Set<string>();
  let sealingKid = BASE_KID;
  let cards = cardHashChain([{ kid: BASE_KID, secret: base.cardHmac }], true);
  const encoded = new Map<string, Uint8Array>();
  const bytes = (secret: string) => {
    let key = encoded.get(secret);
    if (!key) encoded.set(secret, (key = new TextEncoder().encode(secret)));
    return key;
  };
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> | undefined;
  let lastRead = -Infinity;

  const load = async () => {
    lastRead = performance.now();
    const rows = await versions.all();
    const signedWith = token.current.kid;
    token = ringOf('token-signing', rows, base.tokenSigning, master, onError);
    if (token.current.kid !== signedWith) onSwitch('token-signing', token.current.kid);
    const outboxRing = ringOf('outbox', rows, base.outbox, master, onError);
    if (outboxRing.current.kid !== sealingKid) onSwitch('outbox', outboxRing.current.kid);
    sealingKid = outboxRing.current.kid;
    outbox = versionedSealedBox(
      outboxRing.current,
      [...outboxRing.known].map(([kid, secret]) => ({ kid, secret })),
    );
    outboxKids = new Set(outboxRing.known.keys());
    outboxRetired = outboxRing.retired;
    const hashedWith = cards.currentKid;
    cards = cardChainOf(rows, base.cardHmac, master, onError);
    if (cards.currentKid !== hashedWith) onSwitch('card-hash', cards.currentKid);
  };
  const refresh = () => (reading ??= load().finally(() => (reading = undefined)));
  /** Whether a version this node does not hold may exist: of the right shape, and not one it has seen retired. */
  const worthReading = (kid: string, retired: Set<string>) => isWellFormedKid(kid) && !retired.has(kid);
  /** Reads until `known` says yes: a read already on its way may have started before the version was added. */
  const readUntilKnown = async (known: () => boolean) => {
    for (let reads = 0; reads < 2 && !known(); reads++) await refresh();
  };

  return {
    tokenKeys: {
      signing: () => ({ kid: token.current.kid, key: bytes(token.current.secret) }),
      async verifying(kid) {
        if (!token.known.has(kid) && worthReading(kid, token.retired)) await readUntilKnown(() => token.known.has(kid));
        const secret = token.known.get(kid);
        return secret === undefined ? undefined : bytes(secret);
      },
    },
    seal: {
      seal: (plain) => outbox.seal(plain),
      open: (sealed) => outbox.open(sealed),
      async openFresh(sealed) {
        const kid = sealedKeyId(sealed);
        if (kid !== undefined && !outboxKids.has(kid) && worthReading(kid, outboxRetired)) await readUntilKnown(() => outboxKids.has(kid));
        return outbox.open(sealed);
      },
    },
    cardHashes: {
      get currentKid() {
        return cards.currentKid;
      },
      get settled() {
        return cards.settled;
      },
      get layerKids() {
        return cards.layerKids;
      },
      current: (number) => cards.current(number),
      forms: (number) => cards.forms(number),
      rewrap: (hash, kid) => cards.rewrap(hash, kid),
      base: (text) => cards.base(text),
      async freshen() {
        // Once a second at most: a till typing unknown card numbers must not turn each into a read of the store.
        if (performance.now() - lastRead < 1000) return false;
        const before = cards;
        await refresh();
        return cards.currentKid !== before.currentKid || cards.settled !== before.settled;
      },
    },
    refresh,
    async start(pollMs, errors, switched) {
      onError = errors;
      if (switched) onSwitch = switched;
      await refresh();
      timer = setInterval(() => refresh().catch(errors), pollMs);
      // A poll never keeps the process alive on its own.
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
