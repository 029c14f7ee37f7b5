// Crash safety: the service is killed with SIGKILL in the middle of a write-heavy load (verifications in every
// PIN-issuing format, closes), on SQLite and on PostgreSQL, then restarted on the same database. Every request that got
// a 2xx is in the database (audit entry and idempotency record, with its effect), every request caught in flight
// committed all or nothing, no outbox message is lost (each is still sealed, readable and then delivered), replays
// answer as before, and the database passes its own integrity checks.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sealedBox } from '../../src/security/sealed-box.js';
import { createContext } from '../../src/runtime/context.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, tokenFor, waitFor } from './harness.js';

const WORKERS = 24;
/** SIGKILL once this many writes have been answered 2xx (bounded: the load must reach it within a minute). */
const KILL_AFTER_OK = 600;

type Op = 'merchant_override' | 'sms' | 'email' | 'regular_purchase_bypass' | 'close';
interface Sent {
  ref: string;
  op: Op;
  account: number;
  body?: Record<string, unknown>;
  /** The status answered, or 'lost' when the connection died with the process, or undefined while in flight. */
  status?: number | 'lost';
  answer?: string;
}

const OUTCOME: Record<Op, string> = {
  merchant_override: 'pin_issued',
  regular_purchase_bypass: 'pin_issued',
  sms: 'pin_sent_by_sms',
  email: 'pin_sent_by_email',
  close: 'closed',
};

for (const kind of storeKinds()) {
  describe(`crash safety [${kind}]`, () => {
    let store: TestStore | undefined;
    let service: ServiceProcess | undefined;
    afterAll(async () => {
      await service?.stop('SIGKILL');
      await store?.drop();
    });

    it('SIGKILL during writes: every 2xx is in the database, in-flight writes are all or nothing, no outbox message lost, integrity intact', async () => {
      ensureBuilt();
      store = await createTestStore(kind);
      const setup = await openSeeded(store);
      const accounts = await addAccounts(setup, { open: 200, closable: 600 });
      await setup.store.close();
      // The dispatcher runs once a second during the load: at the kill some messages are sent, some still pending.
      const env = { ...store.env, VERIFY_RATE_PER_CLIENT: '100000000', VERIFY_RATE_PER_ACCOUNT: '100000000', LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '1000' };
      service = await startService(env);
      const token = await tokenFor(service.base);

      const sent: Sent[] = [];
      let ok = 0;
      let stop = false;
      let nextClose = 0;
      let seq = 0;
      const worker = async () => {
        while (!stop) {
          const roll = Math.random();
          const op: Op = roll < 0.25 ? 'close' : roll < 0.45 ? 'sms' : roll < 0.65 ? 'email' : roll < 0.8 ? 'regular_purchase_bypass' : 'merchant_override';
          const record: Sent =
            op === 'close'
              ? { ref: `crash-${kind}-${seq++}`, op, account: accounts.closable[nextClose++ % accounts.closable.length] as number }
              : {
                  ref: `crash-${kind}-${seq++}`,
                  op,
                  account: accounts.open[Math.floor(Math.random() * accounts.open.length)] as number,
                  body: { format: op, request_id: 'till-crash' },
                };
          sent.push(record);
          const path = op === 'close' ? `${API}/accounts/${record.account}/close` : `${API}/account/${record.account}/verify`;
          try {
            const res = await call(service!.base, 'POST', path, { token, ref: record.ref, body: record.body });
            record.status = res.status;
            record.answer = res.body;
            if (res.status === 200) ok += 1;
          } catch {
            record.status = 'lost';
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      await waitFor(`${KILL_AFTER_OK} writes answered 2xx`, () => ok >= KILL_AFTER_OK, 60_000, 10);
      const inFlight = sent.filter((r) => r.status === undefined);
      service.child.kill('SIGKILL');
      stop = true;
      expect(await service.exited).toBeNull();
      await Promise.all(workers);
      expect(inFlight.length).toBeGreaterThan(0);

      const ctx = createContext(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }));
      try {
        const pendingAtKill = (await ctx.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute()).length;
        // Restarted on the same database: it recovers and answers.
        const restartedAt = Date.now();
        service = await startService({ ...env, OUTBOX_POLL_MS: '100' });
        const audit = new Map<string, { action: string; outcome: string }[]>();
        for (const row of await ctx.db
          .selectFrom('audit_events')
          .select(['reference_id', 'action', 'outcome'])
          .where('client_id', '=', 'flexitidemo')
          .execute()) {
          audit.set(row.reference_id, [...(audit.get(row.reference_id) ?? []), { action: row.action, outcome: row.outcome }]);
        }
        const records = new Map(
          (await ctx.db.selectFrom('idempotency_records').select(['reference_id', 'status_code']).where('client_id', '=', 'flexitidemo').execute()).map((r) => [
            r.reference_id,
            r.status_code,
          ]),
        );
        const closed = new Set(
          (await ctx.db.selectFrom('accounts').select('account_number').where('status', '=', 'C').execute()).map((r) => Number(r.account_number)),
        );

        // Every 2xx: its audit entry, its idempotency record, its effect.
        const succeeded = sent.filter((r) => r.status === 200);
        const missing = succeeded.filter((r) => {
          const entries = audit.get(r.ref) ?? [];
          const effect = r.op === 'close' ? closed.has(r.account) : true;
          return records.get(r.ref) !== 200 || !effect || !entries.some((e) => e.outcome === OUTCOME[r.op]);
        });
        expect(missing.map((r) => `${r.op} ${r.ref}`)).toEqual([]);
        // Every refusal spent its reference id too.
        const refused = sent.filter((r) => typeof r.status === 'number' && r.status !== 200);
        expect(refused.filter((r) => records.get(r.ref) !== r.status).map((r) => `${r.ref} ${String(r.status)}`)).toEqual([]);
        // Caught in flight: committed whole (record and audit entry) or not at all.
        const lost = sent.filter((r) => r.status === 'lost' || r.status === undefined);
        const torn = lost.filter((r) => records.has(r.ref) !== audit.has(r.ref));
        expect(torn.map((r) => r.ref)).toEqual([]);
        const committedInFlight = lost.filter((r) => records.has(r.ref)).length;

        // The outbox: one sealed message per PIN sent by SMS or email (written in the same transaction), none lost.
        const sentByMessage = [...audit.values()].flat().filter((e) => e.outcome === 'pin_sent_by_sms' || e.outcome === 'pin_sent_by_email').length;
        const okMessages = succeeded.filter((r) => r.op === 'sms' || r.op === 'email').length;
        const box = sealedBox(store.env.OUTBOX_KEY as string);
        const outbox = await ctx.db.selectFrom('outbox').select(['id', 'channel', 'payload', 'status']).execute();
        expect(outbox.length).toBe(sentByMessage);
        expect(outbox.length).toBeGreaterThanOrEqual(okMessages);
        for (const row of outbox) {
          const message = JSON.parse(box.open(row.payload)) as { to: string; body: string };
          expect(message.to.length).toBeGreaterThan(0);
          expect(message.body).toMatch(/\b\d{4}\b/);
          // No SMS gateway or SMTP server here: a message the dispatcher reached is held, never "sent".
          expect(['pending', 'held']).toContain(row.status);
        }
        // ...and the restarted service handles every one (a message claimed by the killed process waits out its lease).
        await waitFor(
          'every outbox message handled after the restart',
          async () => {
            const left = await ctx.db.selectFrom('outbox').select('id').where('status', '<>', 'held').execute();
            return left.length === 0;
          },
          120_000,
          250,
        );
        const deliveredAfterS = (Date.now() - restartedAt) / 1000;

        // Replays after the restart answer exactly as before.
        const newToken = await tokenFor(service.base);
        const sample = succeeded.filter((r) => r.op !== 'close').slice(0, 20);
        for (const r of sample) {
          const again = await call(service.base, 'POST', `${API}/account/${r.account}/verify`, { token: newToken, ref: r.ref, body: r.body });
          expect([r.ref, again.status, again.headers.get('x-idempotent-replay'), again.body]).toEqual([r.ref, 200, 'true', r.answer]);
        }

        // The database's own checks.
        let integrity: string;
        if (kind === 'sqlite') {
          expect(await service.stop('SIGTERM')).toBe(0);
          const file = new SQLite(store.databaseUrl.slice('sqlite:'.length), { readonly: true });
          try {
            integrity = String(file.pragma('integrity_check', { simple: true }));
            expect(integrity).toBe('ok');
            expect(file.pragma('foreign_key_check')).toEqual([]);
          } finally {
            file.close();
          }
        } else {
          await sql`create extension if not exists amcheck`.execute(ctx.db);
          const indexes = await sql<{ name: string }>`
            select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
            where am.amname = 'btree' and c.relnamespace = current_schema()::regnamespace`.execute(ctx.db);
          for (const { name } of indexes.rows) await sql`select bt_index_check(${name}::regclass, true)`.execute(ctx.db);
          const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(ctx.db);
          for (const { name } of tables.rows) {
            const corrupt = await sql<{ msg: string }>`select msg from verify_heapam(${name}::regclass)`.execute(ctx.db);
            expect([name, corrupt.rows]).toEqual([name, []]);
          }
          const badClosed = await sql<{ n: number }>`select count(*)::int as n from accounts where status = 'C' and status_reason <> 'CCUS'`.execute(ctx.db);
          expect(badClosed.rows[0]?.n).toBe(0);
          integrity = `amcheck: ${indexes.rows.length} indexes and ${tables.rows.length} tables clean`;
          expect(await service.stop('SIGTERM')).toBe(0);
        }

        console.log(
          `crash [${kind}]: ${sent.length} writes sent; ${succeeded.length} answered 2xx (${succeeded.filter((r) => r.op === 'close').length} closes, ${okMessages} SMS/email), ` +
            `${refused.length} refused; SIGKILL with ${inFlight.length} in flight (${committedInFlight} of ${lost.length} unanswered had committed, none torn); ` +
            `all ${succeeded.length} 2xx found after restart; ${outbox.length} outbox messages (${pendingAtKill} still pending at the kill), all delivered within ${deliveredAfterS.toFixed(1)} s of the restart; ${sample.length} replays identical; integrity ${integrity}`,
        );
      } finally {
        await ctx.close();
      }
    });
  });
}
