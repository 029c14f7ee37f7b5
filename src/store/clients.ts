// API clients and the merchants they belong to.
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

export async function merchantName(db: Db, merchantId: string): Promise<string | undefined> {
  const row = await db.selectFrom('merchants').select('name').where('id', '=', merchantId).executeTakeFirst();
  return row?.name;
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
