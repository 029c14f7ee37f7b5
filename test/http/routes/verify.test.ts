// POST /account/{account_number}/verify: every format's PIN, every refusal in the lender's shape, lockout, idempotency, audit, rate limits.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pathOf } from '../../../src/http/render-error.js';
import { tokenForClient } from '../../../src/use-cases/tokens.js';
import { auditTrailOf } from '../../../src/store/audit.js';
import { livePinsOf } from '../../../src/store/verifications.js';
import { memoryWindowCounters } from '../../../src/infra/window-counters.js';
import { createContext } from '../../../src/runtime/context.js';
import { apiClient, nextReferenceId, type ApiClient } from '../../helpers/api.js';
import { pinMatches } from '../../helpers/purchases.js';
import { describeEachStore, testConfig, type StoreFixture } from '../../helpers/stores.js';
import { HELD_BECAUSE } from '../../../src/infra/notify/transports.js';

/** Demo accounts (src/store/seed/demo-data.ts), named after what each one exercises. */
const ACCOUNT = {
  /** John Smith, fr-CA, email and phone, risk H; question 1 "Tremblay". */
  frenchRiskH: 123456789,
  /** Frozen (F/FLCK). */
  frozen: 234567890,
  /** Alan Martinet, en-CA, email and phone, risk L; question 4 "Jamie". */
  englishRiskL: 20035156,
  /** Business account, risk L; question 6 "Tool". */
  business: 116992907,
  /** Risk H; question 5 "Honda". */
  ontarioTester: 116994755,
  /** Risk H; question 5 "Toyota". */
  quebecTester: 116994859,
  /** Marie-Ève Gagné, fr-CA, risk L; question 2 "Trois-Rivières". */
  accented: 300000001,
  /** Jean-Luc St-Pierre: no phone and no email on file, risk M; question 2 "Chicoutimi". */
  noContact: 300000002,
  /** Siobhán O'Neil's two open accounts; questions 7 "Spring Garden Road" and 9 "Anne of Green Gables". */
  twoQuestions: 300000003,
  twoQuestionsOther: 300000004,
  /** Closed (C/CCUS). */
  closed: 300000005,
  unknown: 999999999,
} as const;

const CARD = {
  ofEnglishRiskL: '5299310002006395',
  ofFrenchRiskH: '5299310003005941',
  unknown: '5299310009999998',
  badChecksum: '5299310002006396',
};

/** The till's transaction id, 20 digits like the lender's example. */
const REQUEST_ID = '20240515123456789012';
const PIN_TTL_SECONDS = 300;

const format = {
  sms: { format: 'sms' },
  email: { format: 'email' },
  bypass: { format: 'regular_purchase_bypass' },
  override: { format: 'merchant_override' },
  question: (security_qid: number, security_answer: string) => ({ format: 'security_question', security_qid, security_answer }),
};

const ERROR_BODY_FIELDS = ['error', 'field_errors', 'message', 'reference_id', 'url'];

/** The lender's error body: status, code, and nothing but {url, message, error, reference_id, field_errors?}. */
function expectRefusal(res: LightMyRequestResponse, status: number, error: string) {
  const body = res.json();
  expect({ status: res.statusCode, error: body.error }).toEqual({ status, error });
  expect(ERROR_BODY_FIELDS).toEqual(expect.arrayContaining(Object.keys(body)));
  expect(body).toMatchObject({ url: pathOf(res.raw.req.url ?? ''), message: expect.any(String), reference_id: res.headers['x-reference-id'] });
  return body as { message: string; field_errors?: { param: string; msg: string; value?: unknown }[] };
}

const verifyUrl = (account: number | string, client = 'flexitidemo') => `/flexiti/pos-api/v2.5/client-id/${client}/account/${account}/verify`;

/** Helpers bound to one store's fixture and API client. */
function verifier(fixture: () => StoreFixture, api: () => ApiClient) {
  const ctx = () => fixture().ctx;
  const verify = (account: number | string, body: object, options: { client?: string; token?: string; referenceId?: string } = {}) =>
    api().call('POST', verifyUrl(account, options.client), {
      body: { request_id: REQUEST_ID, ...body },
      token: options.token,
      referenceId: options.referenceId,
    });
  /** The account has one live PIN of the purpose, and it is the hash of `pin`. */
  const expectLivePin = async (account: number, pin: number | string, purpose = 'purchase') => {
    const pins = (await livePinsOf(ctx().db, account, ctx().now())).filter((p) => p.purpose === purpose);
    expect(pins).toHaveLength(1);
    expect(pinMatches(ctx(), String(pin), pins[0]!)).toBe(true);
    return pins[0]!;
  };
  const outboxSize = async () =>
    Number(
      (
        await ctx()
          .db.selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newestMessage = async () => {
    const row = await ctx().db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return { row, message: JSON.parse(ctx().seal.open(row.payload)) as { to: string; subject?: string; body: string } };
  };
  const failuresOf = async (account: number) =>
    Number(
      (
        await ctx()
          .db.selectFrom('answer_failures')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_number', '=', account)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const verifyAudit = async (account: number) => (await auditTrailOf(ctx().db, account)).filter((e) => e.action === 'customer.verify');
  return { ctx, verify, expectLivePin, outboxSize, newestMessage, failuresOf, verifyAudit };
}

const pinOf = (text: string) => Number(/\b(\d{4})\b/.exec(text)?.[1]);

/** Columns that hold no PIN by construction: row ids, hashes (checked against the PIN elsewhere), sealed payloads, the caller's ids. */
const OPAQUE_COLUMNS = new Set(['id', 'pin_hash', 'request_hash', 'payload', 'reference_id']);

/** Every number readable in the rows: number columns, and digit runs in text (JSON bodies parsed, the caller's reference_id left out). */
function numbersInClear(rows: object[]): Set<number> {
  const found = new Set<number>();
  const visit = (key: string, value: unknown): void => {
    if (OPAQUE_COLUMNS.has(key) || value === null || value === undefined) return;
    if (typeof value === 'number') found.add(value);
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(k, v);
    else if (typeof value === 'string' && /^[[{]/.test(value)) visit(key, JSON.parse(value));
    else for (const run of String(value).match(/\d+/g) ?? []) found.add(Number(run));
  };
  for (const row of rows) visit('row', row);
  return found;
}

describeEachStore(
  'POST /account/{account_number}/verify',
  (fixture) => {
    let api: ApiClient;
    beforeAll(async () => {
      api = await apiClient(fixture().ctx);
    });
    const { ctx, verify, expectLivePin, outboxSize, newestMessage, failuresOf, verifyAudit } = verifier(fixture, () => api);

    // Tests that move the clock put it back.
    let realNow: () => number;
    beforeEach(() => {
      realNow = fixture().ctx.now;
    });
    afterEach(() => {
      fixture().ctx.now = realNow;
    });
    /** Moves the service clock to `time` and gives a token issued then (a token from another time may have expired). */
    const moveClockTo = async (time: number) => {
      fixture().ctx.now = () => time;
      return (await tokenForClient(fixture().ctx, 'flexitidemo', 'merchant')).access_token;
    };

    describe('formats that answer the PIN', () => {
      it.each([
        ['security_question with the right answer', ACCOUNT.englishRiskL, format.question(4, 'Jamie'), 'purchase'],
        ['regular_purchase_bypass for an open account rated L, marked regular-purchase only', ACCOUNT.englishRiskL, format.bypass, 'regular_purchase'],
        ['merchant_override for a client allowed to override', ACCOUNT.frenchRiskH, format.override, 'purchase'],
      ])('%s: a 4-digit integer PIN, stored only as its hash', async (_name, account, body, purpose) => {
        const res = await verify(account, body);
        expect(res.statusCode).toBe(200);
        const { verification_code: pin } = res.json();
        expect(Number.isInteger(pin)).toBe(true);
        expect(pin).toBeGreaterThanOrEqual(1000);
        expect(pin).toBeLessThanOrEqual(9999);
        const row = await expectLivePin(account, pin, purpose);
        expect(row).toMatchObject({ format: body.format, purpose, client_id: 'flexitidemo', request_id: REQUEST_ID, used_at: null, revoked_at: null });
        expect(row.pin_hash).not.toContain(String(pin));
      });

      it('sets the expiry to now + PIN_TTL_SECONDS', async () => {
        const now = ctx().now();
        const { verification_code: pin } = (await verify(ACCOUNT.business, format.override)).json();
        const row = await expectLivePin(ACCOUNT.business, pin);
        expect(row.created_at).toBe(now);
        expect(row.expires_at).toBe(now + PIN_TTL_SECONDS * 1000);
      });

      it('gives a PIN that stops being live once it expires', async () => {
        const { verification_code: pin } = (await verify(ACCOUNT.business, format.override)).json();
        const row = await expectLivePin(ACCOUNT.business, pin);
        expect(await livePinsOf(ctx().db, ACCOUNT.business, row.expires_at)).toEqual([]);
      });
    });

    describe('formats that send the PIN (sms, email)', () => {
      it.each([
        {
          name: 'sms to a French-speaking customer',
          account: ACCOUNT.frenchRiskH,
          body: format.sms,
          code: 'verification_sent_to_sms',
          to: '+15145550111',
          text: /^Votre code de vérification pour votre achat chez ACME Jewellers est \d{4}\. Il expire dans 5 minutes\./,
        },
        {
          name: 'sms to an English-speaking customer',
          account: ACCOUNT.englishRiskL,
          body: format.sms,
          code: 'verification_sent_to_sms',
          to: '+14165552222',
          text: /^Your verification code for your purchase at ACME Jewellers is \d{4}\. It expires in 5 minutes\./,
        },
        {
          name: 'email to a French-speaking customer',
          account: ACCOUNT.frenchRiskH,
          body: format.email,
          code: 'verification_sent_to_email',
          to: 'john.smith@example.com',
          subject: 'Votre code de vérification',
          text: /^Votre code de vérification .* est \d{4}\./,
        },
        {
          name: 'email to an English-speaking customer',
          account: ACCOUNT.englishRiskL,
          body: format.email,
          code: 'verification_sent_to_email',
          to: 'alaninet@flexiti.com',
          subject: 'Your verification code',
          text: /^Your verification code .* is \d{4}\./,
        },
      ])('$name: answers $code and writes one sealed outbox message in the customer’s language', async ({ account, body, code, to, subject, text }) => {
        const before = await outboxSize();
        const res = await verify(account, body);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ verification_code: code });
        expect(await outboxSize()).toBe(before + 1);
        const { row, message } = await newestMessage();
        // The test service has no SMS gateway and no SMTP server: the message is written held, saying which it lacks.
        expect(row).toMatchObject({ channel: body.format, status: 'held', attempts: 0, last_error: HELD_BECAUSE[body.format as 'sms' | 'email'] });
        expect(message).toEqual(subject ? { to, subject, body: expect.stringMatching(text) } : { to, body: expect.stringMatching(text) });
        expect(row.payload).not.toContain(to);
        await expectLivePin(account, pinOf(message.body));
      });
    });

    describe('PIN storage and replacement', () => {
      it('keeps no PIN in clear in any table verify writes', async () => {
        const pins: number[] = [];
        for (const [account, body] of [
          [ACCOUNT.twoQuestions, format.question(7, 'Spring Garden Road')],
          [ACCOUNT.twoQuestions, format.bypass],
          [ACCOUNT.twoQuestionsOther, format.override],
        ] as const) {
          pins.push((await verify(account, body)).json().verification_code);
        }
        for (const body of [format.sms, format.email]) {
          await verify(ACCOUNT.accented, body);
          pins.push(pinOf((await newestMessage()).message.body));
        }
        const db = ctx().db;
        const outbox = await db.selectFrom('outbox').select('payload').execute();
        expect(outbox.every((m) => m.payload.startsWith('v1.'))).toBe(true);
        const written = [
          ...(await db.selectFrom('verifications').selectAll().execute()),
          ...(await db.selectFrom('outbox').selectAll().execute()),
          ...(await db.selectFrom('audit_events').selectAll().execute()),
          ...(await db.selectFrom('idempotency_records').selectAll().execute()),
        ];
        const inClear = numbersInClear(written);
        for (const pin of pins) expect(inClear.has(pin), `PIN ${pin} is in clear`).toBe(false);
      });

      it('a new PIN replaces the live PIN of the same purpose', async () => {
        const first = (await verify(ACCOUNT.quebecTester, format.override)).json().verification_code;
        const second = (await verify(ACCOUNT.quebecTester, format.override)).json().verification_code;
        const live = await expectLivePin(ACCOUNT.quebecTester, second);
        const others = await ctx()
          .db.selectFrom('verifications')
          .selectAll()
          .where('account_number', '=', ACCOUNT.quebecTester)
          .where('id', '<>', live.id)
          .execute();
        expect(others.every((r) => r.revoked_at === live.created_at)).toBe(true);
        const firstRows = others.map((r) => pinMatches(ctx(), String(first), r) && r);
        expect(firstRows.filter(Boolean)).not.toEqual([]);
      });

      it('a PIN sent by sms replaces a purchase PIN given by override', async () => {
        await verify(ACCOUNT.englishRiskL, format.override);
        await verify(ACCOUNT.englishRiskL, format.sms);
        await expectLivePin(ACCOUNT.englishRiskL, pinOf((await newestMessage()).message.body));
      });

      it('a bypass PIN is regular-purchase only and leaves the purchase PIN live', async () => {
        const purchase = (await verify(ACCOUNT.business, format.override)).json().verification_code;
        const regular = (await verify(ACCOUNT.business, format.bypass)).json().verification_code;
        await expectLivePin(ACCOUNT.business, purchase, 'purchase');
        await expectLivePin(ACCOUNT.business, regular, 'regular_purchase');
      });
    });

    describe('security answers', () => {
      it.each([
        ['case and surrounding spaces', '  tOOl ', ACCOUNT.business, 6],
        ['all capitals', 'TOOL', ACCOUNT.business, 6],
        ['missing accents', 'trois-rivieres', ACCOUNT.accented, 2],
        ['capital accented letters', 'TROIS-RIVIÈRES', ACCOUNT.accented, 2],
        ['runs of inner spaces', 'anne  of green   GABLES', ACCOUNT.twoQuestions, 9],
      ])('folds %s: %j is right', async (_name, answer, account, qid) => {
        const res = await verify(account, format.question(qid, answer));
        expect(res.statusCode).toBe(200);
        await expectLivePin(account, res.json().verification_code);
      });

      it('refuses a wrong answer with 409 secret_answer_mismatch, without echoing it', async () => {
        const res = await verify(ACCOUNT.twoQuestions, format.question(7, 'Quinpool Road'));
        expectRefusal(res, 409, 'secret_answer_mismatch');
        expect(res.body).not.toContain('Quinpool');
      });
    });

    describe('lockout after wrong answers', () => {
      const WRONG = 'Not the answer';
      beforeEach(async () => {
        await ctx().db.deleteFrom('answer_failures').execute();
      });
      const answer = (account: number, text: string, token?: string) => verify(account, format.question(5, text), { token });

      it('three wrong answers lock the question: the fourth attempt is tries_exceed, even when right', async () => {
        const audited = (await verifyAudit(ACCOUNT.ontarioTester)).length;
        for (let i = 0; i < 3; i++) expectRefusal(await answer(ACCOUNT.ontarioTester, WRONG), 409, 'secret_answer_mismatch');
        expectRefusal(await answer(ACCOUNT.ontarioTester, 'Honda'), 409, 'tries_exceed');
        expectRefusal(await answer(ACCOUNT.ontarioTester, WRONG), 409, 'tries_exceed');
        expect(await failuresOf(ACCOUNT.ontarioTester)).toBe(3);
        expect((await verifyAudit(ACCOUNT.ontarioTester)).slice(audited).map((e) => e.outcome)).toEqual([
          'secret_answer_mismatch',
          'secret_answer_mismatch',
          'secret_answer_mismatch',
          'tries_exceed',
          'tries_exceed',
        ]);
      });

      it('a right answer before the third wrong one starts the count again', async () => {
        for (let i = 0; i < 2; i++) expectRefusal(await answer(ACCOUNT.quebecTester, WRONG), 409, 'secret_answer_mismatch');
        expect((await answer(ACCOUNT.quebecTester, 'Toyota')).statusCode).toBe(200);
        expect(await failuresOf(ACCOUNT.quebecTester)).toBe(0);
        for (let i = 0; i < 3; i++) expectRefusal(await answer(ACCOUNT.quebecTester, WRONG), 409, 'secret_answer_mismatch');
        expectRefusal(await answer(ACCOUNT.quebecTester, 'Toyota'), 409, 'tries_exceed');
      });

      it('the window rolls: a wrong answer older than the window no longer counts', async () => {
        const t0 = realNow();
        const hour = 3600_000;
        const window = ctx().config.lockout.windowMs;
        expect(window).toBe(48 * hour);
        for (const at of [t0, t0 + hour, t0 + 2 * hour])
          expectRefusal(await answer(ACCOUNT.ontarioTester, WRONG, await moveClockTo(at)), 409, 'secret_answer_mismatch');
        expectRefusal(await answer(ACCOUNT.ontarioTester, 'Honda', await moveClockTo(t0 + window - 1)), 409, 'tries_exceed');
        // At t0 + window the first wrong answer has left the window: two remain, so one more wrong answer is counted, not refused.
        expectRefusal(await answer(ACCOUNT.ontarioTester, WRONG, await moveClockTo(t0 + window)), 409, 'secret_answer_mismatch');
        expectRefusal(await answer(ACCOUNT.ontarioTester, 'Honda', await moveClockTo(t0 + window + 1)), 409, 'tries_exceed');
        // Once the second and third have left too, the right answer gives a PIN.
        expect((await answer(ACCOUNT.ontarioTester, 'Honda', await moveClockTo(t0 + 2 * hour + window))).statusCode).toBe(200);
      });

      it('counts concurrent wrong answers one by one: three mismatches, then tries_exceed', async () => {
        const results = await Promise.all(Array.from({ length: 6 }, () => answer(ACCOUNT.ontarioTester, WRONG)));
        expect(results.map((r) => r.json().error).sort()).toEqual([...Array(3).fill('secret_answer_mismatch'), ...Array(3).fill('tries_exceed')]);
        expect(await failuresOf(ACCOUNT.ontarioTester)).toBe(3);
      });

      it('locks the security question only: other formats still give a PIN', async () => {
        for (let i = 0; i < 3; i++) await answer(ACCOUNT.quebecTester, WRONG);
        expectRefusal(await answer(ACCOUNT.quebecTester, 'Toyota'), 409, 'tries_exceed');
        expect((await verify(ACCOUNT.quebecTester, format.override)).statusCode).toBe(200);
      });
    });

    describe('refusals', () => {
      it.each([
        { name: 'an unknown account', account: ACCOUNT.unknown, body: format.override, status: 404, code: 'not_found' },
        {
          name: 'a vcc_number that matches no card',
          account: ACCOUNT.englishRiskL,
          body: { ...format.override, vcc_number: CARD.unknown },
          status: 404,
          code: 'not_found',
        },
        {
          name: "another account's card",
          account: ACCOUNT.englishRiskL,
          body: { ...format.override, vcc_number: CARD.ofFrenchRiskH },
          status: 409,
          code: 'vcc_account_mismatch',
        },
        { name: 'a frozen account', account: ACCOUNT.frozen, body: format.override, status: 409, code: 'user_not_able_to_purchase' },
        { name: 'a closed account', account: ACCOUNT.closed, body: format.override, status: 409, code: 'user_not_able_to_purchase' },
        { name: 'a frozen account, even by sms', account: ACCOUNT.frozen, body: format.sms, status: 409, code: 'user_not_able_to_purchase' },
        {
          name: 'a bypass for an account rated H',
          account: ACCOUNT.frenchRiskH,
          body: format.bypass,
          status: 409,
          code: 'regular_purchase_bypass_is_not_allowed',
        },
        {
          name: 'a bypass for an account rated M',
          account: ACCOUNT.noContact,
          body: format.bypass,
          status: 409,
          code: 'regular_purchase_bypass_is_not_allowed',
        },
        { name: 'a bypass for a closed account', account: ACCOUNT.closed, body: format.bypass, status: 409, code: 'user_not_able_to_purchase' },
        { name: 'sms with no phone on file', account: ACCOUNT.noContact, body: format.sms, status: 400, code: 'sms_not_valid_phone' },
        { name: 'email with no email on file', account: ACCOUNT.noContact, body: format.email, status: 400, code: 'email_not_valid' },
      ])('refuses $name: $status $code, with no PIN and no message', async ({ account, body, status, code }) => {
        const pinsBefore = await livePinsOf(ctx().db, account, ctx().now());
        const outboxBefore = await outboxSize();
        expectRefusal(await verify(account, body), status, code);
        expect(await livePinsOf(ctx().db, account, ctx().now())).toEqual(pinsBefore);
        expect(await outboxSize()).toBe(outboxBefore);
      });

      it('accepts the account’s own card', async () => {
        expect((await verify(ACCOUNT.englishRiskL, { ...format.override, vcc_number: CARD.ofEnglishRiskL })).statusCode).toBe(200);
      });

      it('refuses merchant_override for a client not allowed to override (acmedemo): 409 merchant_override_is_not_allowed', async () => {
        const res = await verify(ACCOUNT.englishRiskL, format.override, { client: 'acmedemo', token: await api.token('acmedemo') });
        expectRefusal(res, 409, 'merchant_override_is_not_allowed');
      });
    });

    describe('wrong inputs: 409 wrong_inputs naming the field', () => {
      it.each([
        ['an unknown format', ACCOUNT.englishRiskL, { format: 'fax' }, 'format'],
        ['no format', ACCOUNT.englishRiskL, {}, 'format'],
        ['no request_id from an in-store client', ACCOUNT.englishRiskL, { ...format.override, request_id: undefined }, 'request_id'],
        ['an empty request_id', ACCOUNT.englishRiskL, { ...format.override, request_id: '' }, 'request_id'],
        ['security_question without security_qid', ACCOUNT.englishRiskL, { format: 'security_question', security_answer: 'Jamie' }, 'security_qid'],
        ['security_question without security_answer', ACCOUNT.englishRiskL, { format: 'security_question', security_qid: 4 }, 'security_answer'],
        ['a blank security_answer', ACCOUNT.englishRiskL, format.question(4, '   '), 'security_answer'],
        ['a security_answer over 50 characters', ACCOUNT.englishRiskL, format.question(4, 'J'.repeat(51)), 'security_answer'],
        ['a security_qid given as a string', ACCOUNT.englishRiskL, { ...format.question(4, 'Jamie'), security_qid: '4' }, 'security_qid'],
        ["a security_qid that is not one of the account's questions", ACCOUNT.englishRiskL, format.question(1, 'Tremblay'), 'security_qid'],
        ['a vcc_number that is not 16 digits', ACCOUNT.englishRiskL, { ...format.override, vcc_number: '5299' }, 'vcc_number'],
        ['a vcc_number that fails the checksum', ACCOUNT.englishRiskL, { ...format.override, vcc_number: CARD.badChecksum }, 'vcc_number'],
      ])('%s', async (_name, account, body, param) => {
        const { message, field_errors } = expectRefusal(await verify(account, body), 409, 'wrong_inputs');
        expect(message).toBe('Some inputs are wrong or missing!');
        expect(field_errors?.map((f) => f.param)).toContain(param);
      });

      it('never echoes a security answer, and masks a card number', async () => {
        const answer = expectRefusal(await verify(ACCOUNT.englishRiskL, format.question(4, 'S'.repeat(51))), 409, 'wrong_inputs');
        expect(answer.field_errors).toEqual([{ param: 'security_answer', msg: expect.any(String) }]);
        const card = expectRefusal(await verify(ACCOUNT.englishRiskL, { ...format.override, vcc_number: CARD.badChecksum }), 409, 'wrong_inputs');
        expect(card.field_errors).toEqual([{ param: 'vcc_number', msg: expect.any(String), value: '************6396' }]);
      });

      it('requires x-reference-id', async () => {
        const res = await api.call('POST', verifyUrl(ACCOUNT.englishRiskL), { body: { ...format.override, request_id: REQUEST_ID }, referenceId: null });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ error: 'wrong_inputs', field_errors: [expect.objectContaining({ param: 'x-reference-id' })] });
      });
    });

    describe('callers', () => {
      it('a customer-scope token may verify', async () => {
        const token = await api.token('flexitidemo', 'demo-secret', 'customer');
        expect((await verify(ACCOUNT.englishRiskL, format.override, { token })).statusCode).toBe(200);
      });

      it('an online client (acmedemo) needs no request_id', async () => {
        const res = await api.call('POST', verifyUrl(ACCOUNT.englishRiskL, 'acmedemo'), { body: format.email, token: await api.token('acmedemo') });
        expect(res.json()).toEqual({ verification_code: 'verification_sent_to_email' });
        expect((await newestMessage()).message.body).toContain('ACME Restorations');
      });

      it("refuses a token on another client's path: 403 forbidden", async () => {
        expectRefusal(await verify(ACCOUNT.englishRiskL, format.override, { client: 'acmedemo' }), 403, 'forbidden');
      });

      it('refuses a call without a token: 401 invalid_token', async () => {
        const res = await api.call('POST', verifyUrl(ACCOUNT.englishRiskL), { body: { ...format.override, request_id: REQUEST_ID }, token: null });
        expectRefusal(res, 401, 'invalid_token');
      });
    });

    describe('idempotency (x-reference-id)', () => {
      it('replays a PIN answer: same PIN, no second PIN, no second audit entry', async () => {
        const referenceId = nextReferenceId();
        const first = await verify(ACCOUNT.accented, format.override, { referenceId });
        const pins = await ctx().db.selectFrom('verifications').select('id').where('account_number', '=', ACCOUNT.accented).execute();
        const audit = await verifyAudit(ACCOUNT.accented);
        const again = await verify(ACCOUNT.accented, format.override, { referenceId });
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual(first.json());
        expect(again.headers['x-idempotent-replay']).toBe('true');
        expect(await ctx().db.selectFrom('verifications').select('id').where('account_number', '=', ACCOUNT.accented).execute()).toEqual(pins);
        expect(await verifyAudit(ACCOUNT.accented)).toEqual(audit);
        await expectLivePin(ACCOUNT.accented, first.json().verification_code);
      });

      it('replays an sms answer without a second message', async () => {
        const referenceId = nextReferenceId();
        await verify(ACCOUNT.accented, format.sms, { referenceId });
        const size = await outboxSize();
        const again = await verify(ACCOUNT.accented, format.sms, { referenceId });
        expect(again.json()).toEqual({ verification_code: 'verification_sent_to_sms' });
        expect(await outboxSize()).toBe(size);
      });

      it('treats the same body in another key order as the same request', async () => {
        const referenceId = nextReferenceId();
        const first = await verify(ACCOUNT.accented, { format: 'merchant_override', request_id: REQUEST_ID }, { referenceId });
        const again = await api.call('POST', verifyUrl(ACCOUNT.accented), { body: `{"format":"merchant_override","request_id":"${REQUEST_ID}"}`, referenceId });
        expect(again.json()).toEqual(first.json());
      });

      it('answers concurrent twins (same x-reference-id at once) alike, with one PIN and one message', async () => {
        const referenceId = nextReferenceId();
        const pinsBefore = await ctx().db.selectFrom('verifications').select('id').where('account_number', '=', ACCOUNT.accented).execute();
        const size = await outboxSize();
        const twins = await Promise.all(Array.from({ length: 4 }, () => verify(ACCOUNT.accented, format.sms, { referenceId })));
        expect(twins.map((r) => [r.statusCode, r.json()])).toEqual(twins.map(() => [200, { verification_code: 'verification_sent_to_sms' }]));
        expect(await outboxSize()).toBe(size + 1);
        const pinsAfter = await ctx().db.selectFrom('verifications').select('id').where('account_number', '=', ACCOUNT.accented).execute();
        expect(pinsAfter.length).toBe(pinsBefore.length + 1);
      });

      it('answers concurrent PIN twins with the same PIN', async () => {
        const referenceId = nextReferenceId();
        const twins = await Promise.all(Array.from({ length: 4 }, () => verify(ACCOUNT.accented, format.override, { referenceId })));
        const pins = new Set(twins.map((r) => r.json().verification_code));
        expect(pins.size).toBe(1);
        await expectLivePin(ACCOUNT.accented, [...pins][0]);
      });

      it('refuses the same x-reference-id with another body: 409 reference_id_reused', async () => {
        const referenceId = nextReferenceId();
        await verify(ACCOUNT.accented, format.override, { referenceId });
        expectRefusal(await verify(ACCOUNT.accented, format.bypass, { referenceId }), 409, 'reference_id_reused');
        expectRefusal(await verify(ACCOUNT.twoQuestions, format.override, { referenceId }), 409, 'reference_id_reused');
      });

      it('replays a wrong answer as the same refusal, counted once', async () => {
        await ctx().db.deleteFrom('answer_failures').execute();
        const referenceId = nextReferenceId();
        const first = await verify(ACCOUNT.twoQuestionsOther, format.question(9, 'Emily of New Moon'), { referenceId });
        expectRefusal(first, 409, 'secret_answer_mismatch');
        for (let i = 0; i < 3; i++) {
          const again = await verify(ACCOUNT.twoQuestionsOther, format.question(9, 'Emily of New Moon'), { referenceId });
          expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 409, body: first.json() });
        }
        expect(await failuresOf(ACCOUNT.twoQuestionsOther)).toBe(1);
      });
    });

    describe('audit trail', () => {
      const SECRET_ANSWER = 'Zanzibar Crescent';

      it('records every attempt, right or wrong, with its outcome, format and request_id', async () => {
        await ctx().db.deleteFrom('answer_failures').execute();
        const before = (await verifyAudit(ACCOUNT.twoQuestions)).length;
        const attempts: [object, string][] = [
          [format.question(7, SECRET_ANSWER), 'secret_answer_mismatch'],
          [format.question(7, 'Spring Garden Road'), 'pin_issued'],
          [format.override, 'pin_issued'],
          [format.bypass, 'pin_issued'],
          [format.sms, 'pin_sent_by_sms'],
          [format.email, 'pin_sent_by_email'],
          [{ ...format.override, vcc_number: CARD.ofFrenchRiskH }, 'vcc_account_mismatch'],
        ];
        const referenceIds: string[] = [];
        for (const [body] of attempts) {
          const referenceId = nextReferenceId();
          referenceIds.push(referenceId);
          await verify(ACCOUNT.twoQuestions, body, { referenceId });
        }
        const entries = (await verifyAudit(ACCOUNT.twoQuestions)).slice(before);
        expect(
          entries.map((e) => ({
            outcome: e.outcome,
            reference_id: e.reference_id,
            client_id: e.client_id,
            merchant_id: e.merchant_id,
            detail: JSON.parse(e.detail),
          })),
        ).toEqual(
          attempts.map(([body, outcome], i) => ({
            outcome,
            reference_id: referenceIds[i],
            client_id: 'flexitidemo',
            merchant_id: '12345',
            detail: { format: (body as { format: string }).format, request_id: REQUEST_ID },
          })),
        );
      });

      it('records refusals of accounts that cannot buy, and unknown accounts', async () => {
        for (const account of [ACCOUNT.frozen, ACCOUNT.closed, ACCOUNT.unknown]) {
          const before = (await verifyAudit(account)).length;
          await verify(account, format.override);
          expect((await verifyAudit(account)).slice(before).map((e) => e.outcome)).toEqual([
            account === ACCOUNT.unknown ? 'not_found' : 'user_not_able_to_purchase',
          ]);
        }
      });

      it('never holds an answer or a PIN', async () => {
        const pin = (await verify(ACCOUNT.twoQuestions, format.override)).json().verification_code;
        await verify(ACCOUNT.twoQuestions, format.question(7, SECRET_ANSWER));
        const trail = JSON.stringify(await ctx().db.selectFrom('audit_events').select(['action', 'outcome', 'detail']).execute());
        expect(trail).not.toMatch(/zanzibar/i);
        expect(trail).not.toMatch(new RegExp(`\\b${pin}\\b`));
      });
    });
  },
  // Rate limits have their own suite below; here they stay out of the way.
  { PIN_TTL_SECONDS: String(PIN_TTL_SECONDS), VERIFY_RATE_PER_ACCOUNT: '10000', VERIFY_RATE_PER_CLIENT: '10000' },
);

describeEachStore(
  'POST /account/{account_number}/verify: rate limits',
  (fixture) => {
    // Fresh counters per case (a context's counters outlive its apps): every case starts at zero.
    let api: ApiClient;
    beforeEach(async () => {
      api = await apiClient({ ...fixture().ctx, counters: memoryWindowCounters(Date.now) });
    });
    afterEach(async () => {
      await api.app.close();
    });
    const { verify } = verifier(fixture, () => api);

    const expectTooMany = (res: LightMyRequestResponse) => {
      const body = expectRefusal(res, 429, 'too_many_requests');
      expect(body.message).toMatch(/retry/i);
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers['retry-after']}`).toBe(true);
    };

    it('allows VERIFY_RATE_PER_ACCOUNT calls per account per minute, then 429 with Retry-After', async () => {
      for (let i = 0; i < 3; i++) expect((await verify(ACCOUNT.englishRiskL, format.override)).statusCode).toBe(200);
      expectTooMany(await verify(ACCOUNT.englishRiskL, format.override));
      expect((await verify(ACCOUNT.business, format.override)).statusCode).toBe(200);
    });

    it('counts refused calls too', async () => {
      for (let i = 0; i < 3; i++) expect((await verify(ACCOUNT.noContact, format.bypass)).statusCode).toBe(409);
      expectTooMany(await verify(ACCOUNT.noContact, format.override));
    });

    it('counts an account written with leading zeros as the same account', async () => {
      for (let i = 0; i < 3; i++) expect((await verify(ACCOUNT.englishRiskL, format.override)).statusCode).toBe(200);
      expectTooMany(await verify(`00${ACCOUNT.englishRiskL}`, format.override));
    });

    it('allows VERIFY_RATE_PER_CLIENT calls per client per minute across accounts, then 429', async () => {
      const accounts = [ACCOUNT.englishRiskL, ACCOUNT.business, ACCOUNT.accented, ACCOUNT.twoQuestions, ACCOUNT.frenchRiskH];
      for (const account of accounts) expect((await verify(account, format.override)).statusCode).toBe(200);
      expectTooMany(await verify(ACCOUNT.twoQuestionsOther, format.override));
    });

    it('counts on this node when Redis is unreachable: calls are answered, and limited', async () => {
      const offline = createContext(
        testConfig(fixture().store, { REDIS_URL: 'redis://127.0.0.1:1', VERIFY_RATE_PER_ACCOUNT: '3', VERIFY_RATE_PER_CLIENT: '5' }),
      );
      const node = await apiClient(offline);
      try {
        for (let i = 0; i < 3; i++) {
          const res = await node.call('POST', verifyUrl(ACCOUNT.englishRiskL), { body: { ...format.override, request_id: REQUEST_ID } });
          expect(res.statusCode).toBe(200);
        }
        expectTooMany(await node.call('POST', verifyUrl(ACCOUNT.englishRiskL), { body: { ...format.override, request_id: REQUEST_ID } }));
        expect(offline.redisHealth?.()).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/this node only/) });
      } finally {
        await node.app.close();
        await offline.close();
      }
    });

    it('does not count a replay', async () => {
      const referenceId = nextReferenceId();
      for (let i = 0; i < 5; i++) expect((await verify(ACCOUNT.englishRiskL, format.override, { referenceId })).statusCode).toBe(200);
      expect((await verify(ACCOUNT.englishRiskL, format.override)).statusCode).toBe(200);
    });
  },
  { VERIFY_RATE_PER_ACCOUNT: '3', VERIFY_RATE_PER_CLIENT: '5' },
);
