// Did a change move read throughput? Runs the service of two built trees side by side on the same seeded data and has
// them take turns under the same load, so the machine's drift weighs on both alike.
//
//   npm run bench:compare -- --before /path/to/old/tree --after . [--stores sqlite,postgres] [--seconds 6] [--rounds 5]
//                            [--endpoints search,lookup,calculate-interest,driverslicense]
//
// Both trees must be built (`npm run build` in each). For each store: one database, migrated and seeded by the before
// tree's service; for SQLite each service gets its own copy of the file (neither holds the other's WAL), for PostgreSQL
// both serve the same database. Per endpoint, the rounds alternate which tree goes first; the figures are medians.
// CPU per request is the service process's utime+stime delta (/proc/<pid>/stat, every thread) over the measured
// requests, and the load generator's (this process, process.cpuUsage). Exits 1 if any answer was not 2xx.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createTestStore, type TestStore } from '../testkit/index.js';
import { endpointCalls, serviceEnv, tokenFor, type StoreKind } from './http.js';
import { CONNECTIONS, throughput, type Call, type LoadResult } from './lib/load.js';
import { startServiceFrom, type Child } from './lib/processes.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback?: string): string => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? args[i + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
};
const beforeRoot = resolve(flag('before'));
const afterRoot = resolve(flag('after'));
const stores = flag('stores', 'sqlite,postgres').split(',') as StoreKind[];
const seconds = Number(flag('seconds', '6'));
const rounds = Number(flag('rounds', '5'));
const endpoints = flag('endpoints', 'search,lookup,calculate-interest,driverslicense').split(',');
const unknown = endpoints.filter((name) => !endpointCalls('').some((c) => c.name === name));
if (unknown.length) throw new Error(`not an endpoint of bench/http.ts: ${unknown.join(', ')}`);
const WARMUP_SECONDS = 3;
/** As the HTTP bench: the cost does not touch the reads measured, and the token is issued the same way. */
const SCRYPT_COST = 16384;

type Side = 'before' | 'after';
interface Turn {
  load: LoadResult;
  serviceCpuPerRequest: number;
  loaderCpuPerRequest: number;
}
interface Row {
  store: StoreKind;
  endpoint: string;
  turns: Record<Side, Turn[]>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-CA', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function describeTree(root: string): string {
  if (!existsSync(join(root, 'dist/posapi.mjs'))) throw new Error(`${root}/dist/posapi.mjs is missing: run \`npm run build\` there first`);
  try {
    const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() ? ' + uncommitted src changes' : '';
    return `${root} (${commit}${dirty})`;
  } catch {
    return root;
  }
}

/** One measured turn, with both processes' CPU per request (throughput reads them around the measured run). */
async function turn(service: Child, call: Call, warmup: boolean): Promise<Turn> {
  const load = await throughput(service.base, call, seconds, warmup ? WARMUP_SECONDS : 0, service.pid);
  return { load, serviceCpuPerRequest: load.serverCpuMicros ?? 0, loaderCpuPerRequest: load.generatorCpuMicros };
}

/** The seeded database, and one URL per side: copies of the file for SQLite, the same database for PostgreSQL. */
async function seededDatabase(kind: StoreKind): Promise<{ store: TestStore; urls: Record<Side, string> }> {
  const store = await createTestStore(kind);
  // The first start migrates and loads the demo data, as in the HTTP bench.
  await (await startServiceFrom(beforeRoot, serviceEnv(store.databaseUrl, SCRYPT_COST))).stop();
  if (kind === 'postgres') return { store, urls: { before: store.databaseUrl, after: store.databaseUrl } };
  const file = store.databaseUrl.replace(/^sqlite:/, '');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const urls = { before: '', after: '' };
  for (const side of ['before', 'after'] as const) {
    const copy = join(dirname(file), `${side}.db`);
    copyFileSync(file, copy);
    urls[side] = `sqlite:${copy}`;
  }
  return { store, urls };
}

async function check(base: string, call: Call): Promise<void> {
  const res = await fetch(base + call.path, { method: call.method, headers: { ...call.headers, 'x-reference-id': `check-${Date.now()}` }, body: call.body });
  if (res.status >= 300) throw new Error(`${call.method} ${call.path} answered ${res.status} at ${base}: ${await res.text()}`);
}

const running = new Set<Child>();
const dropping = new Set<TestStore>();
async function cleanUp(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
  await Promise.all([...dropping].map((s) => s.drop()));
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

async function compareStore(kind: StoreKind, log: (line: string) => void): Promise<Row[]> {
  const { store, urls } = await seededDatabase(kind);
  dropping.add(store);
  const rows: Row[] = [];
  const services: Partial<Record<Side, Child>> = {};
  try {
    for (const side of ['before', 'after'] as const) {
      const service = await startServiceFrom(side === 'before' ? beforeRoot : afterRoot, serviceEnv(urls[side], SCRYPT_COST));
      running.add(service);
      services[side] = service;
    }
    const calls: Record<Side, Map<string, Call>> = { before: new Map(), after: new Map() };
    for (const side of ['before', 'after'] as const) {
      const base = (services[side] as Child).base;
      const token = await tokenFor(base);
      for (const { name, call } of endpointCalls(token)) {
        if (!endpoints.includes(name)) continue;
        await check(base, call);
        calls[side].set(name, call);
      }
    }
    for (const endpoint of endpoints) {
      const row: Row = { store: kind, endpoint, turns: { before: [], after: [] } };
      for (let round = 0; round < rounds; round++) {
        const order: Side[] = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
        for (const side of order) row.turns[side].push(await turn(services[side] as Child, calls[side].get(endpoint) as Call, round === 0));
      }
      const ratios = row.turns.after.map((t, i) => t.load.rps / (row.turns.before[i] as Turn).load.rps);
      log(`${kind} ${endpoint}: after/before ${fmt(median(ratios), 3)} (rounds ${ratios.map((r) => fmt(r, 3)).join(' ')})`);
      rows.push(row);
    }
  } finally {
    for (const service of Object.values(services)) {
      await service.stop();
      running.delete(service);
    }
    await store.drop();
    dropping.delete(store);
  }
  return rows;
}

function table(rows: Row[]): string {
  const lines = [
    '| store | endpoint | before req/s (median) | after req/s (median) | after/before (median) | after/before by round | service CPU µs/req before | after | load generator CPU µs/req before | after | non-2xx + errors before / after |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { store, endpoint, turns } of rows) {
    const ratios = turns.after.map((t, i) => t.load.rps / (turns.before[i] as Turn).load.rps);
    const med = (side: Side, pick: (t: Turn) => number) => median(turns[side].map(pick));
    const bad = (side: Side) => turns[side].reduce((sum, t) => sum + t.load.non2xx + t.load.errors, 0);
    lines.push(
      `| ${store} | ${endpoint} | ${fmt(med('before', (t) => t.load.rps))} | ${fmt(med('after', (t) => t.load.rps))} | ${fmt(median(ratios), 3)} | ` +
        `${ratios.map((r) => fmt(r, 2)).join(' · ')} | ${fmt(
          med('before', (t) => t.serviceCpuPerRequest),
          1,
        )} | ${fmt(
          med('after', (t) => t.serviceCpuPerRequest),
          1,
        )} | ` +
        `${fmt(
          med('before', (t) => t.loaderCpuPerRequest),
          1,
        )} | ${fmt(
          med('after', (t) => t.loaderCpuPerRequest),
          1,
        )} | ${bad('before')} / ${bad('after')} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const log = (line: string) => console.error(`  ${line}`);
  const header = [
    `before: ${describeTree(beforeRoot)}`,
    `after:  ${describeTree(afterRoot)}`,
    `${rounds} rounds of ${seconds} s per side and endpoint (autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up in round 1), alternating which side goes first; node ${process.version}.`,
  ];
  header.forEach((line) => console.error(line));
  const rows: Row[] = [];
  for (const kind of stores) rows.push(...(await compareStore(kind, log)));
  console.log(`\n${header.join('  \n')}\n\n${table(rows)}\n`);
  const bad = rows.some((r) => [...r.turns.before, ...r.turns.after].some((t) => t.load.non2xx + t.load.errors > 0));
  if (bad) console.error('some answers were not 2xx (or failed): see the last column');
  return bad ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
