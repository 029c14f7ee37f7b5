// POST /account/{n}/verify (singular "account", as in the lender's document).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { openReplayedAnswer, verifyCustomer } from '../../use-cases/verify-customer/verify-customer.js';
import { allOfLimits } from '../plugins/external/rate-limits.js';
import { AccountPathParams } from '../../contract/accounts.js';
import { commonErrors, ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';
import { VerifyAnswerSchema, VerifyBodySchema } from '../../contract/verify.js';
import { KEPT_IN_OUTBOX } from '../../domain/verification/messages.js';
import { actorOf } from '../types.js';

export async function verifyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const limits = app.ctx.config.rateLimits;
  app.post(
    '/v2.5/client-id/:client_id/account/:account_number/verify',
    {
      config: { scopes: ['merchant', 'customer'], idempotent: true },
      preHandler: allOfLimits(app, [
        { max: limits.verifyPerClientPerMinute, timeWindow: 60_000, keyGenerator: (r) => `verify:client:${r.principal?.clientId}` },
        // The account as a number: "020035156" is account 20035156 too.
        {
          max: limits.verifyPerAccountPerMinute,
          timeWindow: 60_000,
          keyGenerator: (r) => `verify:account:${Number((r.params as { account_number: string }).account_number)}`,
        },
      ]),
      // The idempotency record keeps a PIN sealed; a replay opens it before the answer's serializer writes it.
      preSerialization: async (_request, reply, payload) =>
        reply.getHeader('x-idempotent-replay') === 'true' ? openReplayedAnswer(app.ctx.seal, payload) : payload,
      schema: {
        operationId: 'verifyCustomer',
        summary: 'Verify a customer before a purchase',
        description:
          'sms and email send a one-time PIN to the contact on file; security_question, regular_purchase_bypass and merchant_override answer the PIN. ' +
          'PINs are 4 digits, single-use, and expire.',
        tags: ['Verification'],
        headers: ReferenceIdHeaders,
        params: AccountPathParams,
        body: VerifyBodySchema,
        response: { 200: VerifyAnswerSchema, 400: ErrorBodySchema, 404: ErrorBodySchema, ...commonErrors },
      },
    },
    async (request) => {
      const { answer, held } = await verifyCustomer(
        app.ctx,
        actorOf(request),
        { accountNumber: Number(request.params.account_number), ...request.body },
        request.idempotencyKey,
      );
      // The root logger, as the dispatcher's own line: a request's child logger is made only for what concerns the request.
      if (held) app.log.info(held, KEPT_IN_OUTBOX);
      return answer;
    },
  );
}
