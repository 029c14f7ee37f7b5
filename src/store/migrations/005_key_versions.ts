// Rotated key versions, shared by every node through the store: each secret sealed under the master key, and a
// version retired once nothing it protects is live (its secret wiped then).
import type { Kysely, Migration } from 'kysely';

export const keyVersionsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('key_versions')
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('sealed_key', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('retired_at', 'bigint')
      .addPrimaryKeyConstraint('key_versions_pk', ['purpose', 'kid'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('key_versions').execute();
  },
};
