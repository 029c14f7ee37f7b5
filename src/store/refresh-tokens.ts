// Refresh tokens, kept only as hashes; each is spent once.
import type { Db } from './schema.js';
import type { RefreshTokensTable } from './schema.js';

export async function insertRefreshToken(db: Db, row: RefreshTokensTable): Promise<void> {
  await db.insertInto('refresh_tokens').values(row).execute();
}

/** Marks the token used if it is unused and its access token is still valid; true when this call spent it. */
export async function spendRefreshToken(db: Db, tokenHash: string, clientId: string, now: number): Promise<RefreshTokensTable | undefined> {
  const row = await db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row || row.client_id !== clientId || row.used_at !== null || row.access_expires_at <= now) return undefined;
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row : undefined;
}

export async function revokeRefreshTokensOf(db: Db, clientId: string, now: number): Promise<number> {
  const result = await db.updateTable('refresh_tokens').set({ used_at: now }).where('client_id', '=', clientId).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
