// Rotated key versions (a few rows per purpose), and whether anything live is still sealed under one of them.
import { sql } from 'kysely';
import { BASE_KID } from '../security/key-versions.js';
import type { KeyPurpose, KeyVersionRecord } from '../use-cases/ports.js';
import type { Db } from './schema.js';

/** Through the instance, never the direct reader: that one may read a snapshot older than another node's rotation. */
export async function allKeyVersions(db: Db): Promise<KeyVersionRecord[]> {
  const rows = await db.selectFrom('key_versions').selectAll().orderBy('created_at').orderBy('kid').execute();
  // PostgreSQL's bigint arrives as text.
  const instant = (value: number | null) => (value === null ? null : Number(value));
  return rows.map((r) => ({ ...r, created_at: Number(r.created_at), retired_at: instant(r.retired_at), rehashed_at: instant(r.rehashed_at) }));
}

export async function addKeyVersion(db: Db, version: KeyVersionRecord): Promise<void> {
  await db.insertInto('key_versions').values(version).execute();
}

/**
 * Said in the statement that checks it, so a card stored under an older version by a node that had not read the new
 * one yet keeps the version unsettled (and its older forms tried) until a re-hash moves it too.
 */
export async function markCardsRehashed(db: Db, kid: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('key_versions')
    .set({ rehashed_at: at })
    .where('purpose', '=', 'card-hash')
    .where('kid', '=', kid)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('cards').select('card_hash').where('key_kid', '<>', kid))))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The base key lives in the environment, not here: its retirement is a row of its own, with no secret. */
export async function retireKeyVersion(db: Db, purpose: KeyPurpose, kid: string, at: number): Promise<void> {
  if (kid === BASE_KID) {
    await db
      .insertInto('key_versions')
      .values({ purpose, kid, sealed_key: null, created_at: 0, retired_at: at, rehashed_at: null })
      .onConflict((oc) => oc.columns(['purpose', 'kid']).doNothing())
      .execute();
    return;
  }
  await db.updateTable('key_versions').set({ sealed_key: null, retired_at: at }).where('purpose', '=', purpose).where('kid', '=', kid).execute();
}

/** `_` and `%` are LIKE's wildcards, and a kid may hold `_`. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Messages not yet sent (pending, or failed and kept for operators) and kept verify answers (a PIN sealed for replays)
 * whose sealed text names this version: `v1.…` for the base key, `v2.<kid>.…` for a rotated one.
 */
export async function countSealedUnder(db: Db, kid: string): Promise<number> {
  const prefix = kid === BASE_KID ? 'v1.' : `v2.${kid}.`;
  const messages = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '<>', 'sent')
    .where(sql<boolean>`payload like ${`${likeLiteral(prefix)}%`} escape '\\'`)
    .executeTakeFirstOrThrow();
  const answers = await db
    .selectFrom('idempotency_records')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(sql<boolean>`response_body like ${`%"${likeLiteral(prefix)}%`} escape '\\'`)
    .executeTakeFirstOrThrow();
  return Number(messages.n) + Number(answers.n);
}
