// Retiring key versions: a superseded version is forgotten (its secret wiped) once nothing live can be under it.
import { BASE_KID } from '../../security/key-versions.js';
import type { UseCaseContext } from '../context.js';
import type { KeyPurpose, KeyVersionRecord } from '../ports.js';

export interface VersionState {
  kid: string;
  createdAt: number | null;
  /** When the next version was added; null for the current one. */
  supersededAt: number | null;
  retiredAt: number | null;
}

/** Every version of a purpose, oldest first, the base key included (its row, if any, only says it was retired). */
export function versionsOf(purpose: KeyPurpose, rows: readonly KeyVersionRecord[]): VersionState[] {
  const mine = rows.filter((r) => r.purpose === purpose);
  const baseRow = mine.find((r) => r.kid === BASE_KID);
  const rotated = mine.filter((r) => r.kid !== BASE_KID);
  const states: VersionState[] = [{ kid: BASE_KID, createdAt: null, supersededAt: rotated[0]?.created_at ?? null, retiredAt: baseRow?.retired_at ?? null }];
  rotated.forEach((r, i) => states.push({ kid: r.kid, createdAt: r.created_at, supersededAt: rotated[i + 1]?.created_at ?? null, retiredAt: r.retired_at }));
  return states;
}

/**
 * When a superseded version can no longer be needed: every node has switched away from it (it reads the versions
 * every KEYS_POLL_MS; twice that, for a read on its way), and for a signing key every token it signed has expired.
 */
function unneededFrom(purpose: KeyPurpose, supersededAt: number, ctx: Pick<UseCaseContext, 'config'>): number {
  const switched = supersededAt + 2 * ctx.config.keysPollMs;
  return purpose === 'token-signing' ? switched + ctx.config.tokenTtlSeconds * 1000 : switched;
}

export interface Retirement {
  kid: string;
}

/**
 * Retires every superseded version nothing can still be under: for tokens, once the last it signed has expired; for
 * the outbox, once every node seals with a newer one and no message waiting or kept answer is sealed under it.
 */
export async function retireUnusedVersions(ctx: Pick<UseCaseContext, 'store' | 'now' | 'config'>, purpose: KeyPurpose): Promise<Retirement[]> {
  // A card hash version is a layer under the newer ones: wiping it would make every card unfindable.
  if (purpose === 'card-hash') return [];
  const now = ctx.now();
  const retired: Retirement[] = [];
  for (const version of versionsOf(purpose, await ctx.store.keyVersions.all())) {
    if (version.retiredAt !== null || version.supersededAt === null) continue;
    if (now < unneededFrom(purpose, version.supersededAt, ctx)) continue;
    if (purpose === 'outbox' && (await ctx.store.keyVersions.sealedUnder(version.kid)) > 0) continue;
    await ctx.store.keyVersions.retire(purpose, version.kid, now);
    retired.push({ kid: version.kid });
  }
  return retired;
}
