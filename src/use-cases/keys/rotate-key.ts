// Key rotation: a new version of a key, sealed under the master key in the store, where every node reads it.
import { freshKeyVersion } from '../../security/key-versions.js';
import type { SealedBox } from '../../security/sealed-box.js';
import type { UseCaseContext } from '../context.js';
import type { KeyPurpose } from '../ports.js';
import { retireUnusedVersions } from './retire-keys.js';

/** The start of each purpose's version ids: an id says which key it names, nothing of the key. */
const KID_TAGS: Record<KeyPurpose, string> = { 'token-signing': 'tok', outbox: 'box', 'card-hash': 'card' };

export interface Rotation {
  /** The new version's id (`kid` in tokens' headers, the prefix of sealed texts). */
  kid: string;
  /** Older versions retired on the way, nothing live being under them any more. */
  retired: string[];
}

/**
 * Adds a version that becomes the one every node signs or seals with once it reads the store (within KEYS_POLL_MS);
 * the older versions stay live until `retireUnusedVersions` finds nothing under them.
 */
export async function rotateKey(ctx: Pick<UseCaseContext, 'store' | 'now' | 'config'>, purpose: KeyPurpose, master: SealedBox): Promise<Rotation> {
  const version = freshKeyVersion(KID_TAGS[purpose]);
  await ctx.store.keyVersions.add({
    purpose,
    kid: version.kid,
    sealed_key: master.seal(version.secret),
    created_at: ctx.now(),
    retired_at: null,
    rehashed_at: null,
  });
  // A card hash version is a layer the newer ones wrap: none is ever retired.
  const retired = purpose === 'card-hash' ? [] : await retireUnusedVersions(ctx, purpose);
  return { kid: version.kid, retired: retired.map((r) => r.kid) };
}
