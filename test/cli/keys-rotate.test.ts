// `posapi keys rotate` while two service processes serve on one PostgreSQL: nothing made before the rotation stops
// working, and what is made after uses the new version, on both nodes, without a restart.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { luhnCheckDigit } from '../../src/domain/identity.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/runtime/context.js';
import { cardHasher } from '../../src/security/card-hash.js';
import { sealedBox } from '../../src/security/sealed-box.js';
import { insertCard } from '../../src/store/customers.js';
import { CLI, startService, type ServiceProcess } from '../helpers/service-process.js';
import { startSmsGateway, type SmsGateway } from '../helpers/sms-gateway.js';
import { storeKinds } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, tokenFor, waitFor } from '../stress/harness.js';
import { createTestStore, type TestStore } from '../../testkit/databases.js';

const run = promisify(execFile);

/** `fifteen` and the digit that makes it pass the Luhn check. */
const withCheckDigit = (fifteen: string) => fifteen + luhnCheckDigit(fifteen);
const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string }).kid;
const HOUR_MS = '3600000';

/**
 * Node 0 reads the key versions every half second. Node 1 reads them once an hour: it can only learn of a rotation by
 * meeting a token or a message under a version it does not know, which must make it read them at once.
 */
describe.skipIf(!storeKinds().includes('postgres'))('posapi keys rotate, two service processes on one PostgreSQL', () => {
  let store: TestStore;
  let ctx: ServiceContext;
  let gateway: SmsGateway;
  let nodes: ServiceProcess[] = [];
  let accounts: number[] = [];
  let output = '';
  const posapiWith = async (extraEnv: Record<string, string>, ...args: string[]) => {
    const result = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...store.env, KEYS_POLL_MS: '500', LOG_LEVEL: 'info', ...extraEnv },
    });
    output += result.stdout + result.stderr;
    return result.stdout;
  };
  const posapi = (...args: string[]) => posapiWith({}, ...args);
  const lookup = (node: number, token: string) => call(nodes[node]!.base, 'GET', `${API}/customers/lookup?account_number=20035156`, { token });

  beforeAll(async () => {
    ensureBuilt();
    store = await createTestStore('postgres');
    ctx = await openSeeded(store);
    accounts = (await addAccounts(ctx, { open: 8, closable: 0 })).open;
    gateway = await startSmsGateway(true);
    // A high event-loop bound: on a busy machine a node must not shed the test's few requests.
    const env = {
      ...store.env,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SMS_GATEWAY_URL: gateway.url,
      OUTBOX_POLL_MS: '200',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '60000',
    };
    nodes = await Promise.all([startService({ ...env, KEYS_POLL_MS: '500' }), startService({ ...env, KEYS_POLL_MS: HOUR_MS })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
    await gateway?.close();
    await ctx?.close();
    await store?.drop();
  });

  it('token signing: tokens from before keep working on both nodes, new ones carry the new kid and both nodes accept them', async () => {
    // Issued before the rotation and not shown to any node yet (a node remembers a token it has verified).
    const before = [await tokenFor(nodes[0]!.base), await tokenFor(nodes[1]!.base)];
    expect(before.map(kidOf)).toEqual(['base', 'base']);

    const stdout = await posapi('keys', 'rotate', 'token-signing');
    const kid = /new version (tok-\S+)/.exec(stdout)?.[1];
    expect(kid, stdout).toBeDefined();

    // Node 0 signs with the new version from its next read of the store.
    let fromNode0 = '';
    await waitFor('node 0 to sign with the new version', async () => kidOf((fromNode0 = await tokenFor(nodes[0]!.base))) === kid, 15_000);
    // Node 1 has not read the versions since it started: the new kid makes it read them, and it accepts the token.
    expect((await lookup(1, fromNode0)).status).toBe(200);
    const fromNode1 = await tokenFor(nodes[1]!.base);
    expect(kidOf(fromNode1)).toBe(kid);
    expect((await lookup(0, fromNode1)).status).toBe(200);

    // The tokens from before the rotation, first seen by each node now: still good until they expire.
    for (const node of [0, 1]) for (const token of before) expect((await lookup(node, token)).status).toBe(200);

    // A token naming the new kid but signed with another key is refused: the kid picks the key, it proves nothing.
    const [head, body] = fromNode0.split('.');
    const forged = `${head}.${body}.${Buffer.from('not the signature').toString('base64url')}`;
    for (const node of [0, 1]) expect((await lookup(node, forged)).status).toBe(401);

    // Each node says (by id) that it signs with the new version.
    for (const node of nodes) expect(node.output()).toMatch(new RegExp(`"key":"token-signing","kid":"${kid}","msg":"key version in use"`));

    // The old key signed tokens that live another hour: it is not retired yet.
    expect(await posapi('keys', 'retire', 'token-signing')).toContain('token-signing: nothing to retire yet');
    expect(await posapi('keys', 'list')).toMatch(new RegExp(`token-signing\\tbase\\taccepted[\\s\\S]*token-signing\\t${kid}\\tcurrent`));

    // The rotation is audited, with the version's id and nothing of its key.
    const audit = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'keys.rotate').execute();
    expect(audit.map((a) => [a.client_id.startsWith('operator:'), a.outcome, JSON.parse(a.detail)])).toEqual([
      [true, 'rotated', { key: 'token-signing', kid, retired: [] }],
    ]);
  });

  it('outbox: messages sealed before and after the rotation are all delivered, and the old key is retired once none waits', async () => {
    // Sealed under the base key before the rotation, and held back (due in an hour) so it is still waiting after it.
    const heldBack = `held back ${Date.now()}`;
    await ctx.store.outbox.enqueue('sms', ctx.seal.seal(JSON.stringify({ to: '+14165550199', body: heldBack })), Date.now() + 3_600_000);

    const stdout = await posapi('keys', 'rotate', 'outbox');
    const kid = /new version (box-\S+)/.exec(stdout)?.[1];
    expect(kid, stdout).toBeDefined();

    // A PIN sent through node 0 once it has read the new version is sealed under it.
    const token = await tokenFor(nodes[0]!.base);
    let sent = 0;
    const sealedUnderNew = async () => {
      const res = await call(nodes[0]!.base, 'POST', `${API}/account/${accounts[sent % accounts.length]}/verify`, {
        token,
        body: { format: 'sms', request_id: `rotate-${sent}` },
      });
      expect(res.status, res.body).toBe(200);
      sent += 1;
      const newest = await sql<{ payload: string }>`select payload from outbox order by id desc limit 1`.execute(ctx.db);
      return newest.rows[0]!.payload.startsWith(`v2.${kid}.`);
    };
    await waitFor('node 0 to seal with the new version', sealedUnderNew, 15_000, 600);

    // The message under the old key still waits: the old key is kept, whatever the time.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await posapi('keys', 'retire', 'outbox')).toContain('outbox: nothing to retire yet');

    // Released, it is opened and delivered like the new ones (by whichever node claims it).
    await ctx.db.updateTable('outbox').set({ next_attempt_at: Date.now() }).where('status', '=', 'pending').execute();
    await waitFor(
      'every message to be delivered',
      async () => Number((await sql<{ n: string }>`select count(*) as n from outbox where status <> 'sent'`.execute(ctx.db)).rows[0]!.n) === 0,
      15_000,
    );
    expect(gateway.received.map((m) => m.body)).toContain(heldBack);
    expect(gateway.received.filter((m) => /\d{4}/.test(m.body)).length).toBeGreaterThanOrEqual(sent);
    const failed = await ctx.db.selectFrom('outbox').select('last_error').where('last_error', 'is not', null).execute();
    expect(failed).toEqual([]);

    // Nothing waits under the base key any more (no kept answer holds a PIN: sms answers say "sent"): retired.
    expect(await posapi('keys', 'retire', 'outbox')).toContain('outbox: retired base');
    expect(await posapi('keys', 'list')).toMatch(/outbox\tbase\tretired/);
  });

  it('card hash: every card is found on both nodes before, during and after the re-hash, which moves each card once', { timeout: 180_000 }, async () => {
    // Cards of the test's accounts, hashed as the nodes hash them now (base): enough for a few batches.
    await ctx.keyRings.refresh();
    const numbers = Array.from({ length: 1200 }, (_, i) => withCheckDigit(`5299317${String(i).padStart(8, '0')}`));
    const now = Date.now();
    await ctx.store.transaction(async () => {
      for (const [i, number] of numbers.entries())
        await insertCard(ctx.db, ctx.cardHashes.current(number), number.slice(-4), accounts[i % accounts.length]!, now);
    });
    const owner = (i: number) => accounts[i % accounts.length]!;
    const lookupCard = async (node: number, i: number, token: string) =>
      call(nodes[node]!.base, 'GET', `${API}/customers/lookup?vcc_number=${numbers[i]}`, { token });
    const tokens = [await tokenFor(nodes[0]!.base), await tokenFor(nodes[1]!.base)];

    // Tills look cards up on both nodes for the whole rotation; node 1 reads the versions once an hour.
    let rotating = true;
    const answers: { node: number; status: number; right: boolean }[] = [];
    const tills = [0, 1].map(async (node) => {
      for (let i = node; rotating; i += 7) {
        const res = await lookupCard(node, i % numbers.length, tokens[node]!);
        answers.push({
          node,
          status: res.status,
          right: res.status === 200 && (JSON.parse(res.body) as { account_number?: number }).account_number === owner(i % numbers.length),
        });
      }
    });
    const stdout = await posapi('keys', 'rotate', 'card-hash').finally(() => (rotating = false));
    await Promise.all(tills);
    const kid = /new version (card-\S+)/.exec(stdout)?.[1];
    expect(kid, stdout).toBeDefined();
    expect(stdout).toMatch(/card-hash: \d+ cards moved to card-/);
    expect(stdout).toContain('every card is under the newest version');
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.status !== 200 || !a.right)).toEqual([]);

    // Every card moved once, and no stored hash is the old form any more.
    const byVersion = await ctx.db
      .selectFrom('cards')
      .select(['key_kid'])
      .select((eb) => eb.fn.countAll().as('n'))
      .groupBy('key_kid')
      .execute();
    expect(byVersion.map((r) => [r.key_kid, Number(r.n)])).toEqual([[kid, Number(byVersion[0]!.n)]]);
    const base = cardHasher(store.env.CARD_HMAC_KEY!);
    const stale = await ctx.db.selectFrom('cards').select('card_hash').where('card_hash', 'in', numbers.slice(0, 50).map(base)).execute();
    expect(stale).toEqual([]);
    // Both nodes find every card afterwards, node 1 too (it read the versions again when a card was not found).
    for (const node of [0, 1])
      for (const i of [0, 599, 1199]) expect(JSON.parse((await lookupCard(node, i, tokens[node]!)).body)).toMatchObject({ account_number: owner(i) });

    expect(await posapi('keys', 'list')).toMatch(new RegExp(`card-hash\\tbase\\tlayer \\(0 cards\\)[\\s\\S]*card-hash\\t${kid}\\tcurrent \\(\\d+ cards\\)`));
    await expect(posapi('keys', 'retire', 'card-hash')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('none is ever retired') });
    // Resuming a finished re-hash moves nothing and says so.
    expect(await posapi('keys', 'rehash', 'card-hash')).toContain('card-hash: 0 cards moved');
    const audit = await ctx.db.selectFrom('audit_events').select(['outcome', 'detail']).where('action', '=', 'keys.rehash').execute();
    expect(audit.map((a) => a.outcome)).toEqual(['settled', 'settled']);
  });

  it('refuses to rotate without a master key (the nodes could not open the version)', async () => {
    await expect(posapiWith({ KEYS_MASTER_KEY: '' }, 'keys', 'rotate', 'outbox')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('KEYS_MASTER_KEY is not set'),
    });
    expect(await ctx.db.selectFrom('key_versions').select('kid').where('retired_at', 'is', null).execute()).toHaveLength(3);
  });

  it('never prints or logs a key', async () => {
    const versions = await ctx.db.selectFrom('key_versions').selectAll().where('sealed_key', 'is not', null).execute();
    const master = sealedBox(store.env.KEYS_MASTER_KEY!);
    const secrets = [
      ...versions.map((v) => master.open(v.sealed_key!)),
      ...versions.map((v) => v.sealed_key!),
      store.env.TOKEN_SIGNING_KEY!,
      store.env.OUTBOX_KEY!,
      store.env.CARD_HMAC_KEY!,
      store.env.KEYS_MASTER_KEY!,
    ];
    expect(versions.length).toBe(3);
    const logs =
      output + nodes.map((node) => node.output()).join('') + (await ctx.db.selectFrom('audit_events').select('detail').execute()).map((a) => a.detail).join('');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
