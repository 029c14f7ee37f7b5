// PostgreSQL goes away under load: a TCP proxy between the service and the server cuts every connection and holds new
// ones unanswered for a while, then lets traffic through again (the shared server itself is never stopped). Requests
// during the outage are answered 503 in the lender's shape within a bounded time, the pool recovers by itself, every
// 2xx given before, during and after is in the database, and no outbox message is lost.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startCuttableProxy, type CuttableProxy } from '../helpers/cuttable-proxy.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { startSmsGateway, type SmsGateway } from '../helpers/sms-gateway.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, tokenFor, waitFor } from './harness.js';

const WORKERS = 12;
const PHASE_MS = 4000;
/** The service's longest wait for a connection in this test; an answer during the outage must come well within 3×. */
const DATABASE_TIMEOUT_MS = 2000;

type Phase = 'before' | 'outage' | 'after';
interface Sent {
  ref: string;
  account: number;
  phase: Phase;
  kind: 'write' | 'read';
  status: number | 'no answer';
  body: string;
  retryAfter: string | null;
  ms: number;
}

describe.skipIf(!storeKinds().includes('postgres'))('PostgreSQL goes away during load [postgres]', () => {
  let store: TestStore | undefined;
  let proxy: CuttableProxy | undefined;
  let gateway: SmsGateway | undefined;
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.stop('SIGKILL');
    await proxy?.close();
    await gateway?.close();
    await store?.drop();
  });

  it('answers 503 during the outage within a bounded time, recovers by itself, keeps every 2xx, loses no message', async () => {
    ensureBuilt();
    store = await createTestStore('postgres');
    const setup = await openSeeded(store);
    const accounts = (await addAccounts(setup, { open: 60, closable: 0 })).open;
    const direct = new URL(store.databaseUrl);
    proxy = await startCuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const throughProxy = new URL(store.databaseUrl);
    throughProxy.host = `127.0.0.1:${proxy.port}`;
    gateway = await startSmsGateway(true);
    service = await startService({
      ...store.env,
      DATABASE_URL: throughProxy.toString(),
      DATABASE_TIMEOUT_MS: String(DATABASE_TIMEOUT_MS),
      SMS_GATEWAY_URL: gateway.url,
      OUTBOX_POLL_MS: '200',
      VERIFY_RATE_PER_CLIENT: '100000000',
      VERIFY_RATE_PER_ACCOUNT: '100000000',
      LOG_LEVEL: 'warn',
    });
    const token = await tokenFor(service.base);

    const sent: Sent[] = [];
    let phase: Phase = 'before';
    let stop = false;
    let seq = 0;
    const worker = async (w: number) => {
      while (!stop) {
        const account = accounts[seq % accounts.length] as number;
        const kind = seq % 3 === 0 ? 'read' : 'write';
        const ref = `outage-${w}-${seq++}`;
        const at = phase;
        const started = performance.now();
        let answer: Pick<Sent, 'status' | 'body' | 'retryAfter'>;
        try {
          const res =
            kind === 'read'
              ? await call(service!.base, 'GET', `${API}/customers/lookup?account_number=${account}`, { token, ref, timeoutMs: 20_000 })
              : await call(service!.base, 'POST', `${API}/account/${account}/verify`, {
                  token,
                  ref,
                  body: { format: 'sms', request_id: 'till-outage' },
                  timeoutMs: 20_000,
                });
          answer = { status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') };
        } catch {
          answer = { status: 'no answer', body: '', retryAfter: null };
        }
        const ms = performance.now() - started;
        // A request that straddles a change of phase is counted in neither (but its 2xx is checked all the same).
        sent.push({ ref, account, phase: at === phase ? at : ('straddled' as Phase), kind, ...answer, ms });
      }
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await sleep(PHASE_MS);
    phase = 'outage';
    proxy.cut();
    await sleep(PHASE_MS);
    phase = 'after';
    proxy.restore();
    await sleep(PHASE_MS);
    stop = true;
    await load;

    const of = (p: Phase) => sent.filter((s) => s.phase === p);
    // Before and after the outage: every answer a 2xx (after: the pool made new connections by itself).
    for (const p of ['before', 'after'] as const) {
      expect(of(p).filter((s) => s.kind === 'write').length).toBeGreaterThan(0);
      expect(of(p).filter((s) => s.status !== 200)).toEqual([]);
    }
    // During: 503 in the lender's shape with Retry-After, each within a bounded time (no hang, no other 5xx).
    const during = of('outage');
    const refused = during.filter((s) => s.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(during.filter((s) => s.status !== 503 && s.status !== 200)).toEqual([]);
    for (const s of refused) {
      expect(s.retryAfter).toBe('2');
      const body = JSON.parse(s.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'reference_id', 'url']);
      expect(body).toMatchObject({ error: 'service_unavailable', reference_id: s.ref });
    }
    const slowest = Math.max(...during.map((s) => s.ms));
    expect(slowest).toBeLessThan(3 * DATABASE_TIMEOUT_MS);
    const lines = service.output().split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('"request failed"'))).toEqual([]);

    // Every 2xx write is in the database, with its outbox message.
    const rows = await sql<{ reference_id: string }>`select reference_id from idempotency_records where reference_id like 'outage-%'`.execute(setup.db);
    const kept = new Set(rows.rows.map((r) => r.reference_id));
    const answered = sent.filter((s) => s.kind === 'write' && s.status === 200);
    expect(answered.filter((s) => !kept.has(s.ref)).map((s) => s.ref)).toEqual([]);
    // A write refused at the cut may have committed before its answer was lost: it is replayed, not made twice.
    const unanswered = sent.filter((s) => s.kind === 'write' && s.status !== 200);
    for (const s of unanswered) {
      const again = await call(service.base, 'POST', `${API}/account/${s.account}/verify`, {
        token,
        ref: s.ref,
        body: { format: 'sms', request_id: 'till-outage' },
      });
      expect(again.status).toBe(200);
    }
    const writes = sent.filter((s) => s.kind === 'write').length;
    const messages = Number((await sql<{ n: string }>`select count(*) as n from outbox`.execute(setup.db)).rows[0]?.n);
    expect(messages).toBe(writes);
    // No outbox message lost: all sent (a send whose marking the cut interrupted may be sent again; none is dropped).
    await waitFor(
      'every outbox message to be sent',
      async () => Number((await sql<{ n: string }>`select count(*) as n from outbox where status <> 'sent'`.execute(setup.db)).rows[0]?.n) === 0,
      30_000,
    );
    expect(gateway.received.length).toBeGreaterThanOrEqual(messages);
    expect(await service.stop('SIGTERM')).toBe(0);
    await setup.store.close();
    console.log(
      `postgres outage: ${sent.length} requests (${of('before').length} before, ${during.length} during: ${refused.length} answered 503, slowest ${Math.round(slowest)} ms; ${of('after').length} after, all 2xx); ${answered.length} writes 2xx all kept; ${unanswered.length} refused writes sent again: all 200; ${messages} outbox messages, all sent (${gateway.received.length} deliveries)`,
    );
  });
});
