// HTTP benchmarks: each endpoint's throughput against a plain node:http baseline measured right beside it, on each store;
// the same calls against a Prism mock of our own document; latency at a fixed rate; memory under load; start-up time.
import { existsSync } from 'node:fs';
import { createTestStore } from '../testkit/index.js';
import { atFixedRate, CONNECTIONS, throughput, type Call, type LoadResult } from './lib/load.js';
import { cpuMicros, residentMb, startBaseline, startPrism, startService } from './lib/processes.js';
import {
  BENCH_CUSTOMERS,
  PROBE_PINS,
  READ_PURCHASES,
  generateBenchAccounts,
  pinsForTurn,
  purchaseCalls,
  purchaseFixture,
  type PurchaseFixture,
} from './lib/purchases.js';

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
  /** The service's CPU time (every thread) per answered request, median of the rounds, in µs. */
  cpuMicrosPerRequest: number;
}

export interface HttpBenchResult {
  rows: EndpointRow[];
  fixedRate: { endpoint: string; rate: number; p50: number; p99: number; non2xx: number; baselineP50: number; baselineP99: number }[];
  prism: { endpoint: string; ours: number; prism: number; ratio: number; roundRatios: number[]; baselineRatio: number }[];
  residentMbUnderLoad: number;
  startupMs: number;
  scryptCost: number;
  /** How the Transactions endpoints were prepared, for the notes under the table; absent when none ran. */
  purchases?: { customers: number; accounts: number; readPurchases: number };
}

/** Turns of baseline then service per endpoint; the figures are the medians. */
export const ROUNDS = 3;
/** The warm-up before the first turn of each server, in seconds. */
const WARMUP_SECONDS = 3;
const roundSeconds = (seconds: number) => Math.max(3, Math.round(seconds / 2));
/** What happens around each turn of the service (the second server), untimed: a purchase's PINs are issued before it. */
interface TurnHooks {
  /** Before the turn and its warm-up; `previous` is the service's last turn. */
  before?: (previous: LoadResult | undefined) => Promise<void>;
  /** Right before the measured run, after the warm-up. */
  start?: () => void;
  after?: (result: LoadResult) => void;
}

/**
 * Two servers take turns under the same load, ROUNDS times, so a burst of noise on this shared machine weighs on one
 * round of each rather than on a whole figure; the first turn of each is warmed up. Gives [first, second] per round.
 * The first is the reference (baseline or mock): it is sent the call's sample body, never a per-request one.
 */
async function takeTurns(first: string, second: string, call: Call, seconds: number, hooks: TurnHooks = {}): Promise<[LoadResult, LoadResult][]> {
  const rounds: [LoadResult, LoadResult][] = [];
  let previous: LoadResult | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const warmup = round === 0 ? WARMUP_SECONDS : 0;
    // Prepared first, so the two turns run back to back.
    await hooks.before?.(previous);
    const a = await throughput(first, { ...call, nextBody: undefined }, roundSeconds(seconds), warmup);
    if (warmup) await throughput(second, call, warmup, 0);
    hooks.start?.();
    const b = await throughput(second, call, roundSeconds(seconds), 0);
    hooks.after?.(b);
    rounds.push([a, b]);
    previous = b;
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
export function endpointCalls(token: string): { name: string; call: Call; target?: number; compared?: boolean }[] {
  const api = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
  const headers = { authorization: `Bearer ${token}`, 'x-reference-id': 'bench-read' };
  const json = { ...headers, 'content-type': 'application/json' };
  return [
    {
      name: 'search',
      target: 0.5,
      compared: true,
      call: { method: 'GET', path: `${api}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`, headers },
    },
    { name: 'lookup', target: 0.5, compared: true, call: { method: 'GET', path: `${api}/customers/lookup?account_number=20035156`, headers } },
    {
      name: 'calculate-interest',
      target: 0.45,
      compared: true,
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
      compared: true,
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

/**
 * The service's settings in a benchmark: fixed keys, no verify rate limits (the purchase bench issues a PIN per purchase,
 * tens of thousands a minute on a few accounts' worth of clients), the log transport.
 */
export const serviceEnv = (url: string, scryptCost: number) => ({
  DATABASE_URL: url,
  TOKEN_SIGNING_KEY: 'bench-token-signing-key-0123456789abcdef',
  CARD_HMAC_KEY: 'bench-card-hmac-key-0123456789abcdef0123',
  PIN_HMAC_KEY: 'bench-pin-hmac-key-0123456789abcdef01234',
  OUTBOX_KEY: 'bench-outbox-key-0123456789abcdef01234567',
  KEYS_MASTER_KEY: 'bench-keys-master-key-0123456789abcdef012',
  VERIFY_RATE_PER_CLIENT: '100000000',
  VERIFY_RATE_PER_ACCOUNT: '100000000',
  SCRYPT_COST: String(scryptCost),
  // The embedded default's log transport: no network in a benchmark.
  OUTBOX_POLL_MS: '1000',
});

/** The Transactions endpoints' names: a purchase, and the two reads. */
const PURCHASE_ENDPOINTS = ['authorization (auto_capture)', 'authorizations (by account)', 'authorization (by id)'] as const;

interface Endpoint {
  name: string;
  call: Call;
  target?: number;
  /** Also measured at a fixed rate and against Prism. */
  compared?: boolean;
  /** The answer's size when the call cannot be made once just to size the baseline (a purchase spends a PIN). */
  answerBytes?: number;
  hooks?: TurnHooks;
}

/** The Transactions endpoints on a prepared fixture; targets from the issue (a purchase writes). */
function purchaseEndpoints(base: string, token: string, fixture: PurchaseFixture, seconds: number, log: (line: string) => void): Endpoint[] {
  const calls = purchaseCalls(token, fixture);
  const hooks: TurnHooks = {
    // Each turn gets PINs for twice the purchases the last one made; the first, with its warm-up, is sized by a short
    // unmeasured run on a first batch, half again (a cold service runs slower than a warm one: twice as fast was seen).
    before: async (previous) => {
      const started = performance.now();
      let perSecond = previous?.rps;
      if (perSecond === undefined) {
        await fixture.issuePins(PROBE_PINS);
        perSecond = (await throughput(base, calls.purchase, 1, 0)).rps * 1.5;
      }
      const wanted = pinsForTurn(perSecond, roundSeconds(seconds) + (previous ? 0 : WARMUP_SECONDS), CONNECTIONS);
      await fixture.issuePins(wanted);
      const { issued } = fixture.usage();
      log(
        `  ${issued} PINs issued in ${((performance.now() - started) / 1000).toFixed(1)} s${issued < wanted ? ` (${wanted} wanted: more accounts needed)` : ''}`,
      );
    },
    after: () => {
      // autocannon builds each connection's next request ahead, and the last is never sent: one per connection per run.
      const { used, issued } = fixture.usage();
      if (used > issued + 2 * CONNECTIONS) log(`  PINs ran out: up to ${used - issued} purchases presented a spent one (answered 409)`);
    },
  };
  return [
    { name: PURCHASE_ENDPOINTS[0], target: 0.15, call: calls.purchase, answerBytes: fixture.answerBytes, hooks },
    { name: PURCHASE_ENDPOINTS[1], target: 0.4, call: calls.list },
    { name: PURCHASE_ENDPOINTS[2], target: 0.4, call: calls.byId },
  ];
}

/** An endpoint is measured when no filter is given, or when its name holds one of the filter's words. */
const selected = (name: string, filter: string[] | undefined) => !filter?.length || filter.some((word) => name.toLowerCase().includes(word.toLowerCase()));

export async function runHttpBench(options: {
  stores: StoreKind[];
  seconds: number;
  openapi?: string;
  /** Only the endpoints whose names hold one of these (case-insensitive); all when absent. */
  endpoints?: string[];
  log?: (line: string) => void;
}): Promise<HttpBenchResult> {
  const log = options.log ?? (() => undefined);
  const scryptCost = 16384;
  const result: HttpBenchResult = { rows: [], fixedRate: [], prism: [], residentMbUnderLoad: 0, startupMs: 0, scryptCost };
  const withPurchases = PURCHASE_ENDPOINTS.some((name) => selected(name, options.endpoints));
  for (const store of options.stores) {
    const db = await freshDatabase(store);
    const env = serviceEnv(db.url, scryptCost);
    // The first start migrates and loads the demo data; the service measured is started on that existing database, as
    // a node in production is, and its start-up is the start-up figure.
    await (await startService(env)).stop();
    if (withPurchases) await generateBenchAccounts(env, (line) => log(`${store}: ${line}`));
    const service = await startService(env);
    if (store === 'sqlite') result.startupMs = service.startupMs;
    log(`${store}: start-up to first answer on an existing database: ${service.startupMs} ms`);
    try {
      const token = await tokenFor(service.base);
      const calls: Endpoint[] = endpointCalls(token).filter((c) => selected(c.name, options.endpoints));
      if (withPurchases) {
        const fixture = await purchaseFixture(service.base, token, env);
        result.purchases = { customers: BENCH_CUSTOMERS, accounts: fixture.accounts.length, readPurchases: READ_PURCHASES };
        log(`${store}: ${fixture.accounts.length} accounts to buy on; account ${fixture.readAccount} has ${READ_PURCHASES} purchases for the reads`);
        calls.push(...purchaseEndpoints(service.base, token, fixture, options.seconds, log).filter((c) => selected(c.name, options.endpoints)));
      }
      for (const { name, call, target, answerBytes, hooks } of calls) {
        const baseline = await startBaseline(answerBytes ?? (await bodyBytes(service.base, call)));
        let rounds: { ours: LoadResult; base: LoadResult; cpu: number }[] = [];
        let peakRss = 0;
        const cpu: number[] = [];
        let cpuStart = 0;
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentMb(service.pid))), 500);
        try {
          const turns = await takeTurns(baseline.base, service.base, call, options.seconds, {
            before: hooks?.before,
            // The service's CPU over the measured run (not the warm-up), every thread.
            start: () => (cpuStart = cpuMicros(service.pid)),
            after: (ours) => {
              cpu.push(cpuMicros(service.pid) - cpuStart);
              hooks?.after?.(ours);
            },
          });
          rounds = turns.map(([base, ours], i) => ({ ours, base, cpu: cpu[i] as number }));
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
          cpuMicrosPerRequest: median(rounds.map((r) => r.cpu / Math.max(r.ours.requests, 1))),
        };
        result.rows.push(row);
        log(
          `${store} ${name}: ${row.rps.toFixed(0)} req/s vs baseline ${row.baselineRps.toFixed(0)} (median ratio ${row.ratio.toFixed(2)}; rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}), non-2xx ${row.non2xx}, service CPU ${row.cpuMicrosPerRequest.toFixed(0)} µs/request, peak RSS ${peakRss.toFixed(0)} MB`,
        );
      }
      const compared = calls.filter((c) => c.compared);
      if (store === 'sqlite') {
        for (const { name, call } of compared) {
          const baseline = await startBaseline(await bodyBytes(service.base, call));
          const base = await atFixedRate(baseline.base, call, 2000, options.seconds).finally(() => baseline.stop());
          const r = await atFixedRate(service.base, call, 2000, options.seconds);
          result.fixedRate.push({ endpoint: name, rate: 2000, p50: r.p50, p99: r.p99, non2xx: r.non2xx, baselineP50: base.p50, baselineP99: base.p99 });
          log(`sqlite ${name} at 2000 req/s: p50 ${r.p50} ms, p99 ${r.p99} ms (baseline p99 ${base.p99} ms)`);
        }
        if (options.openapi && existsSync(options.openapi) && existsSync('node_modules/@stoplight/prism-cli/dist/index.js')) {
          const prism = await startPrism(options.openapi);
          try {
            for (const { name, call } of compared) {
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
