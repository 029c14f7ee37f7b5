// POST /customers/driverslicense.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { decodeLicence } from '../../use-cases/decode-licence.js';
import { commonErrors, ReferenceIdHeaders } from '../../contract/common.js';
import { ClientPathParams } from '../../contract/customers.js';
import { LicenceAnswerSchema, LicenceBodySchema } from '../../contract/licence.js';

export async function licenceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/v2.5/client-id/:client_id/customers/driverslicense',
    {
      config: { scopes: ['merchant', 'customer'] },
      schema: {
        operationId: 'decodeDriversLicence',
        summary: "Decode a driver's licence barcode",
        description: 'Reads the PDF417 text of a North American driver’s licence or ID card. Read-only: repeating it changes nothing.',
        tags: ['Customers'],
        headers: ReferenceIdHeaders,
        params: ClientPathParams,
        body: LicenceBodySchema,
        response: { 200: LicenceAnswerSchema, ...commonErrors },
      },
    },
    async (request) => decodeLicence(app.ctx, request.body.code),
  );
}
