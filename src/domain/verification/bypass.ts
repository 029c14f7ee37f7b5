// Who may buy regular (non-promotional) purchases without being verified: open accounts of a trusted risk rating.

export interface BypassAccount {
  status: string;
  risk_rating: string;
}

export function qualifiesForRegularPurchaseBypass(account: BypassAccount, allowedRiskRatings: readonly string[]): boolean {
  return account.status === 'N' && allowedRiskRatings.includes(account.risk_rating);
}
