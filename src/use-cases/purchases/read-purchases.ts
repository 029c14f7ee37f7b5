// The reads: one authorization, the client's authorizations and captures, filtered and paged, newest first. A client
// sees only its own.
import type { AuthorizationAnswer, AuthorizationsQueryParams, CaptureListItem, CapturesQueryParams } from '../../contract/purchases.js';
import { refusals } from '../../contract/refusals.js';
import type { Principal } from '../../domain/principal.js';
import type { UseCaseContext } from '../context.js';
import type { CreatedBetween, Page } from '../ports.js';
import { presentAuthorization, presentCaptureItem } from './present.js';
import { DAY_MS } from './till.js';

export interface PageOf<T> {
  page_number: number;
  page_size: number;
  total: number;
  items: T[];
}

const pageOf = (q: { page_number?: string; page_size?: string }): Page => ({ number: Number(q.page_number ?? 1), size: Number(q.page_size ?? 10) });

/** Whole UTC days, both ends included. */
function createdBetween(q: { creation_date_from?: string; creation_date_to?: string }): CreatedBetween {
  return {
    from: q.creation_date_from === undefined ? undefined : Date.parse(`${q.creation_date_from}T00:00:00Z`),
    to: q.creation_date_to === undefined ? undefined : Date.parse(`${q.creation_date_to}T00:00:00Z`) + DAY_MS,
  };
}

export async function getAuthorization(ctx: UseCaseContext, principal: Principal, authorizationId: number): Promise<AuthorizationAnswer> {
  const authorization = await ctx.store.purchases.authorizationView(principal.clientId, authorizationId);
  if (!authorization) throw refusals.authorizationNotFound();
  return presentAuthorization(authorization, authorization.captures, authorization.open_to_buy_cents) as AuthorizationAnswer;
}

export async function listAuthorizations(ctx: UseCaseContext, principal: Principal, q: AuthorizationsQueryParams): Promise<PageOf<AuthorizationAnswer>> {
  const page = pageOf(q);
  const { total, items } = await ctx.store.purchases.listAuthorizations(
    principal.clientId,
    {
      accountNumber: q.account_number === undefined ? undefined : Number(q.account_number),
      transactionType: q.transaction_type,
      status: q.authorization_status,
      ...createdBetween(q),
    },
    page,
  );
  return {
    page_number: page.number,
    page_size: page.size,
    total,
    items: items.map((a) => presentAuthorization(a, a.captures, a.open_to_buy_cents) as AuthorizationAnswer),
  };
}

export async function listCaptures(ctx: UseCaseContext, principal: Principal, q: CapturesQueryParams): Promise<PageOf<CaptureListItem>> {
  const page = pageOf(q);
  const { total, items } = await ctx.store.purchases.listCaptures(
    principal.clientId,
    { externalLocationId: q.external_location_id, ...createdBetween(q) },
    page,
  );
  return { page_number: page.number, page_size: page.size, total, items: items.map(presentCaptureItem) };
}
