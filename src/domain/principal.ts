// Who a request acts for and who is answerable for it: the API client behind a token, and the caller's reference id.

export type Scope = 'merchant' | 'customer';
export const SCOPES: readonly Scope[] = ['merchant', 'customer'];

export type Channel = 'in_store' | 'online';

/** The authenticated API client a request acts for, from its access token. */
export interface Principal {
  clientId: string;
  merchantId: string;
  channel: Channel;
  mayOverride: boolean;
  scope: Scope;
}

/** Who asked, for the audit trail. */
export interface Actor {
  principal: Principal;
  referenceId: string;
}
