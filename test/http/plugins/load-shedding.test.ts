// Specifies load shedding: with the event loop held up past the configured delay, API calls are refused at once with
// 503 in the lender's shape and Retry-After; once the loop runs freely again, they are answered as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiClient, type ApiClient } from '../../helpers/api.js';
import { isOverload } from '../../../src/http/plugins/external/load-shedding.js';
import { createSeededContext, type StoreFixture } from '../../helpers/stores.js';

const LOOKUP = `${API}/customers/lookup?account_number=116994859`;

/** Holds the event loop, as a burst of CPU-bound work would. */
function blockLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('load shedding', () => {
  let fixture: StoreFixture;
  let api: ApiClient;
  beforeAll(async () => {
    // A tiny bound, sampled often: a 150 ms block is overload.
    fixture = await createSeededContext('sqlite', { OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '20', OVERLOAD_SAMPLE_MS: '50', OVERLOAD_RETRY_AFTER_SECONDS: '3' });
    api = await apiClient(fixture.ctx);
    await api.token();
  });
  afterAll(async () => {
    await api.app.close();
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  /** The status of a lookup once the loop has run freely for a few samples (the setup's own work holds it up too). */
  async function statusWhenCalm(): Promise<number> {
    const deadline = Date.now() + 10_000;
    let status = 503;
    while (status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await api.call('GET', LOOKUP)).statusCode;
    }
    return status;
  }

  it('answers 503 service_unavailable with Retry-After while the event loop is held up, then serves again', async () => {
    expect(await statusWhenCalm()).toBe(200);
    let refused;
    for (let round = 0; round < 50 && !refused; round++) {
      blockLoop(150);
      await nextTurn();
      const res = await api.call('GET', LOOKUP, { referenceId: `shed-${round}` });
      if (res.statusCode !== 200) refused = { res, ref: `shed-${round}` };
    }
    expect(refused, 'no request was refused while the loop was blocked').toBeDefined();
    const { res, ref } = refused!;
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.headers['x-reference-id']).toBe(ref);
    expect(res.json()).toEqual({
      url: '/flexiti/pos-api/v2.5/client-id/flexitidemo/customers/lookup',
      error: 'service_unavailable',
      message: 'The service is overloaded; retry in 3 s.',
      reference_id: ref,
    });

    // The loop runs freely again: within a few samples the service answers.
    expect(await statusWhenCalm()).toBe(200);
  });
});

describe('load shedding by heap', () => {
  it('answers 503 with Retry-After while the heap in use is past its bound', async () => {
    // Any process holds more than 1 MiB of heap: every sample is past this bound.
    const fixture = await createSeededContext('sqlite', { OVERLOAD_MAX_HEAP_USED_MB: '1', OVERLOAD_SAMPLE_MS: '50' });
    const api = await apiClient(fixture.ctx);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Shed before authentication: the token is not even looked at (it would be a 401).
      const res = await api.call('GET', LOOKUP, { token: 'not-looked-at', referenceId: 'shed-heap' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json()).toMatchObject({ error: 'service_unavailable', reference_id: 'shed-heap' });
    } finally {
      await api.app.close();
      await fixture.ctx.close();
      await fixture.store.drop();
    }
  });
});

describe('a sample with no delay measured', () => {
  it('is overload only when the sampling interval itself is past the bound', () => {
    const bounds = { maxEventLoopDelayMs: 1000, sampleMs: 1000 };
    // The process waited for a core a whole interval: it shows a delay of at least 1 s, which is within the bound.
    expect(isOverload('eventLoopDelay', Infinity, bounds)).toBe(false);
    expect(isOverload('eventLoopDelay', Infinity, { maxEventLoopDelayMs: 20, sampleMs: 50 })).toBe(true);
    expect(isOverload('eventLoopDelay', 1500, bounds)).toBe(true);
    expect(isOverload('heapUsedBytes', 1e12, bounds)).toBe(true);
  });
});
