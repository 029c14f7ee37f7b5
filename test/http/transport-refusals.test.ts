// What Node's HTTP parser refuses, over a real socket: headers too large (431), bytes that are not HTTP (400), a body
// or headers that never finish arriving (408, after a short configured timeout). Each is answered in the lender's
// error shape with an x-reference-id (the caller's when it could be read), and the connection is closed.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { API, apiClient } from '../helpers/api.js';
import { describeEachStore } from '../helpers/stores.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes (in parts, each written once the previous is flushed) and reads until the server closes. */
function exchange(port: number, ...parts: string[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
  });
}

const LENDER_SHAPE = { url: expect.any(String), message: expect.any(String), error: expect.any(String), reference_id: expect.any(String) };

describeEachStore(
  'transport refusals in the lender shape',
  (fixture) => {
    let app: FastifyInstance;
    let port: number;
    let token: string;
    beforeAll(async () => {
      app = await buildApp(fixture().ctx, { logger: false });
      token = await (await apiClient(fixture().ctx)).token();
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await app.close();
    });
    const lookup = `${API}/customers/lookup?account_number=20035156`;

    it('headers over the limit: 431, with the caller x-reference-id', async () => {
      const res = await exchange(port, `GET ${lookup} HTTP/1.1\r\nhost: x\r\nx-reference-id: big-1\r\nx-padding: ${'p'.repeat(20_000)}\r\n\r\n`);
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-reference-id']).toBe('big-1');
      expect(JSON.parse(res.body)).toEqual({
        ...LENDER_SHAPE,
        url: `${API}/customers/lookup`,
        error: 'request_header_fields_too_large',
        reference_id: 'big-1',
      });
    });

    it('a malformed request: 400, with the caller x-reference-id', async () => {
      const res = await exchange(port, `POST ${lookup} HTTP/1.1\r\nhost: x\r\nx-reference-id: bad-len-1\r\ncontent-length: abc\r\n\r\n`);
      expect(res.status).toBe(400);
      expect(res.headers['x-reference-id']).toBe('bad-len-1');
      expect(JSON.parse(res.body)).toEqual({ ...LENDER_SHAPE, error: 'bad_request', reference_id: 'bad-len-1' });
    });

    it('bytes that are not HTTP at all: 400, with a reference id made for the refusal', async () => {
      const res = await exchange(port, 'HELLO THERE\r\n\r\n');
      expect(res.status).toBe(400);
      const body = JSON.parse(res.body);
      expect(body).toEqual({ ...LENDER_SHAPE, url: '', error: 'bad_request' });
      expect(res.headers['x-reference-id']).toBe(body.reference_id);
    });

    it('a card number in the x-reference-id of a refused request is masked', async () => {
      const res = await exchange(port, `GET ${lookup} HTTP/1.1\r\nhost: x\r\nx-reference-id: 4111111111111111\r\nx-padding: ${'p'.repeat(20_000)}\r\n\r\n`);
      expect(res.headers['x-reference-id']).toBe('411111******1111');
      expect(res.body).not.toContain('4111111111111111');
    });

    it('a body that never arrives: 408 after the timeout, for the request it belonged to', async () => {
      const res = await exchange(
        port,
        `POST ${API}/account/20035156/verify HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\nx-reference-id: slow-body-1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"format":`,
      );
      expect(res.status).toBe(408);
      expect(res.headers['x-reference-id']).toBe('slow-body-1');
      expect(JSON.parse(res.body)).toEqual({ ...LENDER_SHAPE, url: `${API}/account/20035156/verify`, error: 'request_timeout', reference_id: 'slow-body-1' });
    });

    it('headers that never finish: 408 after the timeout', async () => {
      const res = await exchange(port, `GET ${lookup} HTTP/1.1\r\nhost: x\r\nx-reference-id: slow-head-1\r\n`);
      expect(res.status).toBe(408);
      expect(JSON.parse(res.body)).toEqual({ ...LENDER_SHAPE, error: 'request_timeout' });
    });

    it('a well-formed request on the same server is still answered', async () => {
      const res = await exchange(port, `GET ${API}/customers/nowhere HTTP/1.1\r\nhost: x\r\nx-reference-id: fine-1\r\nconnection: close\r\n\r\n`);
      expect([res.status, res.headers['x-reference-id']]).toEqual([404, 'fine-1']);
    });
  },
  { REQUEST_TIMEOUT_MS: '300' },
);
