// API clients and the merchants they belong to.
import { precompiled } from './precompiled.js';
import type { Db } from './schema.js';
import type { ApiClient } from './schema.js';

export function findClient(db: Db, clientId: string): Promise<ApiClient | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', clientId).executeTakeFirst();
}

export async function insertClient(db: Db, client: ApiClient): Promise<void> {
  await db.insertInto('api_clients').values(client).execute();
}

export async function upsertMerchant(db: Db, id: string, name: string): Promise<void> {
  await db
    .insertInto('merchants')
    .values({ id, name })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name }))
    .execute();
}

// Precompiled, so a request reads it on the direct reader: through Kysely's executor, a read outside a transaction
// runs on SQLite's writer connection and commits the open group of transactions first (verify read it before its
// transaction, so every verify committed alone: 700 a second instead of thousands).
const merchantNameQuery = precompiled((db, merchantId: string) => db.selectFrom('merchants').select('name').where('id', '=', merchantId));

export async function merchantName(db: Db, merchantId: string): Promise<string | undefined> {
  return (await merchantNameQuery(db, merchantId))[0]?.name;
}

export async function merchantExists(db: Db, merchantId: string): Promise<boolean> {
  return (await merchantName(db, merchantId)) !== undefined;
}

export async function disableClient(db: Db, clientId: string): Promise<boolean> {
  const result = await db.updateTable('api_clients').set({ disabled: 1 }).where('id', '=', clientId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function disabledClientIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('api_clients').select('id').where('disabled', '=', 1).execute();
  return rows.map((row) => row.id);
}
