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

/** Who answers for an audited action: an API client's request (an `Actor`), or an operator's command. */
export interface Answerable {
  principal: Pick<Principal, 'clientId' | 'merchantId'>;
  referenceId: string;
}

/** The prefix of an operator's name in the audit trail's client column: no API client id has a colon. */
export const OPERATOR_PREFIX = 'operator:';

/** An operator running a `posapi` command: no merchant acts, and the command's run is its reference id. */
export function operatorActor(name: string, referenceId: string): Answerable {
  return { principal: { clientId: `${OPERATOR_PREFIX}${name}`, merchantId: '' }, referenceId };
}
