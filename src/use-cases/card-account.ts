// What a card number leads to, found by its keyed hash under every version this node knows.
import type { AccountsPort, LiveCardHashes } from './ports.js';

/**
 * A card not found may have been moved by a re-hash to a version this node has not read yet: it reads the versions
 * again (at most once a second) and, when they changed, looks once more. Outside a transaction only: the read goes
 * through the store's root instance, which a transaction holding the connection (SQLite's one, or the last of a
 * PostgreSQL pool) would make wait for itself. Inside one, a card is looked for by the forms this node knows; the
 * re-hash starts only once every node has read the new version (twice KEYS_POLL_MS after it was added).
 */
export async function findByCard<T>(
  cards: LiveCardHashes,
  cardNumber: string,
  find: (forms: readonly string[]) => Promise<T | undefined>,
): Promise<T | undefined> {
  const found = await find(cards.forms(cardNumber));
  if (found !== undefined || !(await cards.freshen())) return found;
  return find(cards.forms(cardNumber));
}

/** The account number of a card (see findByCard). */
export function accountNumberOfCard(
  accounts: Pick<AccountsPort, 'accountNumberByCardHash'>,
  cards: LiveCardHashes,
  cardNumber: string,
): Promise<number | undefined> {
  return findByCard(cards, cardNumber, (forms) => accounts.accountNumberByCardHash(forms));
}
