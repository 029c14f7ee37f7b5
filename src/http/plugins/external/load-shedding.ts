// Load shedding (@fastify/under-pressure): past the event-loop delay or heap bound, API calls are refused at once with
// 503 and Retry-After, in the lender's shape, rather than queued until the caller's own timeout gives up on them.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { getHeapStatistics } from 'node:v8';
import { ApiError } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';

/** Without a configured bound, a heap 90 % full sheds load: past it, garbage collection takes the process over. */
const HEAP_SHARE = 0.9;

async function loadShedding(app: FastifyInstance): Promise<void> {
  const { maxEventLoopDelayMs, maxHeapUsedBytes, sampleMs, retryAfterSeconds } = app.ctx.config.overload;
  const refusal = refusals.overloaded(retryAfterSeconds);
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxHeapUsedBytes: maxHeapUsedBytes ?? Math.floor(getHeapStatistics().heap_size_limit * HEAP_SHARE),
    sampleInterval: sampleMs,
    retryAfter: retryAfterSeconds,
    // The plugin throws one instance of this for every refused request; the error handler renders it.
    customError: class Overloaded extends ApiError {
      constructor() {
        super(refusal.status, refusal.code, refusal.message, undefined, refusal.headers);
      }
    },
  });
}

export const loadSheddingPlugin = fp(loadShedding, { name: 'load-shedding' });
