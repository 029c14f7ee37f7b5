// Outbox takeover: a node that claimed messages and died (SIGKILL) holds them no longer than its lease; another node
// delivers them within seconds, each once. While the claiming node lives, its heartbeat keeps the claim, however long
// the send takes: nobody else sends the same message meanwhile.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { startSmsGateway, type SmsGateway } from '../helpers/sms-gateway.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, tokenFor, waitFor } from './harness.js';

const MESSAGES = 10;
/** The service's default lease; the test relies on it rather than setting its own. */
const LEASE_MS = 5000;

describe.skipIf(!storeKinds().includes('postgres'))('outbox takeover [postgres]', () => {
  let store: TestStore | undefined;
  const services: ServiceProcess[] = [];
  const gateways: SmsGateway[] = [];
  afterAll(async () => {
    for (const service of services) await service.stop('SIGKILL');
    for (const gateway of gateways) await gateway.close();
    await store?.drop();
  });

  it('delivers a killed node’s claimed messages from another node within seconds, each exactly once', async () => {
    ensureBuilt();
    store = await createTestStore('postgres');
    const setup = await openSeeded(store);
    const accounts = (await addAccounts(setup, { open: MESSAGES, closable: 0 })).open;
    const hanging = await startSmsGateway(false);
    const answering = await startSmsGateway(true);
    gateways.push(hanging, answering);
    const env = { ...store.env, VERIFY_RATE_PER_CLIENT: '100000', VERIFY_RATE_PER_ACCOUNT: '100000', LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '200' };

    // The messages are written by a node whose dispatcher does not poll in the test's time, so they are all due at once.
    // It has a gateway, as every node of a deployment must: a node without one writes its messages held.
    const till = await startService({ ...env, SMS_GATEWAY_URL: answering.url, OUTBOX_POLL_MS: '999999999' });
    const token = await tokenFor(till.base);
    for (const account of accounts) {
      const res = await call(till.base, 'POST', `${API}/account/${account}/verify`, { token, body: { format: 'sms', request_id: 'till-takeover' } });
      expect(res.status).toBe(200);
    }
    expect(await till.stop('SIGTERM')).toBe(0);

    // Node A claims every message in one batch and hangs in the gateway's hands, sending.
    const a = await startService({ ...env, SMS_GATEWAY_URL: hanging.url });
    services.push(a);
    await waitFor('node A to be sending every message', () => hanging.received.length === MESSAGES, 10_000);
    const sendingSince = Date.now();

    // Node B polls beside it. A's sends outlast its lease (the gateway never answers), but A renews its claim: B takes
    // nothing while A lives. (A's own transport gives up after 10 s; B watches well before that.)
    const b = await startService({ ...env, SMS_GATEWAY_URL: answering.url });
    services.push(b);
    const watchUntil = sendingSince + LEASE_MS * 1.6;
    while (Date.now() < watchUntil) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answering.received).toEqual([]);

    // A dies with its claims held; B delivers them once the lease A last renewed runs out.
    const killedAt = Date.now();
    await a.stop('SIGKILL');
    await waitFor('node B to deliver every message', () => answering.received.length >= MESSAGES, 3 * LEASE_MS);
    const takeoverMs = Date.now() - killedAt;
    console.log(`outbox takeover: ${MESSAGES} messages delivered by the other node ${takeoverMs} ms after the SIGKILL`);
    expect(takeoverMs).toBeLessThan(3 * LEASE_MS);

    // Exactly once: a lease and more later, nothing was sent twice, and every row is marked sent.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 1000));
    const recipients = answering.received.map((m) => m.to);
    expect(recipients.length).toBe(MESSAGES);
    expect(new Set(recipients).size).toBe(MESSAGES);
    const statuses = await sql<{ status: string; n: string }>`select status, count(*) as n from outbox group by status`.execute(setup.db);
    expect(statuses.rows.map((r) => [r.status, Number(r.n)])).toEqual([['sent', MESSAGES]]);
    await setup.store.close();
  });
});
