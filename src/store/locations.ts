// The stores (locations) each API client has registered: purchases and payments name one of them.
import type { ClientLocation } from '../use-cases/ports.js';
import { precompiled } from './precompiled.js';
import type { Db } from './schema.js';

const registered = precompiled((db, clientId: string, externalLocationId: string) =>
  db.selectFrom('client_locations').select('client_id').where('client_id', '=', clientId).where('external_location_id', '=', externalLocationId),
);

export async function isRegisteredLocation(db: Db, clientId: string, externalLocationId: string): Promise<boolean> {
  return (await registered(db, clientId, externalLocationId)).length > 0;
}

export function locationsOf(db: Db, clientId: string): Promise<ClientLocation[]> {
  return db.selectFrom('client_locations').selectAll().where('client_id', '=', clientId).orderBy('external_location_id').execute();
}

/** Adding a location again renames it. */
export async function addLocation(db: Db, location: ClientLocation): Promise<void> {
  await db
    .insertInto('client_locations')
    .values(location)
    .onConflict((oc) => oc.columns(['client_id', 'external_location_id']).doUpdateSet({ name: location.name }))
    .execute();
}
