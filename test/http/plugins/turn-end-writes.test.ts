// Specifies the answer write-out: the answers finished during one event-loop turn leave together, at the turn's end.
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from '../../../src/http/plugins/app/error-handler.js';
import { turnEndQueue, turnEndWritesPlugin } from '../../../src/http/plugins/app/turn-end-writes.js';

describe('turnEndQueue', () => {
  it('runs nothing before the turn ends, then everything queued, in order, once', async () => {
    const atTurnEnd = turnEndQueue();
    const ran: string[] = [];
    atTurnEnd(() => ran.push('a'));
    atTurnEnd(() => ran.push('b'));
    await Promise.resolve();
    expect(ran).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['a', 'b']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['a', 'b']);
  });

  it('leaves what is queued while the queue runs to the next turn', async () => {
    const atTurnEnd = turnEndQueue();
    const ran: string[] = [];
    atTurnEnd(() => {
      ran.push('first');
      atTurnEnd(() => ran.push('queued by first'));
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['first']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['first', 'queued by first']);
  });
});

describe('answers written at the end of their turn', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** The service's write-out in front of routes that answer at once; `events` records each answer as it is written. */
  async function appWritingAtTurnEnd() {
    const events: string[] = [];
    const instance = Fastify({ logger: false });
    await instance.register(errorHandlerPlugin);
    await instance.register(turnEndWritesPlugin);
    instance.addHook('onRequest', (request, reply, done) => {
      const end = reply.raw.end.bind(reply.raw) as (...args: unknown[]) => unknown;
      reply.raw.end = ((...args: unknown[]) => {
        events.push(`wrote ${(request.query as { id?: string }).id}`);
        return end(...args);
      }) as typeof reply.raw.end;
      done();
    });
    instance.get('/echo', async (request) => ({ id: (request.query as { id: string }).id }));
    instance.get('/fails', async () => {
      throw new Error('boom');
    });
    app = instance;
    return { app: instance, events };
  }

  it('holds a ready answer until the turn ends', async () => {
    const { app: instance, events } = await appWritingAtTurnEnd();
    await instance.ready();
    setImmediate(() => events.push('turn ended'));
    const res = await instance.inject({ method: 'GET', url: '/echo?id=1' });
    expect(res.json()).toEqual({ id: '1' });
    expect(events).toEqual(['turn ended', 'wrote 1']);
  });

  it('writes the answers of one turn together, in the order they were finished, before the next turn', async () => {
    const { app: instance, events } = await appWritingAtTurnEnd();
    await instance.ready();
    setImmediate(() => {
      events.push('turn ended');
      // Scheduled as the write-out begins: it runs in the next turn, so every write before it was in this one.
      setImmediate(() => events.push('next turn ended'));
    });
    const answers = await Promise.all(['1', '2', '3', '4'].map((id) => instance.inject({ method: 'GET', url: `/echo?id=${id}` })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers.map((r) => r.json())).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }]);
    expect(events).toEqual(['turn ended', 'wrote 1', 'wrote 2', 'wrote 3', 'wrote 4', 'next turn ended']);
  });

  it('delivers error answers the same way: held until the turn ends, then written with the rest of the turn', async () => {
    const { app: instance, events } = await appWritingAtTurnEnd();
    await instance.ready();
    setImmediate(() => events.push('turn ended'));
    // A thrown failure (the error handler's 500) and an unknown route (the not-found handler's 404), beside a success.
    const [failed, missing, echoed] = await Promise.all([
      instance.inject({ method: 'GET', url: '/fails?id=failed' }),
      instance.inject({ method: 'GET', url: '/nowhere?id=missing' }),
      instance.inject({ method: 'GET', url: '/echo?id=1' }),
    ]);
    expect([failed.statusCode, failed.json().error]).toEqual([500, 'internal_error']);
    expect([missing.statusCode, missing.json().error]).toEqual([404, 'not_found']);
    expect(echoed.json()).toEqual({ id: '1' });
    expect(events[0]).toBe('turn ended');
    expect(events.slice(1).sort()).toEqual(['wrote 1', 'wrote failed', 'wrote missing']);
  });

  it('answers each of many concurrent clients on a real socket with its own answer', async () => {
    const { app: instance } = await appWritingAtTurnEnd();
    await instance.listen({ port: 0, host: '127.0.0.1' });
    const { port } = instance.server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const get = (id: number) =>
      new Promise<string>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: `/echo?id=${id}`, agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const ids = Array.from({ length: 200 }, (_, i) => i);
      const bodies = await Promise.all(ids.map(get));
      expect(bodies.map((b) => JSON.parse(b) as { id: string })).toEqual(ids.map((id) => ({ id: String(id) })));
    } finally {
      agent.destroy();
    }
  });
});
