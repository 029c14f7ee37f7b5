// Remembers which customers and accounts exist (written by this import, or found in the database) so each is asked for once.
import type { Db } from '../schema.js';

/** Keys per `in (…)` lookup: well under both stores' parameter limits. */
const LOOKUP_CHUNK = 500;

export class KnownKeys<K extends string | number> {
  private readonly known = new Set<K>();
  constructor(private readonly lookup: (db: Db, keys: K[]) => Promise<K[]>) {}

  add(key: K): void {
    this.known.add(key);
  }

  /** The keys that exist neither in this import nor in the database. */
  async missing(db: Db, keys: Iterable<K>): Promise<Set<K>> {
    const unknown = [...new Set([...keys].filter((k) => !this.known.has(k)))];
    for (let i = 0; i < unknown.length; i += LOOKUP_CHUNK) {
      for (const found of await this.lookup(db, unknown.slice(i, i + LOOKUP_CHUNK))) this.known.add(found);
    }
    return new Set(unknown.filter((k) => !this.known.has(k)));
  }
}

export const knownCustomers = () =>
  new KnownKeys<string>(async (db, ids) => (await db.selectFrom('customers').select('id').where('id', 'in', ids).execute()).map((r) => r.id));

export const knownAccounts = () =>
  new KnownKeys<number>(async (db, numbers) =>
    (await db.selectFrom('accounts').select('account_number').where('account_number', 'in', numbers).execute()).map((r) => Number(r.account_number)),
  );

export async function merchantIdSet(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('merchants').select('id').execute()).map((r) => r.id));
}
