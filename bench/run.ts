// npm run bench: every benchmark, each figure against a baseline measured in the same run; writes its tables into
// bench/results.md (between its bench:start and bench:end markers, keeping the hand-kept record around them).
import { cpus, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { runFunctionBench } from './functions.js';
import { writeResults } from './lib/results-file.js';
import { BARE, GENERATOR_BUSY_LIMIT, REPLAY, REPLAY_TARGET_OF_LOOKUP, ROUNDS, SAME_SQL, runHttpBench, type StoreKind } from './http.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const quick = args.includes('--quick');
const stores = flag('stores', 'sqlite,postgres').split(',') as StoreKind[];
const seconds = Number(flag('seconds', quick ? '4' : '10'));
const growthSizes = flag('growth', quick ? '10000' : '10000,1000000');
// `--endpoints authoriz,lookup`: only the HTTP endpoints whose names hold one of these words. A partial run prints its
// figures and does not write bench/results.md, and skips the function and growth benchmarks.
const endpoints = args.includes('--endpoints') ? flag('endpoints', '').split(',').filter(Boolean) : undefined;

const log = (line: string) => console.log(`  ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-CA', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** What the HTTP table's columns are, under its heading. */
const HOW_IT_MEASURES = [
  'The service runs as `npm start` runs it: `bin/posapi serve`, its default log level (info: a line per request), its output to a file.',
  `Each endpoint's service and its references take ${ROUNDS} turns each, interleaved (every reference, then the service, round after round), at the same load; the first turn of each is warmed up, unmeasured.`,
  'The load generator is autocannon in the bench process. Each request is built once and sent as it is, except where it must differ each time (a write made once per reference id gets a fresh one, a purchase a fresh PIN): a request rebuilt per send costs autocannon twice the CPU, and on two cores that starved the baselines.',
  'A reference is sent the same request, made static (the sample body, one reference id). The references:',
  '',
  `- **${BARE}**: plain node:http answering a body of the service's answer's size; no framework, no database. The ceiling of the harness.`,
  `- **${SAME_SQL}** (search, lookup, calculate-interest): plain node:http running, for every request, the statements the service runs for that request, in the same order, with the same parameters, on the same database, and answering their rows as JSON. The statements are captured from the service's own code in the bench process (its store's reads noted while it answers the call; the bench prints them). On PostgreSQL a pool of ten connections with prepared statements, each planned once (plan_cache_mode = force_generic_plan, as on the service's read connections); on SQLite a read-only better-sqlite3 connection. The ratio against it is what the framework and the service's own code cost on top of that SQL.`,
  '',
  "Columns: req/s and against req/s are the medians of the turns; the ratio is the median of the rounds' ratios (service / reference), and the rounds' ratios show how much the machine moved. CPU µs/req is each process's CPU time (user + system, every thread, from `/proc/<pid>/stat`) over its measured turn, divided by the requests answered: the service's, then the reference's. The load generator's is the bench process's own (`process.cpuUsage()`) over the same turns: first during the service's turns, then during the reference's. A ⚠ marks a side on which the load generator used most of a core (the bench's log gives each side's share): there it may be the limit. Target is the goal of the ratio against bare node:http (SQLite); non-2xx counts the service's.",
].join('\n');

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** Close's idempotent replay against lookup on each store: its goal is a share of lookup's throughput, not of bare's. */
function replayAgainstLookup(rows: { store: string; endpoint: string; rps: number; non2xx: number }[]): string[] {
  const lines = [...new Set(rows.map((r) => r.store))].flatMap((store) => {
    const replay = rows.find((r) => r.store === store && r.endpoint === REPLAY);
    const lookup = rows.find((r) => r.store === store && r.endpoint === 'lookup');
    if (!replay || !lookup) return [];
    const ratio = replay.rps / lookup.rps;
    return [
      `| ${store} | ${fmt(replay.rps)} | ${fmt(lookup.rps)} | ${fmt(ratio, 2)} | ≥ ${REPLAY_TARGET_OF_LOOKUP} ${verdict(ratio >= REPLAY_TARGET_OF_LOOKUP && replay.non2xx === 0)} |`,
    ];
  });
  if (lines.length === 0) return [];
  return [
    '',
    `${REPLAY} against lookup on the same store (the medians of their service turns above; the same request and reference id again, answered from the kept answer):`,
    '',
    '| store | replay req/s | lookup req/s | replay / lookup | target |',
    '| --- | ---: | ---: | ---: | --- |',
    ...lines,
  ];
}

async function main(): Promise<void> {
  if (!existsSync('dist/posapi.mjs')) throw new Error('run `npm run build` first (npm run bench does)');
  const sections: string[] = [];
  const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
  sections.push(
    `Run ${now} UTC on ${cpus().length} × ${cpus()[0]?.model.trim()} with ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Figures are ratios against a baseline measured in the same run; absolute numbers drift on this shared machine.`,
  );

  console.log('HTTP throughput, latency, memory, start-up');
  const http = await runHttpBench({ stores, seconds, openapi: 'openapi.json', endpoints, log });
  const busy = (micros: number, load: number) => `${fmt(micros)}${load >= GENERATOR_BUSY_LIMIT ? ' ⚠' : ''}`;
  const rows = http.rows.flatMap((r) =>
    r.versus.map(
      (v) =>
        `| ${r.store} | ${r.endpoint} | ${v.against} | ${fmt(r.rps)} | ${fmt(v.rps)} | ${fmt(v.ratio, 2)} | ${v.roundRatios.map((x) => fmt(x, 2)).join(' · ')} | ${fmt(r.cpuMicrosPerRequest)} · ${fmt(v.cpuMicros)} | ${busy(r.generatorCpuMicros, r.generatorBusy)} · ${busy(v.generatorCpuMicros, v.generatorBusy)} | ${v.against !== BARE ? '' : r.target ? `≥ ${r.target} ${verdict(v.ratio >= r.target && r.non2xx === 0)}` : 'report'} | ${r.non2xx} |`,
    ),
  );
  const generatorBound = http.rows.some((r) => r.generatorBusy >= GENERATOR_BUSY_LIMIT || r.versus.some((v) => v.generatorBusy >= GENERATOR_BUSY_LIMIT));
  sections.push(
    [
      '### HTTP throughput (autocannon, 50 connections, after a warm-up) against plain node:http',
      '',
      HOW_IT_MEASURES,
      '',
      '| store | endpoint | against | req/s | against req/s | ratio (median) | ratio by round | CPU µs/req: service · against | load generator CPU µs/req: service turns · against turns | target | non-2xx |',
      '| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |',
      ...rows,
      ...(generatorBound
        ? [
            '',
            `⚠: in at least one turn of that side the load generator used ${fmt(GENERATOR_BUSY_LIMIT * 100)} % or more of a core, so that side's req/s may be the load generator's limit rather than the server's: on the reference's side the ratio then reads high, on the service's side low.`,
          ]
        : []),
      ...replayAgainstLookup(http.rows),
      '',
      `Verify (security_question) checks the answer against its scrypt hash (N=${http.scryptCost}, r=8, p=1) on every call: bound by the slow hash by design. A PIN is kept as a keyed hash (HMAC-SHA-256). Verify (sms) runs as the embedded default does, without an SMS gateway: each PIN's message is written to the outbox as held, in verify's own transaction (with a gateway the dispatcher would then claim, send and mark it).`,
      ...(http.purchases
        ? [
            '',
            `One authorization request is one purchase: POST /authorization, plan 4 over 12 months, auto_capture, with a PIN that verify issued before the turn, untimed (a PIN is good once, and an account holds one live PIN, so each purchase of a turn is on its own account: ${fmt(http.purchases.accounts)} open accounts of ${fmt(http.purchases.customers)} generated customers; the bench service's verify rate limits are lifted, VERIFY_RATE_PER_ACCOUNT and VERIFY_RATE_PER_CLIENT). ` +
              `The reads ask about one account with ${http.purchases.readPurchases} purchases: the list (v2.5.1 authorizations?account_number, one page) and one of them by id.`,
          ]
        : []),
    ].join('\n'),
  );
  if (http.prism.length) {
    sections.push(
      [
        '### Against Stoplight Prism mocking our own openapi.json (same calls, same run)',
        '',
        `Prism and the service take ${ROUNDS} turns each per endpoint; req/s and the ratio are the medians.`,
        '',
        '| endpoint | ours req/s | Prism req/s | ours / Prism (median) | by round | target ≥ 10× | node:http baseline / Prism |',
        '| --- | ---: | ---: | ---: | --- | --- | ---: |',
        ...http.prism.map(
          (p) =>
            `| ${p.endpoint} | ${fmt(p.ours)} | ${fmt(p.prism)} | ${fmt(p.ratio, 1)}× | ${p.roundRatios.map((x) => fmt(x, 1)).join(' · ')} | ${verdict(p.ratio >= 10)} | ${fmt(p.baselineRatio, 1)}× |`,
        ),
        '',
        'The last column is the ceiling of this harness: the same load generator against plain node:http with no work at all.',
      ].join('\n'),
    );
  }
  if (http.fixedRate.length) {
    sections.push(
      [
        '### Latency at a fixed 2 000 requests/s (SQLite)',
        '',
        'Requests evenly paced and open-loop (loadtest, 20 keep-alive connections): each leaves on schedule whether or not earlier ones are answered. Whole milliseconds.',
        '',
        '| endpoint | p50 ms | p99 ms | target p99 ≤ 10 ms | non-2xx | node:http baseline p50 / p99 ms |',
        '| --- | ---: | ---: | --- | ---: | ---: |',
        ...http.fixedRate.map((f) => `| ${f.endpoint} | ${f.p50} | ${f.p99} | ${verdict(f.p99 <= 10)} | ${f.non2xx} | ${f.baselineP50} / ${f.baselineP99} |`),
      ].join('\n'),
    );
  }
  sections.push(
    [
      '### Memory and start-up',
      '',
      '| measure | value | target |',
      '| --- | ---: | --- |',
      `| resident memory under load (peak over every endpoint's run, verify included, SQLite) | ${fmt(http.residentMbUnderLoad)} MB | ≤ 200 MB ${verdict(http.residentMbUnderLoad <= 200)} |`,
      `| start-up to first answer on an existing database | ${fmt(http.startupMs)} ms | ≤ 1 000 ms ${verdict(http.startupMs <= 1000)} |`,
    ].join('\n'),
  );

  if (endpoints) {
    console.log(`## Benchmarks (only ${endpoints.join(', ')}: not written to bench/results.md)\n\n${sections.join('\n\n')}\n`);
    return;
  }

  console.log('functions');
  const functions = await runFunctionBench();
  const fnRows = functions.map((f) => `| ${f.name} | ${fmt(f.opsPerSecond)} | ${fmt(f.meanMicros, 1)} µs |`);
  const aamva = await import('./aamva-compare.js')
    .then((m) => m.runAamvaComparison())
    .catch((e: unknown) => ({ markdown: `(licence comparison failed: ${String(e)})` }));
  sections.push(
    [
      '### Functions (tinybench)',
      '',
      '| function | ops/s | mean |',
      '| --- | ---: | ---: |',
      ...fnRows,
      '',
      '#### Licence parsing against the npm parsers',
      '',
      aamva.markdown,
    ].join('\n'),
  );

  if (growthSizes !== 'none') {
    console.log('growth');
    // Loaded by name: the growth benchmark generates up to a million customers, and is optional.
    const growthModule = './growth.js';
    const growth = await (import(growthModule) as Promise<{ runGrowthBench: (o: object) => Promise<{ markdown: string }> }>)
      .then((m) => m.runGrowthBench({ sizes: growthSizes.split(',').map(Number), stores }))
      .catch((e: unknown) => ({ markdown: `(growth benchmark failed: ${String(e)})` }));
    sections.push(['### Growth: search and lookup at 10 000 and 1 000 000 customers', '', growth.markdown].join('\n'));
  }

  const markdown = `## Benchmarks\n\n${sections.join('\n\n')}\n`;
  writeResults('bench/results.md', markdown);
  console.log(markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
