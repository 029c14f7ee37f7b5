// Crash safety of the ledger: the service is killed with SIGKILL in the middle of a purchase load (verify and
// authorization, captures, releases, returns, refunds, payments), on a SQLite file and on PostgreSQL, then restarted on
// the same database. Every operation answered 2xx before the kill is in the database with its ledger entries, every
// answer has its idempotency record, an operation caught in flight committed all or nothing, every account's ledger
// explains its balances (the invariants of test/helpers/ledger.ts), replays answer as before, and the restarted service
// sells again.
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/runtime/context.js';
import { addBuyer, ledgerProblems } from '../helpers/ledger.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { API, API251, call, ensureBuilt, openSeeded, tokenFor, waitFor, type Answer } from './harness.js';

const WORKERS = 16;
/** Each worker sells on accounts of its own: a verify on one account replaces that account's live PIN. */
const ACCOUNTS_PER_WORKER = 3;
/** SIGKILL once this many operations have been answered 2xx (bounded: the load must reach it within 90 s). */
const KILL_AFTER_OK = 300;
const WHERE = { external_location_id: '00-12345', external_employee_id: '12345-SMITH' };

type Op = 'authorize' | 'capture' | 'release' | 'return' | 'refund' | 'payment';
interface Sent {
  ref: string;
  op: Op;
  account: number;
  /** The status answered, 'lost' when the connection died with the process, undefined while in flight. */
  status?: number | 'lost';
  answer?: Answer;
  /** The id of what the operation made, from its answer (authorization, capture, return, refund, payment). */
  madeId?: string;
  path?: string;
  body?: unknown;
}

/** The ledger entries each operation writes when it succeeds. */
const ENTRY_TYPES: Record<Op, string[]> = {
  authorize: ['hold'],
  capture: ['capture'],
  release: ['release'],
  return: ['return'],
  refund: ['refund'],
  payment: ['deposit', 'instore_payment', 'tradein'],
};

const pick = <T>(items: T[]): T | undefined => items[Math.floor(Math.random() * items.length)];
const centsBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

for (const kind of storeKinds()) {
  describe(`purchases crash safety [${kind}]`, () => {
    let store: TestStore | undefined;
    let service: ServiceProcess | undefined;
    afterAll(async () => {
      await service?.stop('SIGKILL');
      await store?.drop();
    });

    it('SIGKILL during a purchase load: every 2xx is in the database with its ledger entries, in-flight operations all or nothing, every ledger explains its balances', async () => {
      ensureBuilt();
      store = await createTestStore(kind);
      const setup = await openSeeded(store);
      const accounts: number[] = [];
      for (let i = 0; i < WORKERS * ACCOUNTS_PER_WORKER; i++)
        accounts.push(await addBuyer(setup.db, 860_000_000 + i, { limitCents: centsBetween(5_000_00, 20_000_00), balanceCents: centsBetween(0, 2_000_00) }));
      await setup.close();
      const env = { ...store.env, VERIFY_RATE_PER_CLIENT: '100000000', VERIFY_RATE_PER_ACCOUNT: '100000000', LOG_LEVEL: 'warn' };
      service = await startService(env);
      const token = await tokenFor(service.base);

      const sent: Sent[] = [];
      let ok = 0;
      let stop = false;
      let seq = 0;
      const unexpected: string[] = [];
      const send = async (record: Sent, path: string, body: unknown): Promise<Answer | undefined> => {
        record.path = path;
        record.body = body;
        sent.push(record);
        try {
          const res = await call(service!.base, 'POST', path, { token, ref: record.ref, body });
          record.status = res.status;
          record.answer = res;
          if (res.status === 200) ok += 1;
          // Before the kill the service answers; a refusal is a 404 or 409 of the contract, never a 5xx.
          if (![200, 404, 409].includes(res.status)) unexpected.push(`${record.op} ${res.status} ${res.body}`);
          return res.status === 200 ? res : undefined;
        } catch {
          record.status = 'lost';
          return undefined;
        }
      };
      /** A PIN from verify (not a ledger operation: it is not recorded), or undefined once the process is gone. */
      const pin = async (account: number) => {
        const requestId = `till-crash-${seq++}`;
        try {
          const res = await call(service!.base, 'POST', `${API}/account/${account}/verify`, {
            token,
            body: { format: 'merchant_override', request_id: requestId },
          });
          if (res.status !== 200) unexpected.push(`verify ${res.status} ${res.body}`);
          return res.status === 200
            ? { request_id: requestId, verification_code: (JSON.parse(res.body) as { verification_code: number }).verification_code }
            : undefined;
        } catch {
          return undefined;
        }
      };

      const worker = async (w: number) => {
        const mine = accounts.slice(w * ACCOUNTS_PER_WORKER, (w + 1) * ACCOUNTS_PER_WORKER);
        const open: { id: string; account: number }[] = [];
        const captured: { authorizationId: string; captureId: string; account: number; promo: boolean }[] = [];
        while (!stop) {
          const roll = Math.random();
          const account = pick(mine) as number;
          const record: Sent = { ref: `pcrash-${kind}-${seq++}`, op: 'authorize', account };
          if (roll < 0.5 || open.length + captured.length === 0) {
            const proof = await pin(account);
            if (!proof || stop) continue;
            const promo = Math.random() < 0.5;
            const res = await send(record, `${API251}/authorization`, {
              account_number: account,
              amount: centsBetween(10_00, 500_00) / 100,
              financing_option: promo ? { transaction_type: 'promotional_purchase', plan_id: 4, term: 3 } : { transaction_type: 'regular_purchase' },
              auto_capture: Math.random() < 0.5,
              ...proof,
              ...WHERE,
            });
            if (!res) continue;
            const answer = JSON.parse(res.body) as { authorization_id: string; status: string; captures: { capture_id: string }[] };
            record.madeId = answer.authorization_id;
            if (answer.status === 'opened') open.push({ id: answer.authorization_id, account });
            for (const c of answer.captures) captured.push({ authorizationId: answer.authorization_id, captureId: c.capture_id, account, promo });
          } else if (roll < 0.7 && open.length > 0) {
            const target = open.splice(Math.floor(Math.random() * open.length), 1)[0] as { id: string; account: number };
            record.op = Math.random() < 0.6 ? 'capture' : 'release';
            record.account = target.account;
            const res = await send(record, `${API251}/authorization/${target.id}/${record.op}`, { ...(Math.random() < 0.5 ? { amount: 5 } : {}), ...WHERE });
            if (!res) continue;
            const answer = JSON.parse(res.body) as { status: string; captures: { capture_id: string }[] };
            if (answer.status === 'opened') open.push(target);
            if (record.op === 'capture') {
              const made = answer.captures[answer.captures.length - 1] as { capture_id: string };
              record.madeId = made.capture_id;
              captured.push({ authorizationId: target.id, captureId: made.capture_id, account: target.account, promo: true });
            }
          } else if (roll < 0.8 && captured.length > 0) {
            const target = pick(captured) as (typeof captured)[number];
            record.op = 'return';
            record.account = target.account;
            const res = await send(record, `${API251}/authorization/${target.authorizationId}/capture/${target.captureId}/return`, {
              full_return: false,
              amount: centsBetween(1_00, 20_00) / 100,
              ...WHERE,
            });
            if (res) record.madeId = (JSON.parse(res.body) as { return_id: string }).return_id;
          } else if (roll < 0.9) {
            record.op = 'refund';
            const res = await send(record, `${API251}/accounts/${account}/refund`, { amount: centsBetween(1_00, 30_00) / 100, ...WHERE });
            if (res) record.madeId = res.headers.get('x-refund-id') ?? undefined;
          } else {
            const proof = await pin(account);
            if (!proof || stop) continue;
            record.op = 'payment';
            const res = await send(record, `${API251}/transactions`, {
              transaction_type: pick(['deposit', 'instore_payment', 'tradein']),
              account_number: account,
              amount: centsBetween(5_00, 200_00) / 100,
              ...proof,
              ...WHERE,
            });
            if (res) record.madeId = (JSON.parse(res.body) as { transaction_id: string }).transaction_id;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      await waitFor(`${KILL_AFTER_OK} operations answered 2xx`, () => ok >= KILL_AFTER_OK, 90_000, 10);
      const inFlight = sent.filter((r) => r.status === undefined);
      service.child.kill('SIGKILL');
      stop = true;
      expect(await service.exited).toBeNull();
      await Promise.all(workers);
      expect(unexpected).toEqual([]);
      expect(inFlight.length).toBeGreaterThan(0);

      const ctx = createContext(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }));
      try {
        service = await startService(env);
        const records = new Map(
          (await ctx.db.selectFrom('idempotency_records').select(['reference_id', 'status_code']).where('client_id', '=', 'flexitidemo').execute()).map((r) => [
            r.reference_id,
            r.status_code,
          ]),
        );
        const entriesByRef = new Map<string, string[]>();
        for (const e of await ctx.db.selectFrom('ledger_entries').select(['reference_id', 'entry_type']).execute())
          entriesByRef.set(e.reference_id, [...(entriesByRef.get(e.reference_id) ?? []), e.entry_type]);
        const ids = async (table: 'authorizations' | 'captures' | 'credits') =>
          new Set((await ctx.db.selectFrom(table).select('id').execute()).map((r) => String(r.id)));
        const made = { authorize: await ids('authorizations'), capture: await ids('captures'), credit: await ids('credits') };

        // Every 2xx: its idempotency record, its ledger entries (by its reference id), and the row its answer named.
        const succeeded = sent.filter((r) => r.status === 200);
        const missing = succeeded.filter((r) => {
          const entries = entriesByRef.get(r.ref) ?? [];
          const row = r.op === 'authorize' ? made.authorize : r.op === 'capture' ? made.capture : r.op === 'release' ? undefined : made.credit;
          return records.get(r.ref) !== 200 || !entries.some((t) => ENTRY_TYPES[r.op].includes(t)) || (row !== undefined && !row.has(String(r.madeId)));
        });
        expect(missing.map((r) => `${r.op} ${r.ref} ${r.madeId}`)).toEqual([]);
        // Every refusal spent its reference id too, and moved no money.
        const refused = sent.filter((r) => typeof r.status === 'number' && r.status !== 200);
        expect(refused.filter((r) => records.get(r.ref) !== r.status || entriesByRef.has(r.ref)).map((r) => `${r.op} ${r.ref} ${String(r.status)}`)).toEqual(
          [],
        );
        // Caught in flight: a success kept whole (record and entries together), or nothing that moved money.
        const lost = sent.filter((r) => r.status === 'lost' || r.status === undefined);
        const torn = lost.filter((r) => (records.get(r.ref) === 200) !== entriesByRef.has(r.ref));
        expect(torn.map((r) => `${r.op} ${r.ref}`)).toEqual([]);
        const committedInFlight = lost.filter((r) => records.get(r.ref) === 200).length;
        // No entry belongs to a request the test did not send.
        const refs = new Set(sent.map((r) => r.ref));
        expect([...entriesByRef.keys()].filter((ref) => !refs.has(ref))).toEqual([]);

        // Every account's ledger explains its balances.
        expect(await ledgerProblems(ctx.db, accounts)).toEqual([]);

        // Replays after the restart answer exactly as before.
        const newToken = await tokenFor(service.base);
        const sample = succeeded.filter((r) => r.op === 'authorize').slice(0, 10);
        for (const r of sample) {
          const again = await call(service.base, 'POST', r.path as string, { token: newToken, ref: r.ref, body: r.body });
          expect([r.ref, again.status, again.headers.get('x-idempotent-replay')]).toEqual([r.ref, 200, 'true']);
          expect(again.body).toBe(r.answer?.body);
        }
        // ...and it sells again, the ledger still explaining every account.
        for (const account of accounts.slice(0, 5)) {
          const requestId = `till-after-${account}`;
          const verify = await call(service.base, 'POST', `${API}/account/${account}/verify`, {
            token: newToken,
            body: { format: 'merchant_override', request_id: requestId },
          });
          const code = (JSON.parse(verify.body) as { verification_code: number }).verification_code;
          const res = await call(service.base, 'POST', `${API251}/authorization`, {
            token: newToken,
            body: {
              account_number: account,
              amount: 1,
              financing_option: { transaction_type: 'regular_purchase' },
              auto_capture: true,
              verification_code: code,
              request_id: requestId,
              ...WHERE,
            },
          });
          expect([account, res.status]).toEqual([account, 200]);
        }
        expect(await ledgerProblems(ctx.db, accounts)).toEqual([]);

        let integrity = 'ledger invariants hold';
        if (kind === 'sqlite') {
          expect(await service.stop('SIGTERM')).toBe(0);
          const file = new SQLite(store.databaseUrl.slice('sqlite:'.length), { readonly: true });
          try {
            expect(String(file.pragma('integrity_check', { simple: true }))).toBe('ok');
            expect(file.pragma('foreign_key_check')).toEqual([]);
            integrity += '; integrity_check ok';
          } finally {
            file.close();
          }
        } else {
          expect(await service.stop('SIGTERM')).toBe(0);
        }
        const byOp = (list: Sent[]) =>
          Object.entries(list.reduce<Record<string, number>>((t, r) => ({ ...t, [r.op]: (t[r.op] ?? 0) + 1 }), {}))
            .map(([op, n]) => `${n} ${op}`)
            .join(', ');
        console.log(
          `purchases crash [${kind}]: ${sent.length} ledger operations sent; ${succeeded.length} answered 2xx (${byOp(succeeded)}), ${refused.length} refused; ` +
            `SIGKILL with ${inFlight.length} in flight (${committedInFlight} of ${lost.length} unanswered had committed, none torn); all ${succeeded.length} 2xx found after restart ` +
            `with their ledger entries; ${accounts.length} accounts' ledgers explain their balances; ${sample.length} replays identical; ${integrity}`,
        );
      } finally {
        await ctx.close();
      }
    });
  });
}
