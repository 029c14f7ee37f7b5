// The service as a process: first start migrates and loads the demo data, a restart keeps it, SIGTERM drains and exits.
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startService } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

for (const kind of storeKinds()) {
  describe(`the service process [${kind}]`, () => {
    let store: TestStore;
    afterAll(async () => store?.drop());

    it('migrates and loads the demo data on first start, answers, and stops cleanly on SIGTERM', async () => {
      store = await createTestStore(kind);
      // No keys in the environment: they are generated and kept in the keys file.
      const env = { DATABASE_URL: store.databaseUrl, KEYS_FILE: `/tmp/posapi-keys-${process.pid}-${kind}.json` };
      const first = await startService(env);
      expect(first.output()).toContain('demo data loaded');
      const token = await fetch(`${first.base}/flexiti/pos-api/v2.5/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': 'life-1' },
        body: 'client_id=flexitidemo&client_secret=demo-secret&grant_type=client_credentials',
      });
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      expect(await first.stop('SIGTERM')).toBe(0);
      expect(statSync(env.KEYS_FILE).mode & 0o777).toBe(0o600);

      const second = await startService(env);
      expect(second.output()).not.toContain('demo data loaded');
      // The same keys: a token of the first run still works.
      const lookup = await fetch(`${second.base}/flexiti/pos-api/v2.5/client-id/flexitidemo/customers/lookup?account_number=20035156`, {
        headers: { authorization: `Bearer ${access_token}`, 'x-reference-id': 'life-2' },
      });
      expect(lookup.status).toBe(200);
      expect(await second.stop('SIGTERM')).toBe(0);
    });
  });
}

describe('configuration', () => {
  it('refuses to start with a clear message naming the bad variable', async () => {
    const service = await startService({ DATABASE_URL: 'mysql://nope', TOKEN_TTL_SECONDS: 'soon' }, { waitForHealth: false });
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain('DATABASE_URL');
    expect(service.output()).toContain('TOKEN_TTL_SECONDS');
    expect(service.output()).not.toMatch(/\n\s+at /);
  });
});
