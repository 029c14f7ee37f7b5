// POSTs are made once per (client, x-reference-id): a repeat replays the first answer, a different body is refused.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { wrongInputs } from '../../../contract/errors.js';
import { IdempotentReplay, REPLAY_WINDOW_MS, referenceIdReused } from '../../../store/idempotent-transaction.js';
import { findIdempotencyRecord } from '../../../store/idempotency.js';
import { pathOf } from '../../render-error.js';

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

async function idempotency(app: FastifyInstance): Promise<void> {
  app.decorateRequest('idempotencyKey', undefined);
  // Only the routes made once per reference id get the hook: the others do not pay for it.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [checkReplay, ...[route.preHandler ?? []].flat()];
  });
  async function checkReplay(request: FastifyRequest): Promise<void> {
    if (!request.principal) return;
    const requestHash = createHash('sha256').update(`${request.method} ${pathOf(request.url)} ${canonical(request.query)} ${canonical(request.body)}`).digest('hex');
    const key = { clientId: request.principal.clientId, referenceId: request.referenceId, requestHash };
    const record = await findIdempotencyRecord(app.ctx.db, key.clientId, key.referenceId);
    if (record && record.created_at > app.ctx.now() - REPLAY_WINDOW_MS) {
      if (record.request_hash !== requestHash) throw referenceIdReused();
      throw new IdempotentReplay(record.status_code, record.response_body);
    }
    if (record) {
      // Past the replay window the id is free again: the old record makes way for this request's.
      await app.ctx.db.deleteFrom('idempotency_records').where('client_id', '=', key.clientId).where('reference_id', '=', key.referenceId).execute();
    }
    request.idempotencyKey = key;
  }
}

export const idempotencyPlugin = fp(idempotency, { name: 'idempotency', dependencies: ['authenticate'] });
