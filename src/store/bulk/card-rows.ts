// cards.csv: a card given in clear (import) or as its keyed hash and last four (export); the clear number is hashed right here.
import { passesLuhn } from '../../domain/identity.js';
import type { CardHashes } from '../../security/card-hash.js';
import { BASE_KID } from '../../security/key-versions.js';
import { MAX_ACCOUNT_NUMBER } from './account-rows.js';
import { maskCardNumber } from './card-numbers.js';
import type { RowResult } from './customer-rows.js';
import { FieldReader, type CsvRow } from './field-reader.js';
import type { CardRecord, ClearCard } from './records.js';

/**
 * The import form; the export form replaces card_number with card_hash, the key version it was made under
 * (card_key) and last_four.
 */
export const CARD_IMPORT_COLUMNS = ['card_number', 'account_number'] as const;
export const CARD_EXPORT_COLUMNS = ['card_hash', 'card_key', 'last_four', 'account_number'] as const;

const CARD_HASH = /^[0-9a-f]{64}$/;

export function cardFromRow(row: CsvRow, cardHashes: CardHashes): RowResult<CardRecord> {
  const f = new FieldReader(row);
  const account_number = f.integer('account_number', 1, MAX_ACCOUNT_NUMBER);
  const clear = (row.card_number ?? '').trim();
  let card: Omit<CardRecord, 'account_number'> | undefined;
  if (clear !== '') {
    // Never quote the number back: the problem shows it masked.
    const digits = clear.replace(/[ -]/g, '');
    if (!/^\d{16}$/.test(digits)) f.problem('card_number', `${maskCardNumber(clear)} is not 16 digits`);
    else if (!passesLuhn(digits)) f.problem('card_number', `${maskCardNumber(digits)} fails the Luhn check`);
    else {
      const stored = cardHashes.current(digits);
      card = { card_hash: stored.hash, key_kid: stored.kid, last_four: digits.slice(-4) };
    }
  } else if ((row.card_hash ?? '').trim() !== '') {
    const card_hash = f.text('card_hash', { pattern: CARD_HASH, describe: 'a card hash (64 lowercase hex digits)' });
    const last_four = f.text('last_four', { required: true, pattern: /^\d{4}$/, describe: 'four digits' });
    // A hash is only of use under a version this store has: under another, no lookup would ever make it.
    const key_kid = (row.card_key ?? '').trim() || BASE_KID;
    if (!cardHashes.layerKids.includes(key_kid)) f.problem('card_key', `names no card hash key version of this store (${cardHashes.layerKids.join(', ')})`);
    card = { card_hash, key_kid, last_four };
  } else {
    f.problem('card_number', 'is required (or card_hash with last_four)');
  }
  if (f.problems.length > 0 || !card || account_number === undefined) return { ok: false, problems: f.problems };
  return { ok: true, record: { ...card, account_number } };
}

export const cardToImportRow = (c: ClearCard): Record<string, string> => ({ card_number: c.card_number, account_number: String(c.account_number) });

export const cardToExportRow = (c: CardRecord): Record<string, string> => ({
  card_hash: c.card_hash,
  card_key: c.key_kid,
  last_four: c.last_four,
  account_number: String(c.account_number),
});
