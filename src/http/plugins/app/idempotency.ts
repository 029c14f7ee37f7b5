// POSTs are made once per (client, x-reference-id): a repeat replays the first answer, a different body is refused.
// The whole mechanism at the edge lives here: the request's hash, the replay before the handler, and the replay of a
// concurrent twin's answer the store reports; the store keeps the answers (src/store/idempotency.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import type { RefusalBody } from '../../../contract/error-body.js';
import { wrongInputs } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';
import { referenceIdPattern } from '../../../contract/common.js';
import { keptReferenceId } from '../../reference-ids.js';
import { IdempotentReplay, ReferenceIdReused, type KeptAnswer } from '../../../domain/idempotency.js';
import { pathOf, renderRefusal } from '../../render-error.js';

/** Deeper than any request of the contract; a deeper body (hostile) is refused before it can exhaust the stack. */
const MAX_DEPTH = 32;

/** JSON with sorted keys, so the same body written in another key order is the same request. */
function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw wrongInputs([{ param: 'body', msg: `is nested more than ${MAX_DEPTH} levels deep` }]);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], depth + 1)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The first answer again: a refusal is rendered for this request (its path and reference id are the first one's). The
 * body goes out as an object, through the route's serializer for its status, as the first answer did: sent as a string
 * it skipped the serializer, whose property order (required before optional) differs from the kept object's, so a
 * replayed promotional purchase had the same fields as the first answer but not the same bytes.
 */
function replay(request: FastifyRequest, reply: FastifyReply, answer: KeptAnswer): FastifyReply {
  const body = answer.status >= 400 ? renderRefusal(request, answer.body as RefusalBody) : answer.body;
  if (answer.headers) reply.headers(answer.headers);
  return reply.code(answer.status).header('x-idempotent-replay', 'true').type('application/json; charset=utf-8').send(body);
}

async function idempotency(app: FastifyInstance): Promise<void> {
  app.decorateRequest('idempotencyKey', undefined);
  // Only the routes made once per reference id get the hooks: the others do not pay for them.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [replayKept, ...[route.preHandler ?? []].flat()];
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function (request, reply) {
      try {
        return await handler.call(this, request, reply);
      } catch (error) {
        if (error instanceof IdempotentReplay) return replay(request, reply, error.answer);
        if (error instanceof ReferenceIdReused) throw refusals.referenceIdReused();
        throw error;
      }
    };
  });
  async function replayKept(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!request.principal) return undefined;
    const idempotencyKey = optionalHeader(request, 'x-idempotency-key');
    const contextHash = optionalHeader(request, 'x-context-hash');
    // The merchant's own hash of the body, when given, decides what "the same request" is.
    const requestHash = createHash('sha256')
      .update(
        contextHash !== undefined
          ? `context ${pathOf(request.url)} ${contextHash}`
          : `${request.method} ${pathOf(request.url)} ${canonical(request.query)} ${canonical(request.body)}`,
      )
      .digest('hex');
    const key = {
      clientId: request.principal.clientId,
      referenceId: keptReferenceId(idempotencyKey ?? request.referenceIdAsSent, app.ctx.cardHashes.base),
      requestHash,
    };
    const kept = await app.ctx.store.keptAnswer(key.clientId, key.referenceId, app.ctx.now());
    if (kept) {
      if (kept.requestHash !== requestHash) throw refusals.referenceIdReused();
      return replay(request, reply, kept.answer);
    }
    request.idempotencyKey = key;
    return undefined;
  }
}

/** x-idempotency-key and x-context-hash: optional, and when given, 1–100 printable ASCII characters. */
function optionalHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !referenceIdPattern.test(value)) throw wrongInputs([{ param: name, msg: 'must be 1 to 100 printable ASCII characters' }]);
  return value;
}

export const idempotencyPlugin = fp(idempotency, { name: 'idempotency', dependencies: ['authenticate'] });
