// Every API call carries the caller's x-reference-id: checked, echoed, and bound to the request's log lines.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { wrongInputs } from '../../../contract/errors.js';
import { shownReferenceId } from '../../reference-ids.js';

async function referenceId(app: FastifyInstance): Promise<void> {
  app.decorateRequest('referenceId', '');
  app.decorateRequest('referenceIdAsSent', '');
  // A callback hook: it never waits, so it costs no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    const header = request.headers['x-reference-id'];
    const shown = shownReferenceId(header);
    if (shown === undefined) {
      return done(
        wrongInputs([
          { param: 'x-reference-id', msg: 'is required: 1 to 100 printable ASCII characters', value: typeof header === 'string' ? header : undefined },
        ]),
      );
    }
    // Masked (a card number sent as the id): what is echoed, logged and audited; the idempotency key is made from the id as sent.
    request.referenceId = shown;
    request.referenceIdAsSent = header as string;
    reply.header('x-reference-id', shown);
    done();
  });
}

export const referenceIdPlugin = fp(referenceId, { name: 'reference-id' });
