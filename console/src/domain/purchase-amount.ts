// Reads a purchase amount as typed at the till ("234.45", "234,45", "$1 234.45") into a number of dollars.

const MAX_AMOUNT = 1_000_000;

/** The amount, or undefined when it is not > 0 with at most two decimals and at most 1 000 000. */
export function parsePurchaseAmount(typed: string): number | undefined {
  const cleaned = typed.replace(/[\s$\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const amount = Number(cleaned);
  return amount > 0 && amount <= MAX_AMOUNT ? amount : undefined;
}
