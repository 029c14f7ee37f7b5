// `posapi clients disable`: the client's access and refresh tokens stop working on every node, without a restart.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/runtime/context.js';
import { slowHash } from '../../src/security/slow-hash.js';
import { insertClient } from '../../src/store/clients.js';
import { CLI, startService, type ServiceProcess } from '../helpers/service-process.js';
import { ownRedis, type OwnRedis } from '../helpers/redis-server.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';
import { call, ensureBuilt, openSeeded, TOKEN_URL, waitFor } from '../stress/harness.js';
import { createTestStore } from '../../testkit/databases.js';

const run = promisify(execFile);

/**
 * The nodes learn of it by their poll of the store (no Redis), or at once through Redis: there the poll is an hour, so
 * only the announcement can tell them.
 */
const WAYS = [
  { way: 'polled', redis: false, poll: '1000' },
  { way: 'told through Redis', redis: true, poll: '3600000' },
];

describe.skipIf(!storeKinds().includes('postgres')).each(WAYS)(
  'posapi clients disable, two service processes on one PostgreSQL ($way)',
  ({ redis: withRedis, poll }) => {
    let store: TestStore;
    let ctx: ServiceContext;
    let redis: OwnRedis | undefined;
    let nodes: ServiceProcess[] = [];
    const clientId = `disable-me-${randomBytes(4).toString('hex')}`;
    const lookup = (id: string) => `/flexiti/pos-api/v2.5/client-id/${id}/customers/lookup?account_number=20035156`;
    const redisEnv = (): Record<string, string> => (redis ? { REDIS_URL: redis.url } : {});
    const posapi = (...args: string[]) =>
      run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...store.env, ...redisEnv(), LOG_LEVEL: 'silent' } });

    beforeAll(async () => {
      ensureBuilt();
      if (withRedis) redis = await ownRedis();
      store = await createTestStore('postgres');
      ctx = await openSeeded(store);
      await insertClient(ctx.db, {
        id: clientId,
        secret_hash: await slowHash('its-secret', ctx.config.scryptCost),
        merchant_id: '12345',
        channel: 'in_store',
        may_override: 0,
        disabled: 0,
        created_at: Date.now(),
      });
      const env = { ...store.env, ...redisEnv(), CLIENT_REVOCATION_POLL_MS: poll, SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
      nodes = await Promise.all([startService(env), startService(env)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
      await ctx?.close();
      await store?.drop();
      await redis?.stop();
    });

    const tokens = async (id: string, secret: string) => {
      const res = await call(nodes[0]!.base, 'POST', TOKEN_URL, { form: { grant_type: 'client_credentials', client_id: id, client_secret: secret } });
      expect(res.status, res.body).toBe(200);
      return JSON.parse(res.body) as { access_token: string; refresh_token: string };
    };
    const lookupStatus = async (node: number, id: string, token: string) => (await call(nodes[node]!.base, 'GET', lookup(id), { token })).status;

    it('refuses its access tokens on both nodes, spends its refresh tokens, and gives it no new ones', async () => {
      const mine = await tokens(clientId, 'its-secret');
      const other = await tokens('flexitidemo', 'demo-secret');
      // Both nodes know the token (each remembers a verified token until it expires).
      for (const node of [0, 1]) expect(await lookupStatus(node, clientId, mine.access_token)).toBe(200);

      const { stdout } = await posapi('clients', 'disable', clientId);
      expect(stdout).toContain(`client ${clientId} disabled; 1 refresh token(s) revoked`);
      expect(stdout).toContain(withRedis ? 'at once (told through Redis)' : 'within 1000 ms');
      const row = await ctx.db.selectFrom('refresh_tokens').select('used_at').where('client_id', '=', clientId).executeTakeFirstOrThrow();
      expect(row.used_at).not.toBeNull();

      // Each node reads the disabled clients again (on its poll, or told through Redis): no restart, both refuse the token.
      await waitFor(
        'both nodes to refuse the token',
        async () => (await lookupStatus(0, clientId, mine.access_token)) === 401 && (await lookupStatus(1, clientId, mine.access_token)) === 401,
        15_000,
      );
      const refused = await call(nodes[1]!.base, 'GET', lookup(clientId), { token: mine.access_token });
      expect(JSON.parse(refused.body)).toMatchObject({ error: 'invalid_token', message: 'The access token has been revoked.' });

      const refresh = await call(nodes[1]!.base, 'POST', TOKEN_URL, {
        form: { grant_type: 'refresh_token', refresh_token: mine.refresh_token, client_id: clientId, client_secret: 'its-secret' },
      });
      expect([refresh.status, JSON.parse(refresh.body).error]).toEqual([400, 'invalid_client']);
      const fresh = await call(nodes[0]!.base, 'POST', TOKEN_URL, {
        form: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'its-secret' },
      });
      expect([fresh.status, JSON.parse(fresh.body).error]).toEqual([400, 'invalid_client']);
      await expect(posapi('token', clientId)).rejects.toMatchObject({ code: 1 });

      // Another client is untouched.
      for (const node of [0, 1]) expect(await lookupStatus(node, 'flexitidemo', other.access_token)).toBe(200);
    });

    it('says so when there is no such client', async () => {
      await expect(posapi('clients', 'disable', 'nobody-at-all')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('no client nobody-at-all'),
      });
    });
  },
);
