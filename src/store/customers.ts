// Customers, their accounts and cards: writes keep the search keys in step with the names.
import type { StoredCardHash } from '../security/card-hash.js';
import { nameKey, postalKey } from '../domain/identity.js';
import type { Db } from './schema.js';
import type { NewAccount } from './schema.js';

export interface CustomerInput {
  id: string;
  first_name: string;
  last_name: string;
  dob: string;
  address_1: string;
  address_2?: string;
  city: string;
  province: string;
  postal_code: string;
  email?: string;
  phone?: string;
  preferred_language: 'en-CA' | 'fr-CA';
}

export function customerRow(c: CustomerInput, now: number) {
  return {
    id: c.id,
    first_name: c.first_name,
    last_name: c.last_name,
    first_name_key: nameKey(c.first_name),
    last_name_key: nameKey(c.last_name),
    dob: c.dob,
    address_1: c.address_1,
    address_2: c.address_2 ?? '',
    city: c.city,
    province: c.province,
    postal_code: c.postal_code,
    postal_code_key: postalKey(c.postal_code),
    email: c.email ?? '',
    phone: c.phone ?? '',
    preferred_language: c.preferred_language,
    created_at: now,
  };
}

export async function insertCustomer(db: Db, c: CustomerInput, now: number): Promise<void> {
  await db.insertInto('customers').values(customerRow(c, now)).execute();
}

export async function insertAccount(db: Db, account: NewAccount): Promise<void> {
  await db.insertInto('accounts').values(account).execute();
}

export async function insertCard(db: Db, stored: StoredCardHash, lastFour: string, accountNumber: number, now: number): Promise<void> {
  await db
    .insertInto('cards')
    .values({ card_hash: stored.hash, key_kid: stored.kid, last_four: lastFour, account_number: accountNumber, created_at: now })
    .execute();
}
