// The service process serves its metrics on METRICS_PORT (127.0.0.1 unless METRICS_HOST says otherwise), never on the
// API's port, and without METRICS_PORT on no port at all.
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testkit/ports.js';
import { startService } from '../helpers/service-process.js';
import { createTestStore, type TestStore } from '../helpers/stores.js';

describe('the metrics port of the service process', () => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.drop();
  });
  const env = async () => {
    const store = await createTestStore('sqlite');
    stores.push(store);
    return store.env;
  };

  it('serves GET /metrics on METRICS_PORT, on loopback, and counts the API requests', async () => {
    const metricsPort = await freePort();
    const service = await startService({ ...(await env()), METRICS_PORT: String(metricsPort) });
    try {
      expect(service.output()).toMatch(new RegExp(`"host":"127\\.0\\.0\\.1","port":${metricsPort}.*metrics served at /metrics`));
      expect((await fetch(`${service.base}/health/ready`)).status).toBe(200);
      const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toMatch(/^posapi_http_request_duration_seconds_count\{route="\/health\/ready",method="GET",status="200"\} 1$/m);
      // The API's port does not serve them.
      expect((await fetch(`${service.base}/metrics`)).status).toBe(404);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  });

  it('starts no metrics server without METRICS_PORT', async () => {
    const service = await startService(await env());
    try {
      expect(service.output()).not.toContain('metrics served');
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  });

  it('refuses to start when METRICS_PORT is taken, naming the port', async () => {
    const metricsPort = await freePort();
    const holder = await startService({ ...(await env()), METRICS_PORT: String(metricsPort) });
    try {
      const second = await startService({ ...(await env()), METRICS_PORT: String(metricsPort) }, { waitForHealth: false });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(new RegExp(`EADDRINUSE.*${metricsPort}`));
    } finally {
      await holder.stop('SIGTERM');
    }
  });
});
