// Money back to an account: POST /accounts/{n}/refund, and payments at the till, POST /transactions (v2.5.1).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { commonErrors, ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';
import { ClientPathParams } from '../../contract/customers.js';
import { PaymentAnswerSchema, PaymentBodySchema, RefundAnswerSchema, RefundBodySchema, RefundPathParams } from '../../contract/purchases.js';
import { refundAccount } from '../../use-cases/purchases/give-back.js';
import { takePayment } from '../../use-cases/purchases/take-payment.js';
import { actorOf } from '../types.js';

export async function paymentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const prefix = '/v2.5.1/client-id/:client_id';
  app.post(
    `${prefix}/accounts/:account_number/refund`,
    {
      config: {
        scopes: ['merchant'],
        idempotent: true,
        answerHeaders: { 'x-refund-id': "the refund's id (digits); a replay of the request answers the same one" },
      },
      schema: {
        operationId: 'refundAccount',
        summary: 'Refund an account',
        description:
          'Credits an account this client sold to, up to its balance; with a capture_id, up to what remains of that capture. ' +
          'The answer is empty; the refund id is in the x-refund-id header.',
        tags: ['Transactions'],
        headers: ReferenceIdHeaders,
        params: RefundPathParams,
        body: RefundBodySchema,
        response: { 200: RefundAnswerSchema, 404: ErrorBodySchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { body, refundId } = await refundAccount(app.ctx, actorOf(request), Number(request.params.account_number), request.body, request.idempotencyKey);
      reply.header('x-refund-id', refundId);
      return body;
    },
  );
  app.post(
    `${prefix}/transactions`,
    {
      config: { scopes: ['merchant'], idempotent: true },
      schema: {
        operationId: 'takePayment',
        summary: 'Take a payment at the till (deposit, in-store payment, trade-in)',
        description: 'The customer presents a PIN from verify; the account is credited. At most 10 000.00 a day per account.',
        tags: ['Transactions'],
        headers: ReferenceIdHeaders,
        params: ClientPathParams,
        body: PaymentBodySchema,
        response: { 200: PaymentAnswerSchema, 404: ErrorBodySchema, ...commonErrors },
      },
    },
    async (request) => takePayment(app.ctx, actorOf(request), request.body, request.idempotencyKey),
  );
}
