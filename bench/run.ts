// npm run bench: every benchmark, each figure against a baseline measured in the same run; writes bench/results.md
// and the README's benchmark section.
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { runFunctionBench } from './functions.js';
import { ROUNDS, runHttpBench, type StoreKind } from './http.js';

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
// figures and writes neither bench/results.md nor the README, and skips the function and growth benchmarks.
const endpoints = args.includes('--endpoints') ? flag('endpoints', '').split(',').filter(Boolean) : undefined;

const log = (line: string) => console.log(`  ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-CA', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

async function main(): Promise<void> {
  if (!existsSync('dist/posapi.mjs')) throw new Error('run `npm run build` first (npm run bench does)');
  const sections: string[] = [];
  const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
  sections.push(
    `Run ${now} UTC on ${cpus().length} × ${cpus()[0]?.model.trim()} with ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Figures are ratios against a baseline measured in the same run; absolute numbers drift on this shared machine.`,
  );

  console.log('HTTP throughput, latency, memory, start-up');
  const http = await runHttpBench({ stores, seconds, openapi: 'openapi.json', endpoints, log });
  const rows = http.rows.map(
    (r) =>
      `| ${r.store} | ${r.endpoint} | ${fmt(r.rps)} | ${fmt(r.baselineRps)} | ${fmt(r.ratio, 2)} | ${r.roundRatios.map((x) => fmt(x, 2)).join(' · ')} | ${r.target ? `≥ ${r.target} ${verdict(r.ratio >= r.target && r.non2xx === 0)}` : 'report'} | ${r.non2xx} |`,
  );
  sections.push(
    [
      '### HTTP throughput (autocannon, 50 connections, after a warm-up) against plain node:http with a same-sized body',
      '',
      `Baseline and service take ${ROUNDS} turns each per endpoint, one after the other; req/s and the ratio are the medians, and the rounds' ratios show how much the machine moved.`,
      '',
      '| store | endpoint | req/s | baseline req/s | ratio (median) | ratio by round | target | non-2xx |',
      '| --- | --- | ---: | ---: | ---: | --- | --- | ---: |',
      ...rows,
      '',
      `Verify (security_question) checks the answer against its scrypt hash (N=${http.scryptCost}, r=8, p=1) on every call: bound by the slow hash by design. A PIN is kept as a keyed hash (HMAC-SHA-256).`,
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
    console.log(`## Benchmarks (only ${endpoints.join(', ')}: not written to bench/results.md nor the README)\n\n${sections.join('\n\n')}\n`);
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
  writeFileSync('bench/results.md', markdown);
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (readme.includes(start) && readme.includes(end)) {
    writeFileSync('README.md', `${readme.slice(0, readme.indexOf(start) + start.length)}\n${markdown}${readme.slice(readme.indexOf(end))}`);
  }
  console.log(markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
