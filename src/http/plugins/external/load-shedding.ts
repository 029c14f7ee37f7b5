// Load shedding (@fastify/under-pressure): past the event-loop delay or heap bound, API calls are refused at once with
// 503 and Retry-After, in the lender's shape, rather than queued until the caller's own timeout gives up on them.
import underPressure, { TYPE_EVENT_LOOP_DELAY } from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { getHeapStatistics } from 'node:v8';
import { ApiError } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';

/** Without a configured bound, a heap 90 % full sheds load: past it, garbage collection takes the process over. */
const HEAP_SHARE = 0.9;

/**
 * Whether a sample says overload. The plugin reads an interval with no delay measured at all (the loop, or the whole
 * process, held up for the interval) as an infinite delay; all it shows is a delay of at least the interval, so with
 * an interval under the bound it is no overload (a process that waited for a core on a busy host sheds nothing).
 */
export function isOverload(type: string, value: number | undefined, bounds: { maxEventLoopDelayMs: number; sampleMs: number }): boolean {
  if (type !== TYPE_EVENT_LOOP_DELAY || value === undefined || Number.isFinite(value)) return true;
  return bounds.sampleMs > bounds.maxEventLoopDelayMs;
}

async function loadShedding(app: FastifyInstance): Promise<void> {
  const { maxEventLoopDelayMs, maxHeapUsedBytes, sampleMs, retryAfterSeconds } = app.ctx.config.overload;
  const refusal = refusals.overloaded(retryAfterSeconds);
  const overloaded = () => new ApiError(refusal.status, refusal.code, refusal.message, undefined, refusal.headers);
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxHeapUsedBytes: maxHeapUsedBytes ?? Math.floor(getHeapStatistics().heap_size_limit * HEAP_SHARE),
    sampleInterval: sampleMs,
    retryAfter: retryAfterSeconds,
    // Called only under pressure: resolving lets the request through; the error a rejection carries goes to the error
    // handler, which renders it.
    pressureHandler: async (_request, _reply, type, value) => {
      if (isOverload(type, value, { maxEventLoopDelayMs, sampleMs })) throw overloaded();
    },
  });
}

export const loadSheddingPlugin = fp(loadShedding, { name: 'load-shedding' });
