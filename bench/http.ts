// HTTP benchmarks: each endpoint's throughput against a plain node:http baseline measured right beside it, on each store;
// the same calls against a Prism mock of our own document; latency at a fixed rate; memory under load; start-up time.
import { existsSync } from 'node:fs';
import { createTestStore } from '../testkit/index.js';
import { atFixedRate, throughput, type Call, type LoadResult } from './lib/load.js';
import { residentMb, startBaseline, startPrism, startService } from './lib/processes.js';

export type StoreKind = 'sqlite' | 'postgres';
export const LICENCE_EXAMPLE =
  '@\n\u001e\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\nDAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r';

export interface EndpointRow {
  store: StoreKind;
  endpoint: string;
  rps: number;
  baselineRps: number;
  /** The median of the rounds' ratios. */
  ratio: number;
  roundRatios: number[];
  target?: number;
  non2xx: number;
  p99: number;
}

export interface HttpBenchResult {
  rows: EndpointRow[];
  fixedRate: { endpoint: string; rate: number; p50: number; p99: number; non2xx: number; baselineP50: number; baselineP99: number }[];
  prism: { endpoint: string; ours: number; prism: number; ratio: number; roundRatios: number[]; baselineRatio: number }[];
  residentMbUnderLoad: number;
  startupMs: number;
  scryptCost: number;
}

/** Turns of baseline then service per endpoint; the figures are the medians. */
export const ROUNDS = 3;
const roundSeconds = (seconds: number) => Math.max(3, Math.round(seconds / 2));
/**
 * Two servers take turns under the same load, ROUNDS times, so a burst of noise on this shared machine weighs on one
 * round of each rather than on a whole figure; the first turn of each is warmed up. Gives [first, second] per round.
 */
async function takeTurns(first: string, second: string, call: Call, seconds: number): Promise<[LoadResult, LoadResult][]> {
  const rounds: [LoadResult, LoadResult][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const warmup = round === 0 ? 3 : 0;
    const a = await throughput(first, { ...call }, roundSeconds(seconds), warmup);
    const b = await throughput(second, call, roundSeconds(seconds), warmup);
    rounds.push([a, b]);
  }
  return rounds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function freshDatabase(kind: StoreKind): Promise<{ url: string; drop: () => Promise<void> }> {
  const store = await createTestStore(kind);
  return { url: store.databaseUrl, drop: store.drop };
}

export async function tokenFor(base: string): Promise<string> {
  const res = await fetch(`${base}/flexiti/pos-api/v2.5/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': 'bench-token' },
    body: 'client_id=flexitidemo&client_secret=demo-secret&grant_type=client_credentials&scope=merchant',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The calls measured, each with what it exercises; targets from the performance issue. */
export function endpointCalls(token: string): { name: string; call: Call; target?: number }[] {
  const api = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
  const headers = { authorization: `Bearer ${token}`, 'x-reference-id': 'bench-read' };
  const json = { ...headers, 'content-type': 'application/json' };
  return [
    { name: 'search', target: 0.5, call: { method: 'GET', path: `${api}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`, headers } },
    { name: 'lookup', target: 0.5, call: { method: 'GET', path: `${api}/customers/lookup?account_number=20035156`, headers } },
    {
      name: 'calculate-interest',
      target: 0.45,
      call: {
        method: 'POST',
        path: '/flexiti/pos-api/v2.5.1/client-id/flexitidemo/accounts/116994755/calculate-interest',
        headers: json,
        body: JSON.stringify({ amount: 10.5 }),
      },
    },
    {
      name: 'driverslicense',
      target: 0.45,
      call: { method: 'POST', path: `${api}/customers/driverslicense`, headers: json, body: JSON.stringify({ code: LICENCE_EXAMPLE }) },
    },
    {
      name: 'verify (merchant_override)',
      call: {
        method: 'POST',
        path: `${api}/account/20035156/verify`,
        headers: json,
        body: JSON.stringify({ format: 'merchant_override', request_id: '1' }),
        uniqueReference: true,
      },
    },
    {
      name: 'verify (security_question)',
      call: {
        method: 'POST',
        path: `${api}/account/116992907/verify`,
        headers: json,
        body: JSON.stringify({ format: 'security_question', security_qid: 6, security_answer: 'Tool', request_id: '1' }),
        uniqueReference: true,
      },
    },
    { name: 'close (idempotent repeat)', call: { method: 'POST', path: `${api}/accounts/116994859/close`, headers: json, body: '{}', uniqueReference: true } },
  ];
}

async function bodyBytes(base: string, call: Call): Promise<number> {
  const res = await fetch(base + call.path, { method: call.method, headers: { ...call.headers, 'x-reference-id': `size-${Date.now()}` }, body: call.body });
  return (await res.arrayBuffer()).byteLength;
}

/** The service's settings in a benchmark: fixed keys, no verify rate limits, the log transport. */
export const serviceEnv = (url: string, scryptCost: number) => ({
  DATABASE_URL: url,
  TOKEN_SIGNING_KEY: 'bench-token-signing-key-0123456789abcdef',
  CARD_HMAC_KEY: 'bench-card-hmac-key-0123456789abcdef0123',
  PIN_HMAC_KEY: 'bench-pin-hmac-key-0123456789abcdef01234',
  OUTBOX_KEY: 'bench-outbox-key-0123456789abcdef01234567',
  VERIFY_RATE_PER_CLIENT: '100000000',
  VERIFY_RATE_PER_ACCOUNT: '100000000',
  SCRYPT_COST: String(scryptCost),
  // The embedded default's log transport: no network in a benchmark.
  OUTBOX_POLL_MS: '1000',
});

export async function runHttpBench(options: {
  stores: StoreKind[];
  seconds: number;
  openapi?: string;
  log?: (line: string) => void;
}): Promise<HttpBenchResult> {
  const log = options.log ?? (() => undefined);
  const scryptCost = 16384;
  const result: HttpBenchResult = { rows: [], fixedRate: [], prism: [], residentMbUnderLoad: 0, startupMs: 0, scryptCost };
  for (const store of options.stores) {
    const db = await freshDatabase(store);
    // The first start migrates and loads the demo data; the service measured is started on that existing database, as
    // a node in production is, and its start-up is the start-up figure.
    await (await startService(serviceEnv(db.url, scryptCost))).stop();
    const service = await startService(serviceEnv(db.url, scryptCost));
    if (store === 'sqlite') result.startupMs = service.startupMs;
    log(`${store}: start-up to first answer on an existing database: ${service.startupMs} ms`);
    try {
      const token = await tokenFor(service.base);
      const calls = endpointCalls(token);
      for (const { name, call, target } of calls) {
        const baseline = await startBaseline(await bodyBytes(service.base, call));
        let rounds: { ours: LoadResult; base: LoadResult }[] = [];
        let peakRss = 0;
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentMb(service.pid))), 500);
        try {
          rounds = (await takeTurns(baseline.base, service.base, call, options.seconds)).map(([base, ours]) => ({ ours, base }));
        } finally {
          clearInterval(sampler);
          await baseline.stop();
        }
        if (store === 'sqlite') result.residentMbUnderLoad = Math.max(result.residentMbUnderLoad, peakRss);
        const ratios = rounds.map((r) => r.ours.rps / r.base.rps);
        const row: EndpointRow = {
          store,
          endpoint: name,
          rps: median(rounds.map((r) => r.ours.rps)),
          baselineRps: median(rounds.map((r) => r.base.rps)),
          ratio: median(ratios),
          roundRatios: ratios,
          target: store === 'sqlite' ? target : undefined,
          non2xx: rounds.reduce((sum, r) => sum + r.ours.non2xx, 0),
          p99: median(rounds.map((r) => r.ours.p99)),
        };
        result.rows.push(row);
        log(
          `${store} ${name}: ${row.rps.toFixed(0)} req/s vs baseline ${row.baselineRps.toFixed(0)} (median ratio ${row.ratio.toFixed(2)}; rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}), non-2xx ${row.non2xx}`,
        );
      }
      if (store === 'sqlite') {
        for (const { name, call } of calls.slice(0, 4)) {
          const baseline = await startBaseline(await bodyBytes(service.base, call));
          const base = await atFixedRate(baseline.base, call, 2000, options.seconds).finally(() => baseline.stop());
          const r = await atFixedRate(service.base, call, 2000, options.seconds);
          result.fixedRate.push({ endpoint: name, rate: 2000, p50: r.p50, p99: r.p99, non2xx: r.non2xx, baselineP50: base.p50, baselineP99: base.p99 });
          log(`sqlite ${name} at 2000 req/s: p50 ${r.p50} ms, p99 ${r.p99} ms (baseline p99 ${base.p99} ms)`);
        }
        if (options.openapi && existsSync(options.openapi) && existsSync('node_modules/@stoplight/prism-cli/dist/index.js')) {
          const prism = await startPrism(options.openapi);
          try {
            for (const { name, call } of calls.slice(0, 4)) {
              // Measured minutes apart, as it was, the machine's drift in between would land in the ratio.
              const rounds = (await takeTurns(prism.base, service.base, call, options.seconds)).map(([theirs, ours]) => ({
                ours: ours.rps,
                theirs: theirs.rps,
              }));
              const ratios = rounds.map((r) => r.ours / Math.max(r.theirs, 1));
              const theirs = median(rounds.map((r) => r.theirs));
              const baselineRps = result.rows.find((r) => r.store === store && r.endpoint === name)?.baselineRps ?? 0;
              result.prism.push({
                endpoint: name,
                ours: median(rounds.map((r) => r.ours)),
                prism: theirs,
                ratio: median(ratios),
                roundRatios: ratios,
                baselineRatio: baselineRps / Math.max(theirs, 1),
              });
              log(`prism ${name}: ${theirs.toFixed(0)} req/s (ours ${median(ratios).toFixed(1)}×; rounds ${ratios.map((r) => r.toFixed(1)).join(' ')})`);
            }
          } finally {
            await prism.stop();
          }
        }
      }
    } finally {
      await service.stop();
      await db.drop();
    }
  }
  return result;
}
