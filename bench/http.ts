// HTTP benchmarks: each endpoint's throughput against a plain node:http baseline measured right beside it, on each store;
// the same calls against a Prism mock of our own document; latency at a fixed rate; memory under load; start-up time.
import { existsSync } from 'node:fs';
import { createTestStore } from '../testkit/index.js';
import { atFixedRate, CONNECTIONS, staticCall, throughput, type Call, type ThroughputResult } from './lib/load.js';
import { captureStatements } from './lib/captured-sql.js';
import type { Statement } from './lib/statement.js';
import { residentMb, settled, startBaseline, startPrism, startService, startSqlBaseline, type Child } from './lib/processes.js';
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

/** The service against one reference server, over the rounds. CPU figures are per answered request, in µs. */
export interface Versus {
  /** What the reference is: BARE or SAME_SQL. */
  against: string;
  rps: number;
  /** The median of the rounds' ratios, service / reference. */
  ratio: number;
  roundRatios: number[];
  /** The reference's CPU (every thread, from /proc), median of its turns. */
  cpuMicros: number;
  /** The load generator's CPU during the reference's turns, median. */
  generatorCpuMicros: number;
  /** The largest share of one core the load generator used in one of the reference's turns. */
  generatorBusy: number;
}

export interface EndpointRow {
  store: StoreKind;
  endpoint: string;
  rps: number;
  target?: number;
  non2xx: number;
  p99: number;
  /** The service's CPU time (every thread) per answered request, median of the rounds, in µs. */
  cpuMicrosPerRequest: number;
  /** The load generator's CPU per answered request during the service's turns, median, in µs. */
  generatorCpuMicros: number;
  /** The largest share of one core the load generator used in one of the service's turns. */
  generatorBusy: number;
  /** Against plain node:http first, then the baselines that run SQL, where the endpoint has them. */
  versus: Versus[];
}

/** The references an endpoint's service is measured against. */
export const BARE = 'node:http';
export const SAME_SQL = 'node:http + the same SQL';
/** Above this share of one core the load generator may be what limits a turn, not the server: the table says so. */
export const GENERATOR_BUSY_LIMIT = 0.9;

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
/** What happens around each turn of the service (the last server of a round), untimed: a purchase's PINs are issued before it. */
interface TurnHooks {
  /** Before the round (and before the service's warm-up); `previous` is the service's last turn. */
  before?: (previous: ThroughputResult | undefined) => Promise<void>;
  after?: (result: ThroughputResult) => void;
}

/** A server taking turns: where it listens, and its process, whose CPU is read from /proc. */
interface Turner {
  base: string;
  pid: number;
}

/**
 * The references and the service take turns under the same load, ROUNDS times, so a burst of noise on this shared
 * machine weighs on one round of each rather than on a whole figure; the first turn of each is warmed up. Gives, per
 * round, each reference's run (in order) and the service's. A reference (baseline or mock) is sent the call made static
 * (the sample body, the same reference id): it reads neither, and a request rebuilt per send costs the load generator
 * twice the CPU.
 */
async function takeTurns(
  references: Turner[],
  service: Turner,
  call: Call,
  seconds: number,
  hooks: TurnHooks = {},
): Promise<{ references: ThroughputResult[]; service: ThroughputResult }[]> {
  const rounds: { references: ThroughputResult[]; service: ThroughputResult }[] = [];
  let previous: ThroughputResult | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const warmup = round === 0 ? WARMUP_SECONDS : 0;
    // Prepared first, so the turns run back to back.
    await hooks.before?.(previous);
    const measured: ThroughputResult[] = [];
    for (const reference of references) measured.push(await throughput(reference.base, staticCall(call), roundSeconds(seconds), warmup, reference.pid));
    const ours = await throughput(service.base, call, roundSeconds(seconds), warmup, service.pid);
    hooks.after?.(ours);
    rounds.push({ references: measured, service: ours });
    previous = ours;
  }
  return rounds;
}

/** A statement in one line, for the log: its SQL, whitespace folded, and its parameters. */
const describe = (s: Statement) => `${s.sql.replace(/\s+/g, ' ')} ${JSON.stringify(s.parameters)}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function freshDatabase(kind: StoreKind): Promise<{ url: string; drop: () => Promise<void> }> {
  const store = await createTestStore(kind);
  return { url: store.databaseUrl, drop: store.drop };
}

/** An access token for the demo client. A service that sheds load (503, as it may just after start on a busy host) is asked again. */
export async function tokenFor(base: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${base}/flexiti/pos-api/v2.5/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': 'bench-token' },
      body: 'client_id=flexitidemo&client_secret=demo-secret&grant_type=client_credentials&scope=merchant',
    });
    if (res.status === 200) return ((await res.json()) as { access_token: string }).access_token;
    if (res.status !== 503 || attempt >= 30) throw new Error(`no token: ${res.status} ${await res.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The calls measured, each with what it exercises; targets from the performance issue. */
export function endpointCalls(token: string): Endpoint[] {
  const api = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
  const headers = { authorization: `Bearer ${token}`, 'x-reference-id': 'bench-read' };
  const json = { ...headers, 'content-type': 'application/json' };
  return [
    {
      name: 'search',
      target: 0.5,
      compared: true,
      sqlBaselines: true,
      call: { method: 'GET', path: `${api}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`, headers },
    },
    {
      name: 'lookup',
      target: 0.5,
      compared: true,
      sqlBaselines: true,
      call: { method: 'GET', path: `${api}/customers/lookup?account_number=20035156`, headers },
    },
    {
      name: 'calculate-interest',
      target: 0.5,
      compared: true,
      sqlBaselines: true,
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
    {
      name: 'verify (sms)',
      target: 0.25,
      call: {
        method: 'POST',
        path: `${api}/account/20035156/verify`,
        headers: json,
        body: JSON.stringify({ format: 'sms', request_id: '1' }),
        uniqueReference: true,
      },
    },
    // The same close again under a new reference id: a write (the account is locked, found closed, the answer kept).
    {
      name: 'close (repeat, new reference id)',
      call: { method: 'POST', path: `${api}/accounts/116994859/close`, headers: json, body: '{}', uniqueReference: true },
    },
    // The same request again under its reference id: the kept answer, replayed.
    { name: REPLAY, call: { method: 'POST', path: `${api}/accounts/116994859/close`, headers: json, body: '{}' } },
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

/** Close's idempotent replay, whose goal is against lookup's throughput on the same store. */
export const REPLAY = 'close (idempotent replay)';
export const REPLAY_TARGET_OF_LOOKUP = 0.5;

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
  /** Also measured against node:http running the statements the service runs for it (captured, see captured-sql.ts). */
  sqlBaselines?: boolean;
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
      // The statements each request of these calls runs, as the service runs them, for the baselines that run SQL.
      const captured = await captureStatements(
        env,
        calls.filter((c) => c.sqlBaselines),
      );
      for (const { name, call, target, answerBytes, hooks, sqlBaselines } of calls) {
        const references: { against: string; start: () => Promise<Child> }[] = [
          { against: BARE, start: async () => startBaseline(answerBytes ?? (await bodyBytes(service.base, call))) },
        ];
        const statements = captured.get(name);
        if (sqlBaselines && !statements) log(`${store} ${name}: no statement captured, so no baseline that runs the same SQL`);
        if (statements) references.push({ against: SAME_SQL, start: () => startSqlBaseline(db.url, statements) });
        if (statements) log(`${store} ${name}: the service runs ${statements.length} statement(s): ${statements.map(describe).join(' | ')}`);
        const started: Child[] = [];
        let rounds: { references: ThroughputResult[]; service: ThroughputResult }[] = [];
        let peakRss = 0;
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentMb(service.pid))), 500);
        try {
          for (const reference of references) started.push(await reference.start());
          rounds = await takeTurns(started, service, call, options.seconds, hooks);
        } finally {
          clearInterval(sampler);
          await Promise.all(started.map((child) => child.stop()));
        }
        const settling = await settled(service.pid);
        if (settling > 1500)
          log(`${store} ${name}: the service worked on for ${Math.round(settling / 1000)} s after its load stopped; the next endpoint waited`);
        if (store === 'sqlite') result.residentMbUnderLoad = Math.max(result.residentMbUnderLoad, peakRss);
        const ours = rounds.map((r) => r.service);
        const row: EndpointRow = {
          store,
          endpoint: name,
          rps: median(ours.map((r) => r.rps)),
          target: store === 'sqlite' ? target : undefined,
          non2xx: ours.reduce((sum, r) => sum + r.non2xx, 0),
          p99: median(ours.map((r) => r.p99)),
          cpuMicrosPerRequest: median(ours.map((r) => r.serverCpuMicros ?? 0)),
          generatorCpuMicros: median(ours.map((r) => r.generatorCpuMicros)),
          generatorBusy: Math.max(...ours.map((r) => r.generatorBusy)),
          versus: references.map(({ against }, i) => {
            const theirs = rounds.map((r) => r.references[i] as ThroughputResult);
            const ratios = rounds.map((r) => r.service.rps / Math.max((r.references[i] as ThroughputResult).rps, 1));
            return {
              against,
              rps: median(theirs.map((r) => r.rps)),
              ratio: median(ratios),
              roundRatios: ratios,
              cpuMicros: median(theirs.map((r) => r.serverCpuMicros ?? 0)),
              generatorCpuMicros: median(theirs.map((r) => r.generatorCpuMicros)),
              generatorBusy: Math.max(...theirs.map((r) => r.generatorBusy)),
            };
          }),
        };
        result.rows.push(row);
        const cpu = (micros: number, generator: number, busy: number) =>
          `CPU ${micros.toFixed(0)} µs/request, load generator ${generator.toFixed(0)} µs/request (${(busy * 100).toFixed(0)} % of a core${busy >= GENERATOR_BUSY_LIMIT ? ': it may be the limit' : ''})`;
        log(
          `${store} ${name}: ${row.rps.toFixed(0)} req/s, non-2xx ${row.non2xx}, ${cpu(row.cpuMicrosPerRequest, row.generatorCpuMicros, row.generatorBusy)}, peak RSS ${peakRss.toFixed(0)} MB`,
        );
        for (const v of row.versus)
          log(
            `  against ${v.against}: ${v.rps.toFixed(0)} req/s (median ratio ${v.ratio.toFixed(2)}; rounds ${v.roundRatios.map((r) => r.toFixed(2)).join(' ')}), ${cpu(v.cpuMicros, v.generatorCpuMicros, v.generatorBusy)}`,
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
              const rounds = (await takeTurns([prism], service, call, options.seconds)).map((r) => ({
                ours: r.service.rps,
                theirs: (r.references[0] as ThroughputResult).rps,
              }));
              const ratios = rounds.map((r) => r.ours / Math.max(r.theirs, 1));
              const theirs = median(rounds.map((r) => r.theirs));
              const baselineRps = result.rows.find((r) => r.store === store && r.endpoint === name)?.versus[0]?.rps ?? 0;
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
