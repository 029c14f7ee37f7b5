// Every API call carries the caller's x-reference-id: checked, echoed, and bound to the request's log lines.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { referenceIdPattern } from '../../../contract/common.js';
import { wrongInputs } from '../../../contract/errors.js';

async function referenceId(app: FastifyInstance): Promise<void> {
  app.decorateRequest('referenceId', '');
  // A callback hook: it never waits, so it costs no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    const header = request.headers['x-reference-id'];
    if (typeof header !== 'string' || !referenceIdPattern.test(header)) {
      return done(
        wrongInputs([
          { param: 'x-reference-id', msg: 'is required: 1 to 100 printable ASCII characters', value: typeof header === 'string' ? header : undefined },
        ]),
      );
    }
    request.referenceId = header;
    reply.header('x-reference-id', header);
    done();
  });
}

export const referenceIdPlugin = fp(referenceId, { name: 'reference-id' });
