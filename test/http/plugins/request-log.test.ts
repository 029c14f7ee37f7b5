// The request log line: one per request at info, written when the answer is sent, with the route's pattern (never the
// URL: no account number, no query string), method, status, duration, client and reference id, and nothing else.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { RECEIVED_LINE, REQUEST_LINE } from '../../../src/http/plugins/app/request-log.js';
import { API, nextReferenceId, TOKEN_URL } from '../../helpers/api.js';
import { createSeededContext, type StoreFixture } from '../../helpers/stores.js';

/** What pino writes on every line, whatever was logged. */
const PINO_KEYS = ['level', 'time', 'pid', 'hostname', 'msg'];
const ROUTE_KEYS = ['route', 'method', 'status', 'duration_ms', 'reference_id'];
const PATTERN = '/flexiti/pos-api/v2.5/client-id/:client_id';
const VERIFY_ACCOUNT = '116992907';
const LOOKUP_ACCOUNT = '20035156';
const CARD = '5299310002006395';

let fixture: StoreFixture | undefined;
afterEach(async () => {
  await fixture?.ctx.close();
  await fixture?.store.drop();
  fixture = undefined;
});

/** A fresh SQLite service at `level`, its log lines kept as written. */
async function service(level: string) {
  fixture = await createSeededContext('sqlite', { LOG_LEVEL: level });
  const text: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (text.push(String(chunk)), done()) });
  const app = await buildApp(fixture.ctx, { logStream: sink });
  const lines = () =>
    text
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, lines, text: () => text.join('') };
}

/** A token call (its secret in the form body), a lookup, a refused verify, a 404 with a secret in its query, a probe. */
async function someCalls(app: Awaited<ReturnType<typeof service>>['app']) {
  const refs = { token: nextReferenceId(), lookup: nextReferenceId(), verify: nextReferenceId(), missing: nextReferenceId(), card: `till-${CARD}` };
  const tokenAnswer = await app.inject({
    method: 'POST',
    url: TOKEN_URL,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': refs.token },
    payload: 'grant_type=client_credentials&client_id=flexitidemo&client_secret=demo-secret&scope=merchant',
  });
  const token = (tokenAnswer.json() as { access_token: string }).access_token;
  const headers = (ref: string) => ({ authorization: `Bearer ${token}`, 'x-reference-id': ref });
  const answers = {
    token: tokenAnswer,
    lookup: await app.inject({ method: 'GET', url: `${API}/customers/lookup?account_number=${LOOKUP_ACCOUNT}`, headers: headers(refs.lookup) }),
    verify: await app.inject({
      method: 'POST',
      url: `${API}/account/${VERIFY_ACCOUNT}/verify`,
      headers: headers(refs.verify),
      payload: { format: 'security_question', security_qid: 6, security_answer: 'Wrongmovie', request_id: '1' },
    }),
    missing: await app.inject({ method: 'GET', url: `${API}/customers/nowhere?client_secret=demo-secret`, headers: headers(refs.missing) }),
    card: await app.inject({ method: 'GET', url: `${API}/customers/lookup?account_number=${LOOKUP_ACCOUNT}`, headers: headers(refs.card) }),
    probe: await app.inject({ method: 'GET', url: '/health/live' }),
  };
  return { refs, answers, token };
}

describe('the request log line', () => {
  it('at info: one line per request, with exactly the route pattern, method, status, duration, client and reference id', async () => {
    const { app, lines } = await service('info');
    const { refs, answers } = await someCalls(app);
    await app.close();
    const requestLines = lines().filter((l) => l.msg === REQUEST_LINE);
    expect(requestLines).toHaveLength(Object.keys(answers).length);
    const lineOf = (ref: string) => {
      const mine = requestLines.filter((l) => l.reference_id === ref);
      expect(mine, ref).toHaveLength(1);
      return mine[0] as Record<string, unknown>;
    };
    const shownCardRef = answers.card.headers['x-reference-id'];
    expect(shownCardRef).not.toContain(CARD);
    expect([lineOf(refs.token), lineOf(refs.lookup), lineOf(refs.verify), lineOf(refs.missing), lineOf(String(shownCardRef))]).toMatchObject([
      { route: '/flexiti/pos-api/v2.5/oauth/token', method: 'POST', status: 200, level: 30 },
      { route: `${PATTERN}/customers/lookup`, method: 'GET', status: 200, client_id: 'flexitidemo' },
      { route: `${PATTERN}/account/:account_number/verify`, method: 'POST', status: answers.verify.statusCode, client_id: 'flexitidemo' },
      { route: 'unmatched', method: 'GET', status: 404 },
      { route: `${PATTERN}/customers/lookup`, method: 'GET', status: 200, client_id: 'flexitidemo' },
    ]);
    expect(answers.verify.statusCode).toBeGreaterThanOrEqual(400);
    // Without a token the client is unknown, so not written; every other field is on every line, and nothing else.
    for (const line of requestLines) {
      const fields = line.client_id === undefined ? ROUTE_KEYS : [...ROUTE_KEYS.slice(0, 4), 'client_id', 'reference_id'];
      expect(Object.keys(line)).toEqual([...PINO_KEYS.slice(0, 4), ...fields, 'msg']);
      expect(line.duration_ms).toBeTypeOf('number');
      expect(line.duration_ms).toBeGreaterThanOrEqual(0);
    }
    // The probe sent no reference id: the line carries the one the service made for it.
    expect(requestLines.find((l) => l.route === '/health/live')).toMatchObject({ method: 'GET', status: 200, reference_id: expect.stringMatching(/^req-/) });
  });

  it('writes no secret, no card number and no account number from a path or a query', async () => {
    const { app, text } = await service('info');
    const { token } = await someCalls(app);
    await app.close();
    const log = text();
    for (const secret of [token, 'demo-secret', 'Wrongmovie', CARD, VERIFY_ACCOUNT, LOOKUP_ACCOUNT]) expect(log).not.toContain(secret);
    expect(log).toContain(REQUEST_LINE);
  });

  it('at warn: no line for a request that succeeds', async () => {
    const { app, lines } = await service('warn');
    await someCalls(app);
    await app.close();
    expect(lines().filter((l) => l.msg === REQUEST_LINE || l.msg === RECEIVED_LINE)).toEqual([]);
  });

  it('at debug: a received line too, before anything else the request logs', async () => {
    const { app, lines } = await service('debug');
    const { refs } = await someCalls(app);
    await app.close();
    const mine = lines().filter((l) => l.reference_id === refs.verify);
    expect(mine.map((l) => l.msg)).toEqual([RECEIVED_LINE, 'request refused', REQUEST_LINE]);
    expect(mine[0]).toMatchObject({ level: 20, route: `${PATTERN}/account/:account_number/verify`, method: 'POST' });
  });
});
