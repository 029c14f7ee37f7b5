// The ordered list of migrations, shared by both dialects.
import type { Migration } from 'kysely';
import type { StoreKind } from '../../config.js';
import { initialSchema } from './001_initial.js';
import { cardsNewestIndex } from './002_cards_newest_index.js';
import { purchasesSchema } from './003_purchases.js';
import { livePinsIndex } from './004_live_pins_index.js';
import { keyVersionsSchema } from './005_key_versions.js';
import { cardKeyVersionsSchema } from './006_card_key_versions.js';
import { outboxHeldStatus } from './007_outbox_held.js';
import { accountPurchasesIndexes } from './008_account_purchases_indexes.js';

export const migrationsFor = (store: StoreKind): Record<string, Migration> => ({
  '001_initial': initialSchema(store),
  '002_cards_newest_index': cardsNewestIndex,
  '003_purchases': purchasesSchema(store),
  '004_live_pins_index': livePinsIndex,
  '005_key_versions': keyVersionsSchema,
  '006_card_key_versions': cardKeyVersionsSchema,
  '007_outbox_held': outboxHeldStatus(store),
  '008_account_purchases_indexes': accountPurchasesIndexes,
});
