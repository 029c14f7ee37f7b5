// The SQLite file cannot be written, under load. The stand-in for a full disk is the service process's file-size limit
// lowered to 0 from outside (`prlimit`): the kernel then refuses every write to its already-open database and WAL files
// (EFBIG, the path a full disk's ENOSPC takes through SQLite), whoever the process runs as. A read-only file or
// directory would not do: permissions are checked when a file is opened, and the service holds its files open (and
// tests here run as root, whom they do not stop). Writes must answer 503 in the lender's shape with one clear log line,
// reads go on, nothing is half-written, and writes work again once the limit is lifted, with no restart.
import { execFileSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, tokenFor } from './harness.js';

const WORKERS = 8;
const PHASE_MS = 3000;

type Phase = 'before' | 'unwritable' | 'after';
interface Sent {
  ref: string;
  phase: Phase;
  kind: 'write' | 'read';
  status: number;
  body: string;
  retryAfter: string | null;
}

const fileSizeLimit = (pid: number, soft: '0' | 'unlimited') => execFileSync('prlimit', ['--pid', String(pid), `--fsize=${soft}:unlimited`]);

describe('the SQLite file cannot be written [sqlite]', () => {
  let store: TestStore | undefined;
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.stop('SIGKILL');
    await store?.drop();
  });

  it('answers writes 503 with one log line, serves reads, corrupts nothing, and writes again once writable', async () => {
    ensureBuilt();
    store = await createTestStore('sqlite');
    const setup = await openSeeded(store);
    const accounts = (await addAccounts(setup, { open: 40, closable: 0 })).open;
    await setup.store.close();
    service = await startService({ ...store.env, VERIFY_RATE_PER_CLIENT: '100000000', VERIFY_RATE_PER_ACCOUNT: '100000000', LOG_LEVEL: 'warn' });
    const pid = service.child.pid!;
    const token = await tokenFor(service.base);

    const sent: Sent[] = [];
    let phase: Phase = 'before';
    let stop = false;
    let seq = 0;
    const worker = async (w: number) => {
      while (!stop) {
        const account = accounts[seq % accounts.length] as number;
        const kind = seq % 3 === 0 ? 'read' : 'write';
        const ref = `unwritable-${w}-${seq++}`;
        const at = phase;
        const res =
          kind === 'read'
            ? await call(service!.base, 'GET', `${API}/customers/lookup?account_number=${account}`, { token, ref, timeoutMs: 10_000 })
            : await call(service!.base, 'POST', `${API}/account/${account}/verify`, {
                token,
                ref,
                body: { format: 'merchant_override', request_id: 'till-unwritable' },
                timeoutMs: 10_000,
              });
        // A request that straddles a change of phase is counted in neither.
        if (at === phase) sent.push({ ref, phase: at, kind, status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') });
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(PHASE_MS);
    phase = 'unwritable';
    fileSizeLimit(pid, '0');
    await sleep(PHASE_MS);
    phase = 'after';
    fileSizeLimit(pid, 'unlimited');
    await sleep(PHASE_MS);
    stop = true;
    await load;

    const of = (p: Phase, kind: Sent['kind']) => sent.filter((s) => s.phase === p && s.kind === kind);
    // Before and after: everything answered 2xx.
    for (const p of ['before', 'after'] as const) {
      expect(of(p, 'write').length).toBeGreaterThan(0);
      expect(of(p, 'write').filter((s) => s.status !== 200)).toEqual([]);
      expect(of(p, 'read').filter((s) => s.status !== 200)).toEqual([]);
    }
    // Unwritable: reads go on; writes are refused 503 in the lender's shape with Retry-After (a write caught as the limit
    // fell may have committed first: 200); never a 500.
    const reads = of('unwritable', 'read');
    const writes = of('unwritable', 'write');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((s) => s.status !== 200)).toEqual([]);
    const refused = writes.filter((s) => s.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(writes.filter((s) => s.status !== 503 && s.status !== 200)).toEqual([]);
    for (const s of refused) {
      expect(s.retryAfter).toBe('2');
      const body = JSON.parse(s.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'reference_id', 'url']);
      expect(body).toMatchObject({ error: 'service_unavailable', reference_id: s.ref });
    }
    // One clear line when writes began to fail, one when they worked again; no 500 and no stack trace.
    const lines = service.output().split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('database unavailable')).length).toBe(1);
    expect(lines.filter((l) => l.includes('database available again')).length).toBe(1);
    expect(lines.filter((l) => l.includes('request failed'))).toEqual([]);

    // A refused write had no effect: sent again with its reference id, it is made now (not replayed as a refusal).
    for (const s of refused.slice(0, 10)) {
      const account = /"url":"[^"]*\/account\/(\d+)\/verify"/.exec(s.body)?.[1];
      const again = await call(service.base, 'POST', `${API}/account/${account}/verify`, {
        token,
        ref: s.ref,
        body: { format: 'merchant_override', request_id: 'till-unwritable' },
      });
      expect(again.status).toBe(200);
    }
    expect(await service.stop('SIGTERM')).toBe(0);

    // Every 2xx write is kept, no refused one left a trace, and the file is sound.
    const file = new SQLite(store.databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      const kept = new Set(
        (file.prepare("select reference_id from idempotency_records where reference_id like 'unwritable-%'").all() as { reference_id: string }[]).map(
          (r) => r.reference_id,
        ),
      );
      const answered = sent.filter((s) => s.kind === 'write' && s.status === 200).map((s) => s.ref);
      expect(answered.filter((ref) => !kept.has(ref))).toEqual([]);
      const retried = new Set(refused.slice(0, 10).map((s) => s.ref));
      expect(refused.filter((s) => !retried.has(s.ref) && kept.has(s.ref)).map((s) => s.ref)).toEqual([]);
      expect(String(file.pragma('integrity_check', { simple: true }))).toBe('ok');
      console.log(
        `sqlite unwritable: ${sent.length} requests (${answered.length} writes 2xx, ${refused.length} refused 503 while unwritable, ${reads.length} reads 200 meanwhile); all 2xx kept, no refused write left a trace, integrity ok`,
      );
    } finally {
      file.close();
    }
  });
});
