// Load generation: throughput at 50 connections with autocannon; latency at a fixed rate with loadtest, which paces its
// requests evenly (autocannon's rate limit sends each second's quota in one burst, so it measures a queue, not a rate).
import autocannon from 'autocannon';
import * as loadtestModule from 'loadtest';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** POSTs that are made once per reference id need a fresh one per request. */
  uniqueReference?: boolean;
  /**
   * A body per request, for a call that spends something on each (a purchase spends its PIN). `body` is then a sample
   * of the same shape, which is what a baseline or a mock is sent.
   */
  nextBody?: () => string;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

/** Connections autocannon keeps open in a throughput run. */
export const CONNECTIONS = 50;

let sequence = 0;

function options(base: string, call: Call, extra: Partial<autocannon.Options>): autocannon.Options {
  return {
    url: base,
    connections: CONNECTIONS,
    duration: 10,
    ...extra,
    requests: [
      {
        method: call.method,
        path: call.path,
        headers: call.headers,
        body: call.body,
        setupRequest: (request: autocannon.Request) => {
          const headers = { ...(request.headers as Record<string, string>), 'x-reference-id': `bench-${process.pid}-${++sequence}` };
          const fresh = call.uniqueReference || !call.headers['x-reference-id'] ? { ...request, headers } : request;
          return call.nextBody ? { ...fresh, body: call.nextBody() } : fresh;
        },
      },
    ],
  };
}

function summarize(result: autocannon.Result): LoadResult {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

export async function throughput(base: string, call: Call, seconds = 10, warmupSeconds = 3): Promise<LoadResult> {
  if (warmupSeconds > 0) await autocannon(options(base, call, { duration: warmupSeconds }));
  return summarize(await autocannon(options(base, call, { duration: seconds })));
}

interface PacedResult {
  totalRequests: number;
  totalErrors: number;
  rps: number;
  percentiles: Record<string, number>;
}

// loadtest's bundled types describe its older callback form; without a callback it answers with a promise.
const pacedLoad = (loadtestModule as unknown as { loadTest: (options: object) => Promise<PacedResult> }).loadTest;

async function paced(base: string, call: Call, perSecond: number, seconds: number): Promise<LoadResult> {
  const result = await pacedLoad({
    url: base + call.path,
    method: call.method,
    headers: call.headers,
    ...(call.body ? { body: call.body, contentType: call.headers['content-type'] ?? 'application/json' } : {}),
    requestsPerSecond: perSecond,
    maxSeconds: seconds,
    concurrency: 20,
    agentKeepAlive: true,
    quiet: true,
  });
  // Latencies are whole milliseconds (loadtest's resolution); a p99 of 1 means under 1.5 ms.
  return {
    rps: result.rps,
    p50: result.percentiles['50'] ?? 0,
    p99: result.percentiles['99'] ?? 0,
    non2xx: result.totalErrors,
    errors: result.totalErrors,
    requests: result.totalRequests,
  };
}

/** Latency at an evenly paced, open-loop rate: requests leave on schedule whether or not earlier ones are answered. */
export async function atFixedRate(base: string, call: Call, perSecond: number, seconds = 10): Promise<LoadResult> {
  await paced(base, call, perSecond, 2);
  return paced(base, call, perSecond, seconds);
}
