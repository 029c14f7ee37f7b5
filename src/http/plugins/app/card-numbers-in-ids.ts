// A card number sent as an identifier of the merchant's (a request id, an order reference, a basket's purchase order)
// is masked as the body comes in: the use cases see only the masked id, so no answer, log line or row holds the number.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { maskCardNumbers } from '../../../domain/identity.js';

/** The body fields that name things by the merchant's own ids, at any depth (the basket's are nested). */
const IDENTIFIER_FIELDS = new Set(['request_id', 'reference', 'purchase_order', 'sku_id', 'external_employee_id']);

function maskIdentifiers(body: unknown): void {
  const pending: unknown[] = [body];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null || typeof node !== 'object') continue;
    const fields = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string') {
        if (IDENTIFIER_FIELDS.has(key)) fields[key] = maskCardNumbers(value);
      } else pending.push(value);
    }
  }
}

async function cardNumbersInIds(app: FastifyInstance): Promise<void> {
  // After validation (the body has the route's shape, its limits already checked on what was sent), before the
  // idempotency check and the handler. A callback hook: it never waits.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.body !== null && typeof request.body === 'object') maskIdentifiers(request.body);
    done();
  });
}

export const cardNumbersInIdsPlugin = fp(cardNumbersInIds, { name: 'card-numbers-in-ids' });
