// Load generation: throughput at 50 connections with autocannon; latency at a fixed rate with loadtest, which paces its
// requests evenly (autocannon's rate limit sends each second's quota in one burst, so it measures a queue, not a rate).
import autocannon from 'autocannon';
import * as loadtestModule from 'loadtest';
import { cpuMicros } from './processes.js';

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

/** A throughput run's figures, with the CPU each side spent per answered request. */
export interface ThroughputResult extends LoadResult {
  /** The load generator's CPU time (this process, every thread) per answered request, in µs. */
  generatorCpuMicros: number;
  /** The share of one core the load generator used over the run: near 1, it was the limit, not the server. */
  generatorBusy: number;
  /** The server's CPU time (every thread, from /proc) per answered request, in µs; absent when no pid was given. */
  serverCpuMicros?: number;
}

/** Connections autocannon keeps open in a throughput run. */
export const CONNECTIONS = 50;

let sequence = 0;

/**
 * A request is built once and sent as it is, unless it must differ each time: autocannon rebuilds a request that has a
 * `setupRequest` hook before every send, which doubled its CPU per request and starved the baselines on two cores. A
 * list of pre-made requests would not do for unique ids: autocannon gives every connection the same list, from the
 * start, so each id would be sent once per connection.
 */
function request(call: Call): autocannon.Request {
  const fixed = { method: call.method, path: call.path, headers: call.headers, body: call.body };
  const { nextBody, uniqueReference } = call;
  if (!nextBody && !uniqueReference) return fixed;
  return {
    ...fixed,
    setupRequest: (req: autocannon.Request) => ({
      ...req,
      ...(uniqueReference ? { headers: { ...(req.headers as Record<string, string>), 'x-reference-id': `bench-${process.pid}-${++sequence}` } } : {}),
      ...(nextBody ? { body: nextBody() } : {}),
    }),
  };
}

/** The same call made static: what a baseline or a mock is sent, which ignores ids and gets the sample body. */
export const staticCall = (call: Call): Call => ({ ...call, nextBody: undefined, uniqueReference: false });

function options(base: string, call: Call, extra: Partial<autocannon.Options>): autocannon.Options {
  return { url: base, connections: CONNECTIONS, duration: 10, ...extra, requests: [request(call)] };
}

function summarize(result: autocannon.Result, cpu: { generator: NodeJS.CpuUsage; wallMicros: number; server?: number }): ThroughputResult {
  const requests = Math.max(result.requests.total, 1);
  const generator = cpu.generator.user + cpu.generator.system;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
    generatorCpuMicros: generator / requests,
    generatorBusy: generator / Math.max(cpu.wallMicros, 1),
    ...(cpu.server === undefined ? {} : { serverCpuMicros: cpu.server / requests }),
  };
}

/**
 * Throughput at CONNECTIONS connections, after an unmeasured warm-up; with `serverPid`, the server's CPU over the
 * measured run (warm-up excluded) beside the load generator's.
 */
export async function throughput(base: string, call: Call, seconds = 10, warmupSeconds = 3, serverPid?: number): Promise<ThroughputResult> {
  if (warmupSeconds > 0) await autocannon(options(base, call, { duration: warmupSeconds }));
  const serverStart = serverPid === undefined ? 0 : cpuMicros(serverPid);
  const generatorStart = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon(options(base, call, { duration: seconds }));
  const generator = process.cpuUsage(generatorStart);
  const wallMicros = (performance.now() - started) * 1000;
  return summarize(result, { generator, wallMicros, server: serverPid === undefined ? undefined : cpuMicros(serverPid) - serverStart });
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
