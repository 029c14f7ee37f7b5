// What Node's HTTP parser refuses before Fastify sees a request (headers too large, bytes that are not HTTP, a request
// that does not arrive whole in time) is answered in the lender's error shape too, with an x-reference-id: the
// caller's when it can be read, else one made for the refusal, so that the answer and its log line can be matched.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { refusalBodyOf } from '../contract/error-body.js';
import type { ApiError } from '../contract/errors.js';
import { refusals } from '../contract/refusals.js';
import { shownReferenceId } from './reference-ids.js';
import { renderRefusal } from './render-error.js';

/** The request each connection is on, so that a timeout of its body can be answered for it. */
const onConnection = new WeakMap<Socket, { request: FastifyRequest; reply: FastifyReply }>();

interface ClientError extends Error {
  code?: string;
  /** The bytes the parser was reading when it gave up (Node sets a Buffer for parse errors). */
  rawPacket?: unknown;
}

function refusalFor(error: ClientError, timeoutMs: number): ApiError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return refusals.requestTimeout(timeoutMs);
  if (error.code === 'HPE_HEADER_OVERFLOW') return refusals.headersTooLarge();
  return refusals.malformedRequest();
}

/** The path and reference id of a request the parser refused, read from its raw bytes as far as they go. */
function readRaw(raw: unknown): { url: string; referenceId?: string } {
  const text = Buffer.isBuffer(raw) ? raw.toString('latin1', 0, Math.min(raw.length, 64 * 1024)) : '';
  const url = /^[A-Z]+ (\S+) HTTP\//.exec(text)?.[1] ?? '';
  const header = /\r\nx-reference-id:[ \t]*([^\r\n]*?)[ \t]*\r\n/i.exec(text)?.[1];
  return { url, referenceId: shownReferenceId(header) };
}

/** Fastify's `clientErrorHandler`: answers Node's refusals in the lender's shape, then closes the connection. */
export function clientErrorHandler(timeoutMs: number) {
  return function answer(this: FastifyInstance, error: ClientError, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const current = onConnection.get(socket);
    // A request still arriving (its body timed out) is answered for; otherwise the refused bytes are all there is.
    const inFlight = current && !current.request.raw.complete ? current.request : undefined;
    const sent = inFlight
      ? { url: inFlight.url, referenceId: inFlight.referenceId || shownReferenceId(inFlight.headers['x-reference-id']) }
      : readRaw(error.rawPacket);
    const referenceId = sent.referenceId ?? `posapi-${randomUUID()}`;
    const refusal = refusalFor(error, timeoutMs);
    this.log.info({ reference_id: referenceId, error: refusal.code, cause: error.code }, 'request refused');
    const answerStarted = inFlight !== undefined && current?.reply.raw.headersSent === true;
    if (socket.writable && !answerStarted) {
      const body = JSON.stringify(renderRefusal({ url: sent.url, referenceId }, refusalBodyOf(refusal)));
      socket.write(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
          'content-type: application/json; charset=utf-8\r\n' +
          `content-length: ${Buffer.byteLength(body)}\r\n` +
          `x-reference-id: ${referenceId}\r\n` +
          'connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy();
  };
}

async function trackRequests(app: FastifyInstance): Promise<void> {
  // A callback hook: it never waits. The entry is replaced by the connection's next request and goes with the socket.
  app.addHook('onRequest', (request, reply, done) => {
    onConnection.set(request.raw.socket, { request, reply });
    done();
  });
}

/** Remembers each connection's request, for the timeout answer of `clientErrorHandler`. */
export const transportRefusalsPlugin = fp(trackRequests, { name: 'transport-refusals' });
