// The cards by key version: what the card hash re-hash reads and moves, a batch at a time.
import type { Db } from './schema.js';

export async function countCardsByKeyVersion(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cards')
    .select((eb) => ['key_kid', eb.fn.countAll().as('n')])
    .groupBy('key_kid')
    .execute();
  return new Map(rows.map((r) => [r.key_kid, Number(r.n)]));
}

export async function cardsUnderKeyVersion(db: Db, kid: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('cards').select('card_hash').where('key_kid', '=', kid).orderBy('card_hash').limit(limit).execute();
  return rows.map((r) => r.card_hash);
}

/** Guarded by the version it was read under: a second re-hash that got there first leaves nothing to move. */
export async function moveCardHash(db: Db, fromHash: string, fromKid: string, hash: string, toKid: string): Promise<boolean> {
  const result = await db
    .updateTable('cards')
    .set({ card_hash: hash, key_kid: toKid })
    .where('card_hash', '=', fromHash)
    .where('key_kid', '=', fromKid)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
