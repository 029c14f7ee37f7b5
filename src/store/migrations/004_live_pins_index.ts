// Live PINs by account: verify revokes the account's live PIN before it issues one, and a purchase looks its PIN up,
// both among the PINs neither spent nor revoked. The account-wide index made both read every PIN the account was ever
// issued (a till verifying the same customer all day: thousands), so each verify cost more than the last. A partial
// index holds the live ones only: at most one per account and purpose.
import { sql, type Kysely, type Migration } from 'kysely';

export const livePinsIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('verifications_live')
      .on('verifications')
      .columns(['account_number', 'purpose'])
      .where(sql.ref('used_at'), 'is', null)
      .where(sql.ref('revoked_at'), 'is', null)
      .execute();
    await db.schema.dropIndex('verifications_account').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('verifications_account').on('verifications').columns(['account_number', 'purpose']).execute();
    await db.schema.dropIndex('verifications_live').execute();
  },
};
