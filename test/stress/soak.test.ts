// Soak: a bounded steady load on every endpoint (search, lookup by card, verify, driver's licence, calculate-interest
// on both prefixes, close, the token call) at a moderate fixed rate, for five measured minutes after a warm-up, on the
// embedded store. Every answer is a 2xx; the service's resident memory stays flat (sampled every 10 s, under 10 %
// growth from the first minute after warm-up to the last; each minute is the median of its samples, since a single
// sample lands anywhere on the garbage collector's saw-tooth); the p99 latencies of the first and the last minute are
// within a factor of 2 of each other.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, type TestStore } from '../helpers/stores.js';
import { API, API251, ensureBuilt, openSeeded, quantile, rssKiB, tokenFor, TOKEN_URL } from './harness.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 5);
const WARM_UP_S = 30;
const RATE = Number(process.env.SOAK_RATE ?? 100);
const CONNECTIONS = 10;
const SAMPLE_EVERY_MS = 10_000;
/** Below this a p99 is noise on a shared two-core machine (timer and scheduler granularity), not a trend. */
const P99_FLOOR_MS = 5;

const LICENCE = (JSON.parse(readFileSync(new URL('../fixtures/aamva/lender-example.json', import.meta.url), 'utf8')) as { code: string }).code;

describe('soak', () => {
  let store: TestStore | undefined;
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.stop('SIGTERM');
    await store?.drop();
  });

  it(`${MINUTES} minutes at ${RATE} requests/s on every endpoint: no error, flat memory, stable p99`, async () => {
    ensureBuilt();
    store = await createTestStore('sqlite');
    await (await openSeeded(store)).store.close();
    service = await startService({ ...store.env, LOG_LEVEL: 'warn', VERIFY_RATE_PER_CLIENT: '100000000', VERIFY_RATE_PER_ACCOUNT: '100000000' });
    const pid = service.child.pid as number;
    const token = await tokenFor(service.base);
    let ref = 0;
    const withRef = (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, 'x-reference-id': `soak-${++ref}` } });
    const json = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const requests: autocannon.Request[] = [
      { method: 'GET', path: `${API}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`, headers: { authorization: `Bearer ${token}` } },
      { method: 'GET', path: `${API}/customers/lookup?vcc_number=5299310002006395`, headers: { authorization: `Bearer ${token}` } },
      { method: 'POST', path: `${API}/account/20035156/verify`, headers: json, body: JSON.stringify({ format: 'merchant_override', request_id: 'till-soak' }) },
      { method: 'POST', path: `${API}/customers/driverslicense`, headers: json, body: JSON.stringify({ code: LICENCE }) },
      { method: 'POST', path: `${API251}/accounts/116994755/calculate-interest`, headers: json, body: JSON.stringify({ amount: 234.45 }) },
      { method: 'POST', path: `${API}/accounts/116994755/calculate-interest?lang=fr`, headers: json, body: JSON.stringify({ amount: 10.5 }) },
      // Closing the closed Quebec account answers 200 again, with a fresh reference id each time (a new record).
      { method: 'POST', path: `${API}/accounts/116994859/close`, headers: { authorization: `Bearer ${token}` } },
      { method: 'POST', path: TOKEN_URL, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=flexitidemo&client_secret=demo-secret' },
    ].map((r) => ({ ...r, setupRequest: withRef }) as autocannon.Request);
    const run = (seconds: number) =>
      autocannon({ url: service!.base, connections: CONNECTIONS, overallRate: RATE, duration: seconds, requests, timeout: 10 });

    await run(WARM_UP_S);
    const samples: { at: number; rss: number }[] = [];
    const started = Date.now();
    let died: string | undefined;
    const sample = () => {
      if (service!.child.exitCode !== null || service!.child.signalCode !== null) {
        died ??= `the service exited (${service!.child.exitCode ?? service!.child.signalCode}):\n${service!.output().slice(-4000)}`;
        return;
      }
      samples.push({ at: (Date.now() - started) / 1000, rss: rssKiB(pid) });
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const minutes: autocannon.Result[] = [];
    try {
      for (let m = 0; m < MINUTES; m++) minutes.push(await run(60));
    } finally {
      clearInterval(sampler);
    }
    sample();
    if (died) throw new Error(died);

    const total = minutes.reduce((n, r) => n + r.requests.total, 0);
    const figures = minutes.map((r, i) => `minute ${i + 1}: ${r.requests.total} requests, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
    const perMinute = 60_000 / SAMPLE_EVERY_MS;
    const median = (values: number[]) => quantile(values, 0.5);
    const first = median(samples.slice(0, perMinute).map((s) => s.rss));
    const last = median(samples.slice(-perMinute).map((s) => s.rss));
    const growth = (last - first) / first;
    console.log(
      `soak: ${total} requests over ${MINUTES} min at ${RATE}/s on 8 endpoints (after a ${WARM_UP_S} s warm-up)\n  ${figures.join('\n  ')}\n` +
        `  RSS (MiB, every ${SAMPLE_EVERY_MS / 1000} s): ${samples.map((s) => (s.rss / 1024).toFixed(1)).join(' ')}\n` +
        `  RSS median of the first minute ${(first / 1024).toFixed(1)} MiB, of the last ${(last / 1024).toFixed(1)} MiB: growth ${(growth * 100).toFixed(1)} %; ` +
        `p99 first minute ${minutes[0]!.latency.p99} ms, last ${minutes[minutes.length - 1]!.latency.p99} ms`,
    );

    for (const r of minutes) {
      expect([r.non2xx, r.errors, r.timeouts]).toEqual([0, 0, 0]);
      // The fixed rate was held (within 10 %): the service kept up.
      expect(r.requests.total).toBeGreaterThan(RATE * 60 * 0.9);
    }
    expect(growth).toBeLessThan(0.1);
    const p99 = (r: autocannon.Result) => Math.max(r.latency.p99, P99_FLOOR_MS);
    const [p99First, p99Last] = [p99(minutes[0]!), p99(minutes[minutes.length - 1]!)];
    expect(Math.max(p99First, p99Last) / Math.min(p99First, p99Last)).toBeLessThanOrEqual(2);
  });
});
