// GET /metrics, scraped over HTTP from its own port as Prometheus would: each series moves when its event happens (a
// request, a 429, a lockout, a replay, an outbox message pending then sent, a delivery failure, a query), and no label
// carries what a URL carries (account numbers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScrapeServer, type ScrapeServer } from '../../../src/infra/metrics/scrape-server.js';
import { startDispatcher } from '../../../src/infra/notify/dispatcher.js';
import { transportsFor } from '../../../src/infra/notify/transports.js';
import { createContext, type ServiceContext } from '../../../src/runtime/context.js';
import { prepareStore } from '../../../src/runtime/server.js';
import { freePort } from '../../../testkit/ports.js';
import { API, apiClient, nextReferenceId, type ApiClient } from '../../helpers/api.js';
import { startSmsGateway, type SmsGateway } from '../../helpers/sms-gateway.js';
import { createTestStore, storeKinds, testConfig, type TestStore } from '../../helpers/stores.js';

const VERIFY_ROUTE = '/flexiti/pos-api/v2.5/client-id/:client_id/account/:account_number/verify';
const PER_ACCOUNT = 5;
const ACCOUNT = {
  /** Alan Martinet: a phone on file, for the SMS. */
  withPhone: 20035156,
  /** Business account: overridden by the merchant, over and over until the limit. */
  throttled: 116992907,
  /** Risk H; question 5 "Honda": wrong answers lock it. */
  lockable: 116994755,
  /** Marie-Ève Gagné: verified twice under one reference id. */
  replayed: 300000001,
} as const;
const HOUR = 3600_000;

type Labels = Record<string, string>;

/** One sample of the exposition: `name{labels} value`. */
function samples(text: string): { name: string; labels: Labels; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels: Labels = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe.each(storeKinds())('GET /metrics [%s]', (kind) => {
  let store: TestStore;
  let ctx: ServiceContext;
  let scrape: ScrapeServer;
  let api: ApiClient;
  let gateway: SmsGateway;
  const clock = { now: Date.now() };

  beforeAll(async () => {
    store = await createTestStore(kind);
    gateway = await startSmsGateway(true);
    // A node with an SMS gateway: its SMS wait in the outbox for the dispatcher (without one they would be held at once).
    ctx = createContext(testConfig(store, { METRICS_PORT: '0', VERIFY_RATE_PER_ACCOUNT: String(PER_ACCOUNT), SMS_GATEWAY_URL: gateway.url }), () => clock.now);
    await prepareStore(ctx);
    scrape = await startScrapeServer(ctx.metrics!, { port: 0, host: '127.0.0.1' });
    api = await apiClient(ctx);
  });
  afterAll(async () => {
    await api?.app.close();
    await scrape?.close();
    await gateway?.close();
    await ctx?.close();
    await store?.drop();
  });

  const scraped = async () => {
    const res = await fetch(`http://127.0.0.1:${scrape.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  /** The value of one series, summed over the samples whose labels include `labels` (0 when there is none). */
  const value = async (name: string, labels: Labels = {}) =>
    samples(await scraped())
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  /** How much `name` moved while `event` happened. */
  const moved = async (name: string, labels: Labels, event: () => Promise<unknown>) => {
    const before = await value(name, labels);
    await event();
    return (await value(name, labels)) - before;
  };
  const verify = (account: number, body: object, referenceId = nextReferenceId()) =>
    api.call('POST', `${API}/account/${account}/verify`, { body: { request_id: `metrics-${account}`, ...body }, referenceId });

  it('counts each request by route pattern, method and status, with its time; no account number in any label', async () => {
    const labels = { route: VERIFY_ROUTE, method: 'POST', status: '200' };
    const count = await moved('posapi_http_request_duration_seconds_count', labels, async () => {
      expect((await verify(ACCOUNT.replayed, { format: 'merchant_override' })).statusCode).toBe(200);
    });
    expect(count).toBe(1);
    expect(await value('posapi_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
      await value('posapi_http_request_duration_seconds_count', labels),
    );
    expect(await value('posapi_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    const unmatched = await moved('posapi_http_request_duration_seconds_count', { route: 'unmatched', status: '404' }, () =>
      api.call('GET', `${API}/accounts/${ACCOUNT.withPhone}/nothing-here`),
    );
    expect(unmatched).toBe(1);
    const text = await scraped();
    for (const account of Object.values(ACCOUNT)) expect(text).not.toContain(String(account));
  });

  it('counts 429s by route', async () => {
    const throttled = await moved('posapi_throttled_requests_total', { route: VERIFY_ROUTE }, async () => {
      const statuses = [];
      for (let i = 0; i <= PER_ACCOUNT; i++) statuses.push((await verify(ACCOUNT.throttled, { format: 'merchant_override' })).statusCode);
      expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    });
    expect(throttled).toBe(1);
  });

  it('counts the verifications refused because the security question is locked', async () => {
    const answer = (text: string) => verify(ACCOUNT.lockable, { format: 'security_question', security_qid: 5, security_answer: text });
    const wrongs = await moved('posapi_lockouts_total', {}, async () => {
      for (let i = 0; i < 3; i++) expect((await answer('Not the answer')).statusCode).toBe(409);
    });
    expect(wrongs).toBe(0);
    const locked = await moved('posapi_lockouts_total', { route: VERIFY_ROUTE }, async () => {
      const res = await answer('Honda');
      expect(res.json()).toMatchObject({ error: 'tries_exceed' });
    });
    expect(locked).toBe(1);
  });

  it('counts idempotent replays by route', async () => {
    const referenceId = nextReferenceId();
    const first = await moved('posapi_idempotent_replays_total', { route: VERIFY_ROUTE }, () =>
      verify(ACCOUNT.replayed, { format: 'merchant_override' }, referenceId),
    );
    expect(first).toBe(0);
    const again = await moved('posapi_idempotent_replays_total', { route: VERIFY_ROUTE }, async () => {
      const res = await verify(ACCOUNT.replayed, { format: 'merchant_override' }, referenceId);
      expect(res.headers['x-idempotent-replay']).toBe('true');
    });
    expect(again).toBe(1);
  });

  it('follows the outbox: a message pending and ageing, a failed delivery, then the message sent and the backlog empty', async () => {
    expect(await value('posapi_outbox_pending_messages')).toBe(0);
    expect(await value('posapi_outbox_oldest_pending_age_seconds')).toBe(0);
    expect((await verify(ACCOUNT.withPhone, { format: 'sms' })).statusCode).toBe(200);
    expect(await value('posapi_outbox_pending_messages')).toBe(1);
    clock.now += 90_000;
    expect(await value('posapi_outbox_oldest_pending_age_seconds')).toBe(90);

    // A gateway that refuses connections: the attempt fails, the message stays pending for a later attempt.
    const refusing = `http://127.0.0.1:${await freePort()}/messages`;
    const dispatcherTo = (url: string) =>
      startDispatcher(
        ctx,
        transportsFor(testConfig(store, { SMS_GATEWAY_URL: url }), () => undefined),
        {
          pollMs: HOUR,
          leaseMs: 5000,
          observer: ctx.metrics,
        },
      );
    const failing = dispatcherTo(refusing);
    const failures = await moved('posapi_outbox_delivery_failures_total', { channel: 'sms' }, () => failing.runOnce());
    await failing.stop();
    expect(failures).toBe(1);
    expect(await value('posapi_outbox_pending_messages')).toBe(1);

    clock.now += HOUR; // past the retry's backoff
    const working = dispatcherTo(gateway.url);
    const delivered = await moved('posapi_outbox_delivered_total', { channel: 'sms' }, () => working.runOnce());
    await working.stop();
    expect(delivered).toBe(1);
    expect(gateway.received).toHaveLength(1);
    expect(await value('posapi_outbox_pending_messages')).toBe(0);
    expect(await value('posapi_outbox_oldest_pending_age_seconds')).toBe(0);
  });

  it('times database queries, and shows the PostgreSQL pool', async () => {
    const queries = await moved('posapi_db_query_duration_seconds_count', {}, () =>
      api.call('GET', `${API}/customers/lookup?account_number=${ACCOUNT.withPhone}`),
    );
    expect(queries).toBeGreaterThan(0);
    const pool = samples(await scraped()).filter((s) => s.name === 'posapi_db_pool_connections');
    if (kind === 'sqlite') expect(pool).toEqual([]);
    else {
      expect(pool.find((s) => s.labels.state === 'max')?.value).toBe(10);
      expect(pool.filter((s) => s.labels.state === 'busy' || s.labels.state === 'idle').reduce((sum, s) => sum + s.value, 0)).toBeGreaterThan(0);
    }
  });

  it("shows the process: event-loop delay and heap (prom-client's default series)", async () => {
    const names = new Set(samples(await scraped()).map((s) => s.name));
    for (const name of ['nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes', 'process_resident_memory_bytes']) expect(names).toContain(name);
  });

  it('serves nothing but GET /metrics', async () => {
    expect((await fetch(`http://127.0.0.1:${scrape.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${scrape.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
