// Graceful shutdown: SIGTERM while the service is busy (slow security-answer verifications in flight, lookups streaming in). Every
// request it had received finishes with its 2xx; what comes after is refused cleanly (connection refused, or 503 in the
// lender's error shape) or never reaches it (connection refused, or closed unread); the process exits with code 0
// within 10 seconds. The service's own log tells which requests it received before it began to drain.
import { request as httpRequest, Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { API, ensureBuilt, openSeeded, tokenFor, waitFor } from './harness.js';

const IN_FLIGHT = 32;

interface Outcome {
  status?: number;
  body?: string;
  error?: string;
}

/** One request on the given agent (or a connection of its own), never throwing: what happened is the outcome. */
function send(base: string, path: string, options: { method: 'GET' | 'POST'; token: string; ref: string; body?: unknown; agent?: Agent }): Promise<Outcome> {
  const url = new URL(`${base}${path}`);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method,
        agent: options.agent ?? false,
        headers: {
          authorization: `Bearer ${options.token}`,
          'x-reference-id': options.ref,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(options.agent ? {} : { connection: 'close' }),
        },
        timeout: 15_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
        res.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end(payload);
  });
}

const isErrorShape = (body: string | undefined) => {
  try {
    const parsed = JSON.parse(body ?? '') as Record<string, unknown>;
    return typeof parsed.url === 'string' && typeof parsed.message === 'string' && typeof parsed.error === 'string';
  } catch {
    return false;
  }
};

for (const kind of storeKinds()) {
  describe(`graceful shutdown [${kind}]`, () => {
    let store: TestStore | undefined;
    let service: ServiceProcess | undefined;
    afterAll(async () => {
      await service?.stop('SIGKILL');
      await store?.drop();
    });

    it('SIGTERM under load: in-flight requests finish 2xx, later ones are refused cleanly, exit 0 within 10 s', async () => {
      ensureBuilt();
      store = await createTestStore(kind);
      // Security answers seeded with a costly scrypt make each answer's check take a while, so several verifies are
      // in flight when the signal comes. (PINs are a keyed hash: a merchant override is too quick to be caught.)
      await (await openSeeded(store, { SCRYPT_COST: '16384' })).store.close();
      service = await startService({
        ...store.env,
        SCRYPT_COST: '16384',
        // At debug each request is logged as it arrives ("request received"), not only once answered.
        LOG_LEVEL: 'debug',
        VERIFY_RATE_PER_CLIENT: '100000',
        VERIFY_RATE_PER_ACCOUNT: '100000',
      });
      const base = service.base;
      const token = await tokenFor(base);
      const keepAlive = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
      const outcomes = new Map<string, Outcome>();
      const track = (ref: string, pending: Promise<Outcome>) => pending.then((o) => (outcomes.set(ref, o), o));

      // The load: slow verifies (the demo's right answer for account 20035156), each on a keep-alive connection of its own.
      const verifies = Array.from({ length: IN_FLIGHT }, (_, i) => {
        const ref = `drain-${kind}-${i}`;
        return {
          ref,
          outcome: track(
            ref,
            send(base, `${API}/account/20035156/verify`, {
              method: 'POST',
              token,
              ref,
              body: { format: 'security_question', security_qid: 4, security_answer: 'Jamie', request_id: 'till-drain' },
              agent: keepAlive,
            }),
          ),
        };
      });
      // The signal comes once the service has logged a quarter of them as received.
      await waitFor(
        'the service to receive the verifies',
        () => verifies.filter(({ ref }) => service!.output().includes(`"reference_id":"${ref}"`)).length >= IN_FLIGHT / 4,
        30_000,
        2,
      );
      const signalledAt = performance.now();
      service.child.kill('SIGTERM');
      const unansweredAtSignal = new Set(verifies.filter(({ ref }) => !outcomes.has(ref)).map(({ ref }) => ref));

      // After the signal: requests on new connections until the process is gone, and one more request on each
      // kept-alive connection as its verify is answered.
      let exited = false;
      const exit = service.exited.then((code) => {
        exited = true;
        return { code, seconds: (performance.now() - signalledAt) / 1000 };
      });
      const lateRefs: string[] = [];
      const late = (async () => {
        for (let i = 0; !exited; i++) {
          const ref = `late-${kind}-${i}`;
          lateRefs.push(ref);
          await track(ref, send(base, `${API}/customers/lookup?account_number=20035156`, { method: 'GET', token, ref }));
        }
      })();
      const reused = verifies.map(async ({ outcome }, i) => {
        await outcome;
        const ref = `reuse-${kind}-${i}`;
        await track(ref, send(base, `${API}/customers/lookup?account_number=20035156`, { method: 'GET', token, ref, agent: keepAlive }));
        return ref;
      });
      await Promise.all(verifies.map(({ outcome }) => outcome));
      const { code, seconds } = await exit;
      await late;
      const reusedRefs = await Promise.all(reused);
      keepAlive.destroy();

      if (code !== 0 || seconds >= 10)
        console.log(
          service
            .output()
            .split('\n')
            .filter((l) => !/request received|request answered/.test(l))
            .slice(-40)
            .join('\n'),
        );
      expect(code).toBe(0);
      expect(seconds).toBeLessThan(10);

      // The service's own log orders events: a request received before "draining" was in its hands when the signal came.
      const lines = service.output().split('\n');
      const drainLine = lines.findIndex((l) => l.includes('"msg":"draining"'));
      expect(drainLine).toBeGreaterThan(0);
      const routedAt = (ref: string) => lines.findIndex((l) => l.includes('"msg":"request received"') && l.includes(`"reference_id":"${ref}"`));
      const refused503 = (o: Outcome | undefined) => o?.status === 503 && isErrorShape(o.body);
      const classes = { finished: 0, inFlightFinished: 0, refused503: 0, connectionRefused: 0, reset: 0 };
      const wrong: string[] = [];
      for (const ref of [...verifies.map((v) => v.ref), ...lateRefs, ...reusedRefs]) {
        const outcome = outcomes.get(ref);
        const at = routedAt(ref);
        if (at >= 0 && at < drainLine) {
          // Received before the drain: it finishes with its 2xx.
          if (outcome?.status !== 200) wrong.push(`${ref} received before the drain answered ${outcome?.status ?? outcome?.error}`);
          classes.finished += 1;
          if (unansweredAtSignal.has(ref)) classes.inFlightFinished += 1;
        } else if (at > drainLine) {
          // Arrived during the drain on a connection still open: 503 in the lender's shape.
          if (!refused503(outcome)) wrong.push(`${ref} received during the drain answered ${outcome?.status ?? outcome?.error} ${outcome?.body ?? ''}`);
          classes.refused503 += 1;
        } else if (outcome?.error === 'ECONNREFUSED') {
          classes.connectionRefused += 1;
        } else if (outcome?.error === 'ECONNRESET') {
          // A connection the server closed, as it drained, before any request on it was read (an idle kept-alive one,
          // or one accepted as the listener closed): nothing was done, the client may retry elsewhere.
          classes.reset += 1;
        } else {
          wrong.push(`${ref} never reached the service yet got ${outcome?.status ?? outcome?.error}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(classes.inFlightFinished).toBeGreaterThan(0);
      expect(classes.connectionRefused + classes.refused503).toBeGreaterThan(0);
      console.log(
        `shutdown [${kind}]: SIGTERM with ${classes.inFlightFinished} verifies in flight, all finished 200; exit code ${String(code)} after ${seconds.toFixed(2)} s; ` +
          `later requests: ${classes.refused503} answered 503 in the error shape, ${classes.connectionRefused} connection refused, ${classes.reset} connections closed unread`,
      );
    });
  });
}
