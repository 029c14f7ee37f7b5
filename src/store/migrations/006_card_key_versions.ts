// Card hashes under rotated keys: each card names the key version its hash was made under, so a re-hash can walk the
// cards still under an older version (and resume where it stopped), and a version says when every card was moved.
import { sql, type Kysely, type Migration } from 'kysely';

export const cardKeyVersionsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('cards')
      .addColumn('key_kid', 'text', (c) => c.notNull().defaultTo(sql`'base'`))
      .execute();
    await db.schema.createIndex('cards_key_kid').on('cards').columns(['key_kid', 'card_hash']).execute();
    await db.schema.alterTable('key_versions').addColumn('rehashed_at', 'bigint').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('key_versions').dropColumn('rehashed_at').execute();
    await db.schema.dropIndex('cards_key_kid').execute();
    await db.schema.alterTable('cards').dropColumn('key_kid').execute();
  },
};
