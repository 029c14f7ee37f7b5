// The account's money and how each ledger entry moves it. Pure: the store writes what these functions decide.

/** What the ledger keeps per account, in cents. */
export interface Money {
  creditLimitCents: number;
  /** Captured purchases minus returns, refunds and payments (below zero when the customer paid in advance). */
  balanceCents: number;
  /** The uncaptured, unreleased part of open authorizations. */
  holdsCents: number;
}

export type EntryType = 'hold' | 'capture' | 'release' | 'return' | 'refund' | 'deposit' | 'instore_payment' | 'tradein';

export interface Effect {
  balanceDeltaCents: number;
  holdsDeltaCents: number;
}

/** Every entry type's effect per cent of its (positive) amount: the one table the invariants are checked against. */
const EFFECT_PER_CENT: Record<EntryType, Effect> = {
  hold: { balanceDeltaCents: 0, holdsDeltaCents: 1 },
  capture: { balanceDeltaCents: 1, holdsDeltaCents: -1 },
  release: { balanceDeltaCents: 0, holdsDeltaCents: -1 },
  return: { balanceDeltaCents: -1, holdsDeltaCents: 0 },
  refund: { balanceDeltaCents: -1, holdsDeltaCents: 0 },
  deposit: { balanceDeltaCents: -1, holdsDeltaCents: 0 },
  instore_payment: { balanceDeltaCents: -1, holdsDeltaCents: 0 },
  tradein: { balanceDeltaCents: -1, holdsDeltaCents: 0 },
};

export function effectOf(type: EntryType, amountCents: number): Effect {
  const perCent = EFFECT_PER_CENT[type];
  // `+ 0` turns a -0 into 0: a zero delta is stored and compared as 0.
  return { balanceDeltaCents: perCent.balanceDeltaCents * amountCents + 0, holdsDeltaCents: perCent.holdsDeltaCents * amountCents + 0 };
}

export function applyEntry(money: Money, type: EntryType, amountCents: number): Money {
  const effect = effectOf(type, amountCents);
  return { ...money, balanceCents: money.balanceCents + effect.balanceDeltaCents, holdsCents: money.holdsCents + effect.holdsDeltaCents };
}

/** What the customer may still spend: never below zero, even when a limit was lowered under the balance. */
export function availableCredit(money: Money): number {
  return Math.max(0, money.creditLimitCents - money.balanceCents - money.holdsCents);
}
