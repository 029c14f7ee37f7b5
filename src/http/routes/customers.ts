// GET /customers/search and GET /customers/lookup (merchant scope).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { lookupCustomer } from '../../use-cases/lookup-customer.js';
import { searchCustomers } from '../../use-cases/search-customers.js';
import { commonErrors, ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';
import { ClientPathParams, LookupAnswerSchema, LookupQuerySchema, SearchAnswerSchema, SearchQuerySchema } from '../../contract/customers.js';
import { actorOf } from '../types.js';

export async function customerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v2.5/client-id/:client_id/customers/search',
    {
      config: { scopes: ['merchant'] },
      schema: {
        operationId: 'searchCustomers',
        summary: 'Search customers',
        description: 'Every account of every customer with this name and date of birth; [] when none.',
        tags: ['Customers'],
        headers: ReferenceIdHeaders,
        params: ClientPathParams,
        querystring: SearchQuerySchema,
        response: { 200: SearchAnswerSchema, ...commonErrors },
      },
    },
    async (request) => searchCustomers(app.ctx, request.query),
  );
  app.get(
    '/v2.5/client-id/:client_id/customers/lookup',
    {
      config: { scopes: ['merchant'] },
      schema: {
        operationId: 'lookupCustomer',
        summary: 'Look a customer up',
        description: 'By exactly one of vcc_number, account_number or customer_id.',
        tags: ['Customers'],
        headers: ReferenceIdHeaders,
        params: ClientPathParams,
        querystring: LookupQuerySchema,
        response: { 200: LookupAnswerSchema, 404: ErrorBodySchema, ...commonErrors },
      },
    },
    async (request) => lookupCustomer(app.ctx, actorOf(request).principal, request.query),
  );
}
