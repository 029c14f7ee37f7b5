// Which account a card number belongs to, found by its keyed hash under every version this node knows.
import type { AccountsPort, LiveCardHashes } from './ports.js';

/**
 * A card not found may have been moved by a re-hash to a version this node has not read yet: it reads the versions
 * again (at most once a second) and, when they changed, looks once more.
 */
export async function accountNumberOfCard(
  accounts: Pick<AccountsPort, 'accountNumberByCardHash'>,
  cards: LiveCardHashes,
  cardNumber: string,
): Promise<number | undefined> {
  const found = await accounts.accountNumberByCardHash(cards.forms(cardNumber));
  if (found !== undefined || !(await cards.freshen())) return found;
  return accounts.accountNumberByCardHash(cards.forms(cardNumber));
}
