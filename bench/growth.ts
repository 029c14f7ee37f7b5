// Growth benchmark: p50/p99 of customer search and lookup over real HTTP at several database sizes, with the search query plan.
// Every size's database is generated first and served by its own service process; the sizes then take turns, round
// after round, so a drift of this shared machine lands on all of them alike. Latencies are each answer's own time in
// fractional milliseconds, and a size's figure is the median of its rounds.
//   node --import tsx bench/growth.ts [--sizes 10000,1000000] [--store sqlite|postgres|both] [--rate 500] [--seconds 6] [--rounds 5]
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Dialect,
} from 'kysely';
import { generateIntoStore, merchantIds } from '../src/store/bulk/generate.js';
import { generateCustomer } from '../src/store/bulk/generator.js';
import { seededRandom } from '../src/store/bulk/random.js';
import { loadConfig, type StoreKind } from '../src/config.js';
import { nameKey } from '../src/domain/identity.js';
import { prepareStore } from '../src/runtime/server.js';
import type { ServiceContext } from '../src/runtime/context.js';
import { createContext } from '../src/runtime/context.js';
import { searchAccounts } from '../src/store/account-reads.js';
import { createTestStore, quantile } from '../testkit/index.js';
import { tokenFor } from './http.js';
import { serviceEnv } from './http.js';
import { startService } from './lib/processes.js';
import type { Database } from '../src/store/schema.js';

const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
/** The growth target: p99 at the largest size over p99 at the smallest. */
const TARGET_RATIO = 1.5;
/** Distinct customers drawn for the request URLs: enough that caches do not serve one hot row. */
const SAMPLE = 5000;

export interface GrowthOptions {
  sizes: number[];
  stores: StoreKind[];
  /** Requests per second, held fixed so latency is compared at equal load. */
  rate?: number;
  seconds?: number;
  warmupSeconds?: number;
  connections?: number;
  /** Turns each size takes per endpoint; the figures are the medians. */
  rounds?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface GrowthRow {
  store: StoreKind;
  size: number;
  endpoint: 'search' | 'lookup';
  /** Medians over the rounds, in ms. */
  p50: number;
  p99: number;
  /** Each round's p99, in the order they ran. */
  roundP99s: number[];
  requests: number;
  /** Answers that were not 200, and socket errors: a latency measured over failures means nothing. */
  failures: number;
  /** p99 over p99 of the smallest size, same store and endpoint. */
  ratio?: number;
}

export interface QueryPlan {
  store: StoreKind;
  size: number;
  plan: string;
  usesIndex: boolean;
}

interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function freshDatabase(store: StoreKind): Promise<BenchDatabase> {
  const database = await createTestStore(store);
  return { url: database.databaseUrl, drop: database.drop };
}

function benchContext(url: string): ServiceContext {
  const key = () => randomBytes(32).toString('hex');
  return createContext(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', TOKEN_SIGNING_KEY: key(), CARD_HMAC_KEY: key(), OUTBOX_KEY: key(), SEED_DEMO: 'true' }),
  );
}

/** Request paths drawn from the generated customers: the generator rebuilds customer i from the seed alone. */
async function requestPaths(ctx: ServiceContext, size: number, seed: number) {
  const options = { seed, merchantIds: await merchantIds(ctx) };
  const r = seededRandom(seed ^ 0x5eed, size);
  const search: string[] = [];
  const lookup: string[] = [];
  for (let i = 0; i < Math.min(SAMPLE, size); i++) {
    const g = generateCustomer(options, r.int(1, size));
    const { first_name, last_name, dob } = g.customer;
    search.push(`${API}/customers/search?${new URLSearchParams({ first_name, last_name, dob })}`);
    lookup.push(`${API}/customers/lookup?account_number=${r.pick(g.accounts).account_number}`);
  }
  return { search, lookup };
}

interface LoadRun {
  url: string;
  token: string;
  paths: string[];
  rate: number;
  seconds: number;
  connections: number;
}

interface LoadResult {
  /** Each answer's time, in fractional ms (autocannon's own summary rounds to whole ms, too coarse at 1–5 ms). */
  latencies: number[];
  failures: number;
}

/**
 * Fixed-rate load over the given paths in turn (each connection goes through the list). autocannon's rate limit sends
 * each connection's quota for the second in a burst, so this is the latency of ten requests at once, on both sizes
 * alike. Evenly paced requests (loadtest, timed per answer) were tried: their rounds' p99s spread wider (1.4–8.2 ms
 * against 3.7–8.9 ms here), so the medians moved more between runs.
 */
function load({ url, token, paths, rate, seconds, connections }: LoadRun): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        overallRate: rate,
        duration: seconds,
        // Built once each and sent in turn: a request rebuilt per send (a setupRequest hook) doubles autocannon's CPU.
        requests: paths.map((path) => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}`, 'x-reference-id': 'growth-read' } })),
      },
      (error: unknown, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ latencies, failures: result.non2xx + result.errors + result.timeouts });
      },
    );
    instance.on('response', (_client, _statusCode, _bytes, ms) => latencies.push(ms));
  });
}

/** The search statement exactly as the service sends it, captured from the store function on a database that runs nothing. */
async function searchStatement(store: StoreKind): Promise<CompiledQuery> {
  let captured: CompiledQuery | undefined;
  const dialect: Dialect = {
    createAdapter: () => (store === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter()),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => (store === 'sqlite' ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
    createQueryCompiler: () => (store === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
  };
  const dummy = new Kysely<Database>({ dialect, log: (event) => void (captured = event.query) });
  await searchAccounts(dummy, { firstNameKey: nameKey('Marie'), lastNameKey: nameKey('Côté'), dob: '1970-01-01' });
  await dummy.destroy();
  if (!captured) throw new Error('the search statement was not captured');
  return captured;
}

async function searchPlan(ctx: ServiceContext, size: number): Promise<QueryPlan> {
  const store = ctx.store.kind;
  const statement = await searchStatement(store);
  const explain = store === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await ctx.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(explain + statement.sql, [...statement.parameters]));
  const plan = result.rows.map((row) => (store === 'sqlite' ? String(row.detail) : String(row['QUERY PLAN']))).join('\n');
  return { store, size, plan, usesIndex: /customers_search/.test(plan) };
}

type Settings = Required<Omit<GrowthOptions, 'sizes' | 'stores'>>;

interface PreparedSize {
  size: number;
  database: BenchDatabase;
  plan: QueryPlan;
  paths: { search: string[]; lookup: string[] };
}

/** A database of `size` generated customers, analysed, with its search plan and request paths; its context closed. */
async function prepareSize(store: StoreKind, size: number, settings: Settings): Promise<PreparedSize> {
  const log = settings.log;
  const database = await freshDatabase(store);
  try {
    // The service runs in its own process, as in production, so this context is closed before it starts: in this
    // process the generator's heap (a million rows made just before) and the load generator's work would land in the
    // latencies measured.
    const ctx = benchContext(database.url);
    try {
      await prepareStore(ctx);
      log(`${store} ${size}: generating…`);
      const generated = await generateIntoStore(ctx, { count: size, seed: settings.seed });
      log(`${store} ${size}: ${generated.customers} customers, ${generated.accounts} accounts, ${generated.cards} cards in ${generated.seconds.toFixed(1)} s`);
      // Fresh statistics, as a production database would have after a load (PostgreSQL plans by them).
      await ctx.db.executeQuery(CompiledQuery.raw('analyze'));
      return { size, database, plan: await searchPlan(ctx, size), paths: await requestPaths(ctx, size, settings.seed) };
    } finally {
      await ctx.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function measureStore(store: StoreKind, sizes: number[], settings: Settings): Promise<{ rows: GrowthRow[]; plans: QueryPlan[] }> {
  const log = settings.log;
  const prepared: PreparedSize[] = [];
  const services: Awaited<ReturnType<typeof startService>>[] = [];
  try {
    for (const size of sizes) prepared.push(await prepareSize(store, size, settings));
    for (const p of prepared) services.push(await startService(serviceEnv(p.database.url, 16384)));
    const tokens = await Promise.all(services.map((s) => tokenFor(s.base)));
    const rows: GrowthRow[] = [];
    for (const endpoint of ['search', 'lookup'] as const) {
      const run = (i: number, seconds: number) =>
        load({
          url: services[i]!.base,
          token: tokens[i]!,
          paths: prepared[i]!.paths[endpoint],
          rate: settings.rate,
          connections: settings.connections,
          seconds,
        });
      for (let i = 0; i < prepared.length; i++) await run(i, settings.warmupSeconds);
      const rounds: LoadResult[][] = prepared.map(() => []);
      for (let round = 0; round < settings.rounds; round++) {
        // Every other round in reverse order: no size always runs first, or right after the other's load.
        const order = prepared.map((_, i) => i);
        if (round % 2 === 1) order.reverse();
        for (const i of order) rounds[i]!.push(await run(i, settings.seconds));
      }
      prepared.forEach((p, i) => {
        const measured = rounds[i]!;
        const roundP99s = measured.map((r) => quantile(r.latencies, 0.99));
        const row: GrowthRow = {
          store,
          size: p.size,
          endpoint,
          p50: quantile(
            measured.map((r) => quantile(r.latencies, 0.5)),
            0.5,
          ),
          p99: quantile(roundP99s, 0.5),
          roundP99s,
          requests: measured.reduce((n, r) => n + r.latencies.length, 0),
          failures: measured.reduce((n, r) => n + r.failures, 0),
        };
        rows.push(row);
        log(
          `${store} ${p.size} ${endpoint}: p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms (rounds ${roundP99s.map((x) => x.toFixed(2)).join(' / ')}) over ${row.requests} requests${row.failures ? `, ${row.failures} FAILED` : ''}`,
        );
      });
    }
    return { rows, plans: prepared.map((p) => p.plan) };
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    for (const p of prepared) await p.database.drop();
  }
}

function markdownOf(rows: GrowthRow[], plans: QueryPlan[], settings: Settings): string {
  const lines = [
    `Every size is generated first and served by its own process; at ${settings.rate} req/s over ${settings.connections} connections ` +
      `(autocannon: each second's quota in one burst), the sizes take ${settings.rounds} turns of ${settings.seconds} s each per endpoint. ` +
      "p50 and p99 are the medians of the rounds, from each answer's own time in fractional milliseconds.",
    '',
    '| store | customers | endpoint | p50 (ms) | p99 (ms) | p99 by round (ms) | requests | failures | p99 / p99 at smallest (target ≤ 1.5) |',
    '|---|---:|---|---:|---:|---|---:|---:|---:|',
    ...rows.map((r) => {
      const ratio = r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)} ${r.ratio <= TARGET_RATIO ? '✓' : '✗'}`;
      return `| ${r.store} | ${r.size.toLocaleString('en-CA')} | ${r.endpoint} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.roundP99s.map((x) => x.toFixed(2)).join(' · ')} | ${r.requests} | ${r.failures} | ${ratio} |`;
    }),
    '',
    'Search query plans:',
    ...plans.flatMap((p) => [
      '',
      `${p.store}, ${p.size.toLocaleString('en-CA')} customers (${p.usesIndex ? 'uses customers_search' : 'DOES NOT USE customers_search'}):`,
      '```',
      p.plan,
      '```',
    ]),
  ];
  return lines.join('\n');
}

export async function runGrowthBench(options: GrowthOptions): Promise<{ markdown: string; rows: GrowthRow[]; plans: QueryPlan[] }> {
  const settings = {
    rate: options.rate ?? 500,
    seconds: options.seconds ?? 6,
    warmupSeconds: options.warmupSeconds ?? 3,
    connections: options.connections ?? 10,
    seed: options.seed ?? 1,
    rounds: options.rounds ?? 5,
    log: options.log ?? (() => undefined),
  };
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const rows: GrowthRow[] = [];
  const plans: QueryPlan[] = [];
  for (const store of options.stores) {
    const measured = await measureStore(store, sizes, settings);
    rows.push(...measured.rows);
    plans.push(...measured.plans);
  }
  for (const row of rows) {
    const base = rows.find((r) => r.store === row.store && r.endpoint === row.endpoint && r.size === sizes[0]);
    if (base && base !== row && base.p99 > 0) row.ratio = row.p99 / base.p99;
  }
  return { markdown: markdownOf(rows, plans, settings), rows, plans };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<void> {
  const store = argument('store') ?? 'sqlite';
  if (!['sqlite', 'postgres', 'both'].includes(store)) throw new Error('--store is sqlite, postgres or both');
  const sizes = (argument('sizes') ?? '10000,1000000').split(',').map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((s) => !Number.isSafeInteger(s) || s < 1)) throw new Error('--sizes is a comma-separated list of customer counts');
  const { markdown } = await runGrowthBench({
    sizes,
    stores: store === 'both' ? ['sqlite', 'postgres'] : [store as StoreKind],
    rate: argument('rate') ? Number(argument('rate')) : undefined,
    seconds: argument('seconds') ? Number(argument('seconds')) : undefined,
    rounds: argument('rounds') ? Number(argument('rounds')) : undefined,
    log: (line) => console.error(line),
  });
  console.log(markdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
