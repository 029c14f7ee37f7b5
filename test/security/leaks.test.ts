// Secrets never leak: a full flow at LOG_LEVEL=trace (tokens, searches, lookups by card number, every verify format
// with right and wrong answers, SMS and email sent through the outbox, closes, licences, plans), then the captured
// logs, every answer (bodies and headers) and every column of every table are searched for the demo card numbers, the
// demo security answers (as given and folded), every PIN the flow produced (answered, or sealed in the outbox), and the
// client secrets. None may be found.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldAnswer } from '../../src/domain/verification/answer.js';
import { buildApp } from '../../src/http/app.js';
import { startDispatcher } from '../../src/infra/notify/dispatcher.js';
import { KEPT_IN_OUTBOX } from '../../src/domain/verification/messages.js';
import { transportsFor } from '../../src/infra/notify/transports.js';
import { DEMO_CLIENTS, DEMO_CUSTOMERS } from '../../src/store/seed/demo-data.js';
import { DEMO_CATALOGUE_PATH } from '../../src/store/seed/demo.js';
import { dumpDatabase } from '../helpers/database-dump.js';
import { createSeededContext, storeKinds, type StoreFixture } from '../helpers/stores.js';

const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
const API251 = '/flexiti/pos-api/v2.5.1/client-id/flexitidemo';
const TOKEN_URL = '/flexiti/pos-api/v2.5/oauth/token';

/** Every 16-digit number in the demo data's source: the published demo card numbers. */
const DEMO_CARDS = [...new Set(readFileSync(new URL('../../src/store/seed/demo-data.ts', import.meta.url), 'utf8').match(/\b\d{16}\b/g) ?? [])];
const ANSWERS = DEMO_CUSTOMERS.flatMap((c) => c.answers.map((a) => a.answer));
const SECRETS = DEMO_CLIENTS.map((c) => c.secret);
const LICENCE = (JSON.parse(readFileSync(new URL('../fixtures/aamva/lender-example.json', import.meta.url), 'utf8')) as { code: string }).code;

/** A word on its own (not inside a longer word or a base64 string). */
const wordPattern = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
/** A four-digit PIN as a number on its own: not inside a longer number or a hex or base64 string, nor a decimal fraction. */
const pinPattern = (pin: string) => new RegExp(`(?<![0-9A-Za-z.])${pin}(?![0-9A-Za-z]|\\.[0-9])`);
/**
 * For the PIN search: opaque encodings (UUIDs, scrypt hashes, sealed boxes, JWTs, hex and base64 strings) put aside, so
 * a PIN's four digits are not "found" by chance inside one. A PIN in clear is a number a person can read.
 */
const withoutOpaque = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/scrypt\$[^"\s]+/g, '<scrypt>')
    .replace(/(?=[A-Za-z0-9_.-]*[A-Za-z])(?=[A-Za-z0-9_.-]*[0-9])[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9_-]+)*/g, '<opaque>');
const fourDigitTokens = (text: string) => new Set(text.match(/(?<![0-9A-Za-z.])[1-9][0-9]{3}(?![0-9A-Za-z]|\.[0-9])/g) ?? []);
/** Amounts the database keeps in cents, as the wire shows them in dollars (a stored 275000 is an answer's 2750). */
const centsAsDollars = (text: string) =>
  new Set((text.match(/(?<![0-9])[1-9][0-9]{5}(?![0-9])/g) ?? []).filter((cents) => cents.endsWith('00')).map((cents) => cents.slice(0, 4)));

/** Reference ids and till ids made of letters only, so none can be mistaken for a PIN. */
let counter = 0;
const letters = (n: number): string => (n < 26 ? String.fromCharCode(97 + n) : letters(Math.floor(n / 26) - 1) + String.fromCharCode(97 + (n % 26)));
const nextRef = () => `leak-${letters(counter++)}`;

interface Answer {
  what: string;
  status: number;
  headers: string;
  body: string;
}

for (const kind of storeKinds()) {
  describe(`secrets never leak [${kind}]`, () => {
    let fixture: StoreFixture;
    let app: FastifyInstance;
    const logs: string[] = [];
    const answers: Answer[] = [];
    /** PINs the flow produced: answered by verify, or sent through the outbox. */
    const answeredPins = new Set<string>();
    const sentPins = new Set<string>();
    /** Four-digit numbers the data itself holds (years, street numbers, the last four of phones): no PIN can be told from them. */
    const ambient = new Set<string>();
    let databaseDump = '';

    const tokens: Record<string, string> = {};
    const send = async (
      what: string,
      method: 'GET' | 'POST',
      url: string,
      options: { body?: unknown; token?: string; form?: Record<string, string>; headers?: Record<string, string>; ref?: string } = {},
    ) => {
      const headers: Record<string, string> = { 'x-reference-id': options.ref ?? nextRef(), ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let payload: string | undefined;
      if (options.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams(options.form).toString();
      } else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(options.body);
      }
      const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
      // Every header but those that only measure the answer or the clock.
      const { 'content-length': _length, date: _date, ...said } = res.headers;
      answers.push({ what, status: res.statusCode, headers: JSON.stringify(said), body: res.body });
      return res;
    };
    const verify = async (account: number, body: Record<string, unknown>, ref?: string) => {
      const res = await send(`verify ${account} ${String(body.format)}`, 'POST', `${API}/account/${account}/verify`, {
        token: tokens.merchant,
        body: { request_id: 'till-abc', ...body },
        ref,
      });
      const code = (res.json() as { verification_code?: unknown }).verification_code;
      if (typeof code === 'number') answeredPins.add(String(code));
      return res;
    };

    beforeAll(async () => {
      fixture = await createSeededContext(kind, { LOG_LEVEL: 'trace', VERIFY_RATE_PER_CLIENT: '100000', VERIFY_RATE_PER_ACCOUNT: '100000' });
      const { ctx } = fixture;
      // What the data holds before any PIN exists.
      const dump = await dumpDatabase(ctx.db, kind);
      for (const token of [...fourDigitTokens(dump), ...centsAsDollars(dump)]) ambient.add(token);
      for (const token of fourDigitTokens(JSON.stringify(DEMO_CUSTOMERS) + readFileSync(DEMO_CATALOGUE_PATH, 'utf8') + LICENCE)) ambient.add(token);
      for (const c of DEMO_CUSTOMERS) if (c.phone) ambient.add(c.phone.slice(-4));
      ambient.add(String(process.pid));
      // The service's own settings show up in answers (a token's expires_in of 3600, a port): a PIN equal to one of
      // them cannot be told apart either.
      for (const token of fourDigitTokens(JSON.stringify({ ...ctx.config, keys: undefined }))) ambient.add(token);

      const logStream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logs.push(chunk.toString('utf8'));
          done();
        },
      });
      app = await buildApp(ctx, { logStream });
      const dispatcher = startDispatcher(
        ctx,
        transportsFor(ctx.config, (fields) => app.log.info(fields, KEPT_IN_OUTBOX)),
        { pollMs: 3_600_000, leaseMs: 5000 },
      );

      // Tokens: form, JSON, HTTP Basic, a refresh, a wrong secret, another client.
      const form = await send('token form', 'POST', TOKEN_URL, {
        form: { grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: 'demo-secret' },
      });
      tokens.merchant = form.json().access_token as string;
      tokens.customer = (
        await send('token json', 'POST', TOKEN_URL, {
          body: { grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: 'demo-secret', scope: 'customer' },
        })
      ).json().access_token as string;
      await send('token basic', 'POST', TOKEN_URL, {
        form: { grant_type: 'client_credentials' },
        headers: { authorization: `Basic ${Buffer.from('acmedemo:acme-secret').toString('base64')}` },
      });
      await send('token refresh', 'POST', TOKEN_URL, {
        form: { grant_type: 'refresh_token', refresh_token: form.json().refresh_token as string, client_id: 'flexitidemo', client_secret: 'demo-secret' },
      });
      await send('token wrong secret', 'POST', TOKEN_URL, {
        form: { grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: 'acme-secret' },
      });
      await send('token secret in the wrong field', 'POST', TOKEN_URL, { body: { grant_type: 'demo-secret', client_id: 'acme-secret', client_secret: 42 } });

      // Searches and lookups, by every card number (in the query, and where it does not belong).
      for (const [first, last, dob] of [
        ['John', 'Smith', '1900-01-01'],
        ['marie eve', 'GAGNE', '1990-07-21'],
        ['Siobhán', "O'Neil", '1982-02-28'],
      ]) {
        await send(
          'search',
          'GET',
          `${API}/customers/search?first_name=${encodeURIComponent(first as string)}&last_name=${encodeURIComponent(last as string)}&dob=${dob}`,
          { token: tokens.merchant },
        );
      }
      for (const card of DEMO_CARDS) {
        await send('lookup by card', 'GET', `${API}/customers/lookup?vcc_number=${card}&lang=fr`, { token: tokens.merchant });
        await send('lookup by card as account', 'GET', `${API}/customers/lookup?account_number=${card}`, { token: tokens.merchant });
        await send('lookup by card in the path', 'GET', `/flexiti/pos-api/v2.5/client-id/${card}/customers/lookup?vcc_number=${card}`, {
          token: tokens.merchant,
        });
      }
      await send('lookup by a card failing Luhn', 'GET', `${API}/customers/lookup?vcc_number=5299310002006396`, { token: tokens.merchant });
      await send('lookup by customer', 'GET', `${API}/customers/lookup?customer_id=1291820-11`, { token: tokens.merchant });

      // Every verify format, right and wrong answers (as given, folded, and another customer's), cards in the body.
      const byAccount = DEMO_CUSTOMERS.flatMap((c) => c.accounts.map((a) => ({ account: a, customer: c })));
      for (const { account, customer } of byAccount) {
        for (const { question_id, answer } of customer.answers) {
          await verify(account.account_number, { format: 'security_question', security_qid: question_id, security_answer: `  ${answer.toUpperCase()} ` });
          await verify(account.account_number, { format: 'security_question', security_qid: question_id, security_answer: foldAnswer(answer) });
          await verify(account.account_number, {
            format: 'security_question',
            security_qid: question_id,
            security_answer: ANSWERS.find((a) => a !== answer) as string,
          });
          await verify(account.account_number, { format: 'security_question', security_qid: 99, security_answer: answer });
        }
        for (const format of ['sms', 'email', 'regular_purchase_bypass', 'merchant_override']) {
          await verify(account.account_number, { format, ...(account.card_number ? { vcc_number: account.card_number } : {}) });
        }
        await verify(account.account_number, { format: 'merchant_override', vcc_number: DEMO_CARDS.find((c) => c !== account.card_number) as string });
      }
      // A replayed verify answers its PIN again (from the sealed idempotency record).
      const ref = nextRef();
      await verify(20035156, { format: 'merchant_override' }, ref);
      await verify(20035156, { format: 'merchant_override' }, ref);

      // The outbox: sealed messages, held by the dispatcher with no transport configured (it writes to the captured log).
      await dispatcher.runOnce();
      await dispatcher.stop();
      for (const row of await ctx.db.selectFrom('outbox').select('payload').execute()) {
        const message = JSON.parse(ctx.seal.open(row.payload)) as { body: string };
        for (const pin of message.body.match(/\b\d{4}\b/g) ?? []) sentPins.add(pin);
      }

      // Closes, licences, plans.
      await send('close', 'POST', `${API}/accounts/116994859/close`, { token: tokens.customer });
      await send('close refused', 'POST', `${API}/accounts/300000001/close`, { token: tokens.merchant });
      await send('licence', 'POST', `${API}/customers/driverslicense`, { token: tokens.merchant, body: { code: LICENCE } });
      await send('licence with a card inside', 'POST', `${API}/customers/driverslicense`, {
        token: tokens.merchant,
        body: { code: `${LICENCE.slice(0, 40)}${DEMO_CARDS[0]}` },
      });
      await send('plans', 'POST', `${API251}/accounts/116994755/calculate-interest`, { token: tokens.merchant, body: { amount: 10.5 } });
      await send('plans with a card as amount', 'POST', `${API251}/accounts/116994755/calculate-interest`, {
        token: tokens.merchant,
        body: { amount: Number(DEMO_CARDS[0]) },
      });

      await app.close();
      databaseDump = await dumpDatabase(ctx.db, kind);
    }, 120_000);

    afterAll(async () => {
      await fixture?.ctx.close();
      await fixture?.store.drop();
    });

    it('ran the whole flow: every format answered, PINs issued and sent, logs captured at trace level', () => {
      const ok = (what: string) => answers.filter((a) => a.what.includes(what) && a.status === 200).length;
      expect(ok('token')).toBeGreaterThanOrEqual(4);
      expect(answers.filter((a) => a.what === 'lookup by card' && a.status === 200)).toHaveLength(DEMO_CARDS.length);
      for (const format of ['security_question', 'sms', 'email', 'regular_purchase_bypass', 'merchant_override'])
        expect([format, ok(format)]).not.toEqual([format, 0]);
      expect(answers.some((a) => a.what.includes('security_question') && a.body.includes('secret_answer_mismatch'))).toBe(true);
      expect(answeredPins.size).toBeGreaterThan(10);
      expect(sentPins.size).toBeGreaterThan(5);
      expect(fixture.ctx.config.logLevel).toBe('trace');
      expect(logs.filter((l) => l.includes('"reference_id":"leak-')).length).toBeGreaterThan(answers.length);
      expect(DEMO_CARDS.length).toBeGreaterThanOrEqual(8);
    });

    it('finds what it looks for (the search itself works): each answered PIN in its own answer', () => {
      const all = answers.map((a) => a.body).join('\n');
      for (const pin of answeredPins) expect([pin, pinPattern(pin).test(withoutOpaque(all))]).toEqual([pin, true]);
      expect(wordPattern('Jamie').test('{"security_answer":"Jamie"}')).toBe(true);
      expect(pinPattern('4321').test(withoutOpaque('{"verification_code":4321}'))).toBe(true);
      expect(pinPattern('4321').test(withoutOpaque('Your code is 4321. It expires'))).toBe(true);
    });

    const haystacks = () => ({
      logs: logs.join(''),
      // The verify answers that carry a PIN are where it belongs; every other answer is searched.
      answers: answers
        .filter((a) => !/^\{"verification_code":\d{4}\}$/.test(a.body))
        .map((a) => `${a.what} ${a.status} ${a.headers} ${a.body}`)
        .join('\n'),
      database: databaseDump,
    });

    /** Where the needle is: each haystack's name with the line it is on. */
    const found = (pattern: RegExp | string, prepare: (text: string) => string = (t) => t) =>
      Object.entries(haystacks()).flatMap(([where, text]) =>
        prepare(text)
          .split('\n')
          .filter((line) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line)))
          .map((line) => `${where}: ${line.slice(0, 300)}`),
      );

    it('no demo card number, anywhere', () => {
      for (const card of DEMO_CARDS) expect([card.slice(-4), found(card)]).toEqual([card.slice(-4), []]);
    });

    it('no security answer, as given or folded, anywhere', () => {
      for (const answer of ANSWERS) {
        for (const form of new Set([answer, foldAnswer(answer), answer.toUpperCase()])) expect([form, found(wordPattern(form))]).toEqual([form, []]);
      }
    });

    it('no client secret, anywhere', () => {
      for (const secret of SECRETS) expect([secret, found(secret)]).toEqual([secret, []]);
    });

    it('no PIN in clear: not in the logs, the database, nor any other answer', () => {
      const pins = [...new Set([...answeredPins, ...sentPins])];
      const checked = pins.filter((pin) => !ambient.has(pin));
      for (const pin of checked) expect([pin, found(pinPattern(pin), withoutOpaque)]).toEqual([pin, []]);
      // The data's own four-digit numbers (a year, a street number) cannot be told from a PIN; they are few.
      expect(checked.length).toBeGreaterThanOrEqual(Math.floor(pins.length * 0.8));
      console.log(
        `leaks [${kind}]: ${answers.length} answers, ${logs.length} log lines, ${databaseDump.length} characters of database searched; ${checked.length} of ${pins.length} PINs checked (${answeredPins.size} answered, ${sentPins.size} sent)`,
      );
    });
  });
}
