// POST /accounts/{n}/calculate-interest (v2.5.1, also v2.5) and POST /accounts/{n}/close.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { closeAccount } from '../../use-cases/close-account.js';
import { quotePurchase } from '../../use-cases/quote-purchase.js';
import { AccountPathParams, CloseAccountPathParams, CloseAnswerSchema, LangQuery, QuoteAnswerSchema, QuoteBodySchema } from '../../contract/accounts.js';
import { commonErrors, ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';
import { actorOf } from '../types.js';

export async function accountRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  for (const version of ['v2.5.1', 'v2.5']) {
    app.post(
      `/${version}/client-id/:client_id/accounts/:account_number/calculate-interest`,
      {
        config: { scopes: ['merchant', 'customer'] },
        schema: {
          operationId: 'calculateInterest',
          summary: 'Payment plans for a purchase',
          description:
            'What the purchase costs on the revolving account and on each plan and term this merchant offers this account. ' +
            'An amount above the available credit is still answered. Read-only: repeating it changes nothing.',
          tags: ['Accounts'],
          deprecated: version === 'v2.5' ? true : undefined,
          headers: ReferenceIdHeaders,
          params: AccountPathParams,
          querystring: LangQuery,
          body: QuoteBodySchema,
          response: { 200: QuoteAnswerSchema, 404: ErrorBodySchema, ...commonErrors },
        },
      },
      async (request) =>
        quotePurchase(app.ctx, actorOf(request).principal, {
          accountNumber: Number(request.params.account_number),
          amount: request.body.amount,
          lang: request.query.lang,
        }),
    );
  }
  app.post(
    '/v2.5/client-id/:client_id/accounts/:account_number/close',
    {
      config: { scopes: ['merchant', 'customer'], idempotent: true },
      schema: {
        operationId: 'closeAccount',
        summary: 'Close a Quebec account',
        description: 'Quebec accounts only, with no balance outstanding. Closing a closed account answers the same again.',
        tags: ['Accounts'],
        headers: ReferenceIdHeaders,
        params: CloseAccountPathParams,
        response: { 200: CloseAnswerSchema, 404: ErrorBodySchema, ...commonErrors },
      },
    },
    async (request) => closeAccount(app.ctx, actorOf(request), Number(request.params.account_number), request.idempotencyKey),
  );
}
