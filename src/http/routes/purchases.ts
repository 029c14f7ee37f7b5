// The purchase and what follows it: POST /authorization (v2.5.1, also v2.5), its capture, release and returns, and the
// reads of authorizations and captures.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { commonErrors, ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';
import { ClientPathParams } from '../../contract/customers.js';
import {
  AuthorizationBodySchema,
  AuthorizationPageSchema,
  AuthorizationPathParams,
  AuthorizationSchema,
  AuthorizationsQuery,
  AuthorizationV25Schema,
  CapturePageSchema,
  CapturePathParams,
  CaptureBodySchema,
  CapturesQuery,
  HeldAuthorizationPathParams,
  ReleaseBodySchema,
  ReturnAnswerSchema,
  ReturnBodySchema,
} from '../../contract/purchases.js';
import { authorize } from '../../use-cases/purchases/authorize.js';
import { returnCapture } from '../../use-cases/purchases/give-back.js';
import { getAuthorization, listAuthorizations, listCaptures } from '../../use-cases/purchases/read-purchases.js';
import { captureAuthorization, releaseAuthorization } from '../../use-cases/purchases/settle.js';
import { actorOf } from '../types.js';

const TAG = ['Transactions'];
const withErrors = { 404: ErrorBodySchema, ...commonErrors };

export async function purchaseRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  for (const version of ['v2.5.1', 'v2.5'] as const) {
    app.post(
      `/${version}/client-id/:client_id/authorization`,
      {
        config: { scopes: ['merchant', 'customer'], idempotent: true },
        schema: {
          operationId: 'authorizePurchase',
          summary: 'Make a purchase (authorize, and capture at once with auto_capture)',
          description:
            'Spends the PIN from verify (same request_id), checks the plan and term against calculate-interest and the cost against the available credit, ' +
            'and holds the amount; auto_capture captures it at once. In store with a merchant token, online with a customer token.',
          tags: TAG,
          deprecated: version === 'v2.5' ? true : undefined,
          headers: ReferenceIdHeaders,
          params: ClientPathParams,
          body: AuthorizationBodySchema,
          response: { 200: version === 'v2.5' ? AuthorizationV25Schema : AuthorizationSchema, ...withErrors },
        },
      },
      async (request) => authorize(app.ctx, actorOf(request), request.body, version, request.idempotencyKey),
    );
  }
  const prefix = '/v2.5.1/client-id/:client_id';
  app.post(
    `${prefix}/authorization/:authorization_id/capture`,
    {
      config: { scopes: ['merchant'], idempotent: true },
      schema: {
        operationId: 'captureAuthorization',
        summary: 'Capture an authorization, in part or whole',
        description: 'No amount captures everything remaining; several partial captures are allowed.',
        tags: TAG,
        headers: ReferenceIdHeaders,
        params: HeldAuthorizationPathParams,
        body: CaptureBodySchema,
        response: { 200: AuthorizationSchema, ...withErrors },
      },
    },
    async (request) => captureAuthorization(app.ctx, actorOf(request), Number(request.params.authorization_id), request.body, request.idempotencyKey),
  );
  app.post(
    `${prefix}/authorization/:authorization_id/release`,
    {
      config: { scopes: ['merchant'], idempotent: true },
      schema: {
        operationId: 'releaseAuthorization',
        summary: 'Release what is left of an authorization',
        description: 'No amount releases everything remaining: the cancel of an uncaptured purchase.',
        tags: TAG,
        headers: ReferenceIdHeaders,
        params: HeldAuthorizationPathParams,
        body: ReleaseBodySchema,
        response: { 200: AuthorizationSchema, ...withErrors },
      },
    },
    async (request) => releaseAuthorization(app.ctx, actorOf(request), Number(request.params.authorization_id), request.body, request.idempotencyKey),
  );
  app.post(
    `${prefix}/authorization/:authorization_id/capture/:capture_id/return`,
    {
      config: { scopes: ['merchant'], idempotent: true },
      schema: {
        operationId: 'returnCapture',
        summary: 'Return goods of a promotional purchase',
        description: 'Credits the account with part or all of a capture, within 100 days. A regular purchase is refunded instead.',
        tags: TAG,
        headers: ReferenceIdHeaders,
        params: CapturePathParams,
        body: ReturnBodySchema,
        response: { 200: ReturnAnswerSchema, ...withErrors },
      },
    },
    async (request) =>
      returnCapture(
        app.ctx,
        actorOf(request),
        { authorizationId: Number(request.params.authorization_id), captureId: Number(request.params.capture_id) },
        request.body,
        request.idempotencyKey,
      ),
  );
  app.get(
    `${prefix}/authorizations`,
    {
      config: { scopes: ['merchant'] },
      schema: {
        operationId: 'listAuthorizations',
        summary: "The client's authorizations",
        description: 'Filtered by account, financing, status and creation dates; newest first, 10 a page by default (at most 100).',
        tags: TAG,
        headers: ReferenceIdHeaders,
        params: ClientPathParams,
        querystring: AuthorizationsQuery,
        response: { 200: AuthorizationPageSchema, ...commonErrors },
      },
    },
    async (request) => listAuthorizations(app.ctx, actorOf(request).principal, request.query),
  );
  app.get(
    `${prefix}/authorization/:authorization_id`,
    {
      config: { scopes: ['merchant'] },
      schema: {
        operationId: 'getAuthorization',
        summary: 'One authorization',
        description: "With its captures and the account's available credit now. Another client's authorization is not found.",
        tags: TAG,
        headers: ReferenceIdHeaders,
        params: AuthorizationPathParams,
        response: { 200: AuthorizationSchema, ...withErrors },
      },
    },
    async (request) => getAuthorization(app.ctx, actorOf(request).principal, Number(request.params.authorization_id)),
  );
  app.get(
    `${prefix}/captures`,
    {
      config: { scopes: ['merchant'] },
      schema: {
        operationId: 'listCaptures',
        summary: "The client's captures",
        description: 'Filtered by location and capture dates; newest first, 10 a page by default (at most 100).',
        tags: TAG,
        headers: ReferenceIdHeaders,
        params: ClientPathParams,
        querystring: CapturesQuery,
        response: { 200: CapturePageSchema, ...commonErrors },
      },
    },
    async (request) => listCaptures(app.ctx, actorOf(request).principal, request.query),
  );
}
