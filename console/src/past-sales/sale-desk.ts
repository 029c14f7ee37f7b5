// What every action on a past sale needs from the workspace: the API, the till's store and cashier, and who to tell.
import type { PosApi } from '../api/pos-api.ts';
import { isTillReady, type TillSettings } from '../till/till-settings.ts';

export interface SaleDesk {
  api: PosApi;
  till: TillSettings;
  inStore: boolean;
  /** The till's store or cashier is missing or wrong: the till panel is to show why. */
  onTillIncomplete: () => void;
  /** A sale changed: the list is read again, and the customer's available credit is now this. */
  onChanged: (availableCredit: number) => void;
}

/** Whether the till may act now; when it may not, the till panel is told, and nothing is sent. */
export function tillReadyFor(desk: SaleDesk): boolean {
  if (isTillReady(desk.till, desk.inStore)) return true;
  desk.onTillIncomplete();
  return false;
}
