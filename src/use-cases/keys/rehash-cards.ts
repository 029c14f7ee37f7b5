// The card hash re-hash: after a rotation, every card's stored hash is wrapped in the new layer, a batch per
// transaction, while lookups go on trying every form. Its state is the cards' own key versions, so a re-hash that was
// stopped resumes where it was by running again, and two at once move each card once.
import { BASE_KID } from '../../security/key-versions.js';
import type { UseCaseContext } from '../context.js';

/** Cards moved per transaction: short transactions, so the tills' writes never wait long behind one. */
const BATCH = 500;

export interface RehashReport {
  /** The version every card is now under (the newest this process has read). */
  kid: string;
  moved: number;
  /** Cards under a version this process cannot open, left where they are (see the warning the ring logged). */
  stranded: number;
  /** True once the version says every card is under it: the nodes then try the newest form alone. */
  settled: boolean;
}

/**
 * Every node must hash with the new layer before any card is moved under it: a node still on the older layers would
 * not find a moved card. A node reads the versions every KEYS_POLL_MS; twice that covers a read already on its way.
 */
export function rehashMayStartAt(ctx: Pick<UseCaseContext, 'config'>, addedAt: number): number {
  return addedAt + 2 * ctx.config.keysPollMs;
}

export interface RehashOptions {
  onProgress?: (moved: number, total: number) => void;
  /** Cards per transaction. */
  batch?: number;
}

export async function rehashCards(ctx: Pick<UseCaseContext, 'store' | 'cardHashes' | 'now'>, options: RehashOptions = {}): Promise<RehashReport> {
  const { onProgress = () => undefined, batch: batchSize = BATCH } = options;
  const hashes = ctx.cardHashes;
  const target = hashes.currentKid;
  const counts = await ctx.store.cardKeys.countByVersion();
  const older = hashes.layerKids.filter((kid) => kid !== target);
  const total = older.reduce((sum, kid) => sum + (counts.get(kid) ?? 0), 0);
  const stranded = [...counts].filter(([kid]) => !hashes.layerKids.includes(kid)).reduce((sum, [, n]) => sum + n, 0);
  let moved = 0;
  onProgress(moved, total);
  for (const kid of older) {
    for (;;) {
      const batch = await ctx.store.cardKeys.underVersion(kid, batchSize);
      if (batch.length === 0) break;
      moved += await ctx.store.transaction(async (tx) => {
        let n = 0;
        for (const hash of batch) {
          const wrapped = hashes.rewrap(hash, kid);
          // `kid` is one of this chain's layers, so it always rewraps; the guard keeps the types honest.
          if (wrapped !== undefined && (await tx.cardKeys.move(hash, kid, wrapped, target))) n += 1;
        }
        return n;
      });
      onProgress(moved, total);
    }
  }
  // The base key alone (never rotated) has no version row to mark, and nothing to move.
  const settled = stranded === 0 && (target === BASE_KID || (await ctx.store.keyVersions.markRehashed(target, ctx.now())));
  return { kid: target, moved, stranded, settled };
}
