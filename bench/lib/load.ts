// Load generation with autocannon: throughput at 50 connections, and latency at a fixed request rate.
import autocannon from 'autocannon';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** POSTs that are made once per reference id need a fresh one per request. */
  uniqueReference?: boolean;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

let sequence = 0;

function options(base: string, call: Call, extra: Partial<autocannon.Options>): autocannon.Options {
  return {
    url: base,
    connections: 50,
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
          return call.uniqueReference || !call.headers['x-reference-id'] ? { ...request, headers } : request;
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
  await autocannon(options(base, call, { duration: warmupSeconds }));
  return summarize(await autocannon(options(base, call, { duration: seconds })));
}

export async function atFixedRate(base: string, call: Call, perSecond: number, seconds = 10): Promise<LoadResult> {
  await autocannon(options(base, call, { duration: 2, overallRate: perSecond }));
  return summarize(await autocannon(options(base, call, { duration: seconds, overallRate: perSecond })));
}
