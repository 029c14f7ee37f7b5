// Whether the account on screen can make purchases, as far as the console knows it, and where it learnt it.
import type { AccountStatus } from './account-status.ts';

export type Standing =
  /** A search's result or a close's answer: the status and its reason. */
  | { kind: 'status'; status: AccountStatus }
  /** A lookup: calculate-interest priced a purchase, so the account is open. */
  | { kind: 'open' }
  /** A lookup: calculate-interest refused, as it does for a frozen or a closed account (it does not say which). */
  | { kind: 'notOpen' }
  /** Nothing could be learnt (the price check failed for another reason): the service still refuses what it must. */
  | { kind: 'unknown' };

/** True or false when known; undefined when the console cannot tell, and then offers the forms as usual. */
export function canBuy(standing: Standing): boolean | undefined {
  switch (standing.kind) {
    case 'status':
      return standing.status.code === 'N';
    case 'open':
      return true;
    case 'notOpen':
      return false;
    case 'unknown':
      return undefined;
  }
}

export function statusOf(standing: Standing): AccountStatus | undefined {
  return standing.kind === 'status' ? standing.status : undefined;
}
