// A card's newest-first index: answers "the last four of the account's newest card" without sorting, in every
// search and lookup row (it replaces the account-only index, which it covers).
import type { Kysely, Migration } from 'kysely';

export const cardsNewestIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('cards_account_newest').on('cards').columns(['account_number', 'created_at']).execute();
    await db.schema.dropIndex('cards_account').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('cards_account').on('cards').column('account_number').execute();
    await db.schema.dropIndex('cards_account_newest').execute();
  },
};
