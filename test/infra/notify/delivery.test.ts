// Outbox delivery: PINs leave by a real SMTP server and a real HTTP SMS gateway, in the customer's language, once each, through outages.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS, startDispatcher, type Dispatcher } from '../../../src/infra/notify/dispatcher.js';
import { buildApp } from '../../../src/http/app.js';
import { heldChannelsOf, transportsFor } from '../../../src/infra/notify/transports.js';
import { livePinsOf } from '../../../src/store/verifications.js';
import { apiClient, API, type ApiClient } from '../../helpers/api.js';
import { startMailServer, type Received } from '../../helpers/mail-server.js';
import { pinMatches } from '../../helpers/purchases.js';
import { describeEachStore, testConfig } from '../../helpers/stores.js';

/** A real SMS gateway (plain JSON POST of `to` and `body`) that refuses the next `failNext` requests with 500. */
async function startSmsGateway() {
  const accepted: Received[] = [];
  const state = { failNext: 0, refused: 0, malformed: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received;
      if (request.headers['content-type'] !== 'application/json' || Object.keys(message).sort().join() !== 'body,to') state.malformed++;
      if (state.failNext > 0) {
        state.failNext--;
        state.refused++;
        response.writeHead(500).end('gateway unavailable');
        return;
      }
      accepted.push(message);
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
  return { accepted, state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ACCOUNT = {
  /** John Smith: fr-CA, john.smith@example.com, 514-555-0111. */
  french: 123456789,
  /** Alan Martinet: en-CA, alaninet@flexiti.com, 416-555-2222. */
  english: 20035156,
  business: 116992907,
  accented: 300000001,
  /** Siobhán O'Neil's two accounts: one email address for both. */
  siobhan: 300000003,
  siobhanOther: 300000004,
} as const;
const EMAIL: Record<number, string> = {
  [ACCOUNT.french]: 'john.smith@example.com',
  [ACCOUNT.english]: 'alaninet@flexiti.com',
  [ACCOUNT.business]: 'vasilevich@flexiti.com',
  [ACCOUNT.accented]: 'marie.gagne@example.ca',
  [ACCOUNT.siobhan]: 'siobhan.oneil@example.ca',
  [ACCOUNT.siobhanOther]: 'siobhan.oneil@example.ca',
};

const HOUR = 3600_000;
const pinOf = (text: string) => /\b(\d{4})\b/.exec(text)?.[1] ?? '';
/** How many of each item: the measure of "exactly once". */
const tally = (items: string[]) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [item]: (counts[item] ?? 0) + 1 }), {});
const run = promisify(execFile);

describeEachStore('outbox delivery by SMTP and SMS gateway', (fixture) => {
  let api: ApiClient;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let dispatcher: Dispatcher;
  const ctx = () => fixture().ctx;

  /**
   * A dispatcher that sends to the test's SMTP server and SMS gateway; it runs when the test says (runOnce), never on its
   * own. The context is told the node has both, as the service's context is told by the same config.
   */
  const deliveringDispatcher = () => {
    const delivering = testConfig(fixture().store, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port()), SMS_GATEWAY_URL: sms.url });
    ctx().heldChannels = heldChannelsOf(delivering);
    return startDispatcher(
      ctx(),
      transportsFor(delivering, () => undefined),
      { pollMs: HOUR, leaseMs: 5000 },
    );
  };

  beforeAll(async () => {
    mail = await startMailServer();
    sms = await startSmsGateway();
    api = await apiClient(ctx());
    dispatcher = deliveringDispatcher();
  });
  afterAll(async () => {
    await dispatcher?.stop();
    ctx().heldChannels = heldChannelsOf(ctx().config);
    await mail?.stop();
    await sms?.close();
    await api?.app.close();
  });

  let realNow: () => number;
  beforeEach(() => {
    realNow = ctx().now;
  });
  afterEach(() => {
    ctx().now = realNow;
  });
  const moveClockBy = (ms: number) => {
    const at = ctx().now() + ms;
    ctx().now = () => at;
  };

  const verify = async (account: number, format: 'sms' | 'email') => {
    const res = await api.call('POST', `${API}/account/${account}/verify`, { body: { format, request_id: '20240515123456789012' } });
    expect(res.json()).toEqual({ verification_code: `verification_sent_to_${format}` });
  };
  const lastOutboxId = async () => (await ctx().db.selectFrom('outbox').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? 0;
  const outboxAfter = (id: number) => ctx().db.selectFrom('outbox').selectAll().where('id', '>', id).orderBy('id').execute();
  const opened = (payload: string) => JSON.parse(ctx().seal.open(payload)) as Received;
  /** What an operator reads: `posapi outbox list`, run as a separate process on the same database. */
  const outboxList = async (limit: number) =>
    (
      await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'outbox', 'list', '-n', String(limit)], {
        env: { PATH: process.env.PATH ?? '', ...fixture().store.env, LOG_LEVEL: 'silent' },
        timeout: 60_000,
      })
    ).stdout;
  /** The PIN is the account's live one at the time it was issued (the clock may have moved on since). */
  const expectLivePin = async (account: number, pin: string) => {
    const [live] = await livePinsOf(ctx().db, account, realNow());
    expect(live && pinMatches(ctx(), pin, live)).toBe(true);
  };

  describe('a PIN reaches the customer in their language, and matches the stored hash', () => {
    it.each([
      {
        name: 'email, French',
        account: ACCOUNT.french,
        format: 'email',
        to: 'john.smith@example.com',
        subject: 'Votre code de vérification',
        text: /^Votre code de vérification pour votre achat chez ACME Jewellers est \d{4}\. Il expire dans 10 minutes\./,
      },
      {
        name: 'email, English',
        account: ACCOUNT.english,
        format: 'email',
        to: 'alaninet@flexiti.com',
        subject: 'Your verification code',
        text: /^Your verification code for your purchase at ACME Jewellers is \d{4}\. It expires in 10 minutes\./,
      },
      {
        name: 'sms, French',
        account: ACCOUNT.french,
        format: 'sms',
        to: '+15145550111',
        text: /^Votre code de vérification pour votre achat chez ACME Jewellers est \d{4}\./,
      },
      {
        name: 'sms, English',
        account: ACCOUNT.english,
        format: 'sms',
        to: '+14165552222',
        text: /^Your verification code for your purchase at ACME Jewellers is \d{4}\./,
      },
    ] as const)('$name', async ({ account, format, to, text, ...rest }) => {
      const inbox = format === 'email' ? mail.received : sms.accepted;
      const before = inbox.length;
      const since = await lastOutboxId();
      await verify(account, format);
      await dispatcher.runOnce();
      const arrived = inbox.slice(before);
      expect(arrived).toEqual([{ to, body: expect.stringMatching(text), ...('subject' in rest ? { subject: rest.subject } : {}) }]);
      await expectLivePin(account, pinOf(arrived[0]!.body));
      expect(await outboxAfter(since)).toEqual([
        expect.objectContaining({ channel: format, status: 'sent', attempts: 0, last_error: null, sent_at: ctx().now() }),
      ]);
      expect(sms.state.malformed).toBe(0);
    });
  });

  describe('outages', () => {
    it('keeps emails through an SMTP outage, with attempts and last error, and delivers each exactly once after it', async () => {
      await mail.stop();
      const since = await lastOutboxId();
      const accounts = [ACCOUNT.french, ACCOUNT.english, ACCOUNT.business, ACCOUNT.accented, ACCOUNT.siobhan, ACCOUNT.siobhanOther, ACCOUNT.english];
      for (const account of accounts) await verify(account, 'email');
      const receivedBefore = mail.received.length;

      await dispatcher.runOnce();
      let rows = await outboxAfter(since);
      expect(rows).toHaveLength(accounts.length);
      for (const row of rows)
        expect(row).toMatchObject({
          status: 'pending',
          attempts: 1,
          last_error: expect.stringMatching(/ECONNREFUSED/),
          next_attempt_at: ctx().now() + backoffMs(1),
        });

      await dispatcher.runOnce(); // before the backoff ends: no attempt
      expect((await outboxAfter(since)).map((r) => r.attempts)).toEqual(accounts.map(() => 1));

      moveClockBy(backoffMs(1));
      await dispatcher.runOnce(); // still down
      rows = await outboxAfter(since);
      for (const row of rows) expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: expect.stringMatching(/ECONNREFUSED/) });
      expect(mail.received.length).toBe(receivedBefore);

      await mail.start();
      moveClockBy(backoffMs(2));
      await dispatcher.runOnce();
      moveClockBy(HOUR);
      await dispatcher.runOnce(); // later passes send nothing again

      rows = await outboxAfter(since);
      expect(rows.map((r) => r.status)).toEqual(accounts.map(() => 'sent'));
      const arrived = mail.received.slice(receivedBefore);
      expect(tally(arrived.map((m) => m.to))).toEqual(tally(accounts.map((a) => EMAIL[a]!)));
      expect(tally(arrived.map((m) => `${m.to} ${m.body}`))).toEqual(tally(rows.map((r) => opened(r.payload)).map((m) => `${m.to} ${m.body}`)));
    });

    it('retries an SMS the gateway refused with 500, and delivers it exactly once when it accepts', async () => {
      const since = await lastOutboxId();
      const acceptedBefore = sms.accepted.length;
      sms.state.failNext = 2;
      await verify(ACCOUNT.french, 'sms');
      await verify(ACCOUNT.english, 'sms');

      await dispatcher.runOnce();
      for (const row of await outboxAfter(since)) expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMS gateway answered 500' });
      expect(sms.accepted.length).toBe(acceptedBefore);

      moveClockBy(backoffMs(1));
      await dispatcher.runOnce();
      moveClockBy(HOUR);
      await dispatcher.runOnce();

      const rows = await outboxAfter(since);
      expect(rows.map((r) => ({ status: r.status, attempts: r.attempts, last_error: r.last_error }))).toEqual([
        { status: 'sent', attempts: 1, last_error: null },
        { status: 'sent', attempts: 1, last_error: null },
      ]);
      expect(tally(sms.accepted.slice(acceptedBefore).map((m) => m.to))).toEqual({ '+15145550111': 1, '+14165552222': 1 });
      await expectLivePin(ACCOUNT.english, pinOf(sms.accepted.slice(acceptedBefore).find((m) => m.to === '+14165552222')!.body));
    });

    it(`keeps a message that failed ${MAX_ATTEMPTS} times as failed, with its last error, and tries it no more`, async () => {
      const since = await lastOutboxId();
      const receivedBefore = mail.received.length;
      await mail.stop();
      try {
        await verify(ACCOUNT.business, 'email');
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          await dispatcher.runOnce();
          moveClockBy(backoffMs(attempt));
        }
      } finally {
        await mail.start();
      }
      moveClockBy(HOUR);
      await dispatcher.runOnce();
      expect(await outboxAfter(since)).toEqual([
        expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: expect.stringMatching(/ECONNREFUSED/), sent_at: null }),
      ]);
      expect(mail.received.length).toBe(receivedBefore);
    });

    it('two dispatchers racing over one outbox send each message once', async () => {
      const since = await lastOutboxId();
      const receivedBefore = mail.received.length;
      const accounts = [ACCOUNT.french, ACCOUNT.english, ACCOUNT.business, ACCOUNT.accented, ACCOUNT.siobhan, ACCOUNT.siobhanOther];
      for (const account of [...accounts, ...accounts]) await verify(account, 'email');
      const other = deliveringDispatcher();
      try {
        await Promise.all([dispatcher.runOnce(), other.runOnce(), dispatcher.runOnce(), other.runOnce()]);
      } finally {
        await other.stop();
      }
      const rows = await outboxAfter(since);
      expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
      expect(tally(mail.received.slice(receivedBefore).map((m) => `${m.to} ${m.body}`))).toEqual(
        tally(rows.map((r) => opened(r.payload)).map((m) => `${m.to} ${m.body}`)),
      );
    });
  });

  describe('what `posapi outbox list` says is what happened', () => {
    it('an email the SMTP server refused for good (550) fails at once with its words; an SMS with no gateway is held, and only the email counts as tried', async () => {
      const lines: string[] = [];
      const smtpOnly = startDispatcher(
        ctx(),
        transportsFor(testConfig(fixture().store, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port()) }), (fields) => lines.push(JSON.stringify(fields))),
        { pollMs: HOUR, leaseMs: 5000 },
      );
      const since = await lastOutboxId();
      const receivedBefore = mail.received.length;
      mail.refused.add(EMAIL[ACCOUNT.english]!);
      try {
        await verify(ACCOUNT.english, 'email');
        await verify(ACCOUNT.english, 'sms');
        await verify(ACCOUNT.french, 'email');
        await smtpOnly.runOnce();
        moveClockBy(HOUR);
        await smtpOnly.runOnce(); // a refusal for good is not tried again
      } finally {
        mail.refused.clear();
        await smtpOnly.stop();
      }
      const rows = await outboxAfter(since);
      expect(rows.map((r) => ({ channel: r.channel, status: r.status, attempts: r.attempts, last_error: r.last_error }))).toEqual([
        { channel: 'email', status: 'failed', attempts: 1, last_error: expect.stringMatching(/^SMTP server refused it: 550 .*no such mailbox/) },
        { channel: 'sms', status: 'held', attempts: 0, last_error: 'no SMS gateway configured (SMS_GATEWAY_URL)' },
        { channel: 'email', status: 'sent', attempts: 0, last_error: null },
      ]);
      expect(mail.received.slice(receivedBefore).map((m) => m.to)).toEqual([EMAIL[ACCOUNT.french]]);
      expect(lines).toEqual([expect.stringContaining('"channel":"sms"')]);

      const stdout = await outboxList(3);
      const [refused, held, sent] = rows.map((r) => stdout.split('\n').find((line) => line.startsWith(`#${r.id} `)));
      expect(refused).toMatch(/^#\d+ email failed after 1 failed attempt, no more tries: SMTP server refused it: 550 .*no such mailbox/);
      expect(held).toMatch(/^#\d+ sms held, not sent: no SMS gateway configured \(SMS_GATEWAY_URL\)/);
      expect(sent).toMatch(/^#\d+ email sent \d{4}-\d\d-\d\dT/);
      expect(stdout).toMatch(/^outbox: .*\d+ held/m);
    });

    it('an email waiting out an SMTP outage says it is retrying, after how many attempts, and why', async () => {
      const since = await lastOutboxId();
      await mail.stop();
      try {
        await verify(ACCOUNT.business, 'email');
        await dispatcher.runOnce();
      } finally {
        await mail.start();
      }
      const [row] = await outboxAfter(since);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^SMTP server not reached: .*ECONNREFUSED/) });
      const line = (await outboxList(1)).split('\n').find((l) => l.startsWith(`#${row!.id} `));
      expect(line).toMatch(/^#\d+ email retrying after 1 failed attempt \(next at .*\): SMTP server not reached: .*ECONNREFUSED/);
      moveClockBy(backoffMs(1));
      await dispatcher.runOnce();
      expect((await outboxAfter(since))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    });
  });

  describe('without SMTP or SMS gateway', () => {
    it('holds the message as it is written (never claimed, never says sent), logs that it waits (masked, without the PIN), and `posapi outbox list` opens it while the column stays sealed', async () => {
      // The service as `npm start` runs it without SMTP or gateway: its context and its dispatcher read the same config.
      ctx().heldChannels = heldChannelsOf(ctx().config);
      const logged: string[] = [];
      // At the service's default level (the test context's is silent).
      const atInfo = { ...ctx(), config: { ...ctx().config, logLevel: 'info' as const } };
      const service = await buildApp(atInfo, { logStream: { write: (line: string) => void logged.push(line) } });
      const dispatcherLines: string[] = [];
      const logOnly = startDispatcher(
        ctx(),
        transportsFor(ctx().config, (fields) => dispatcherLines.push(JSON.stringify(fields))),
        { pollMs: HOUR, leaseMs: 5000 },
      );
      const since = await lastOutboxId();
      const token = await api.token();
      try {
        for (const format of ['email', 'sms'] as const) {
          const res = await service.inject({
            method: 'POST',
            url: `${API}/account/${ACCOUNT.french}/verify`,
            headers: { authorization: `Bearer ${token}`, 'x-reference-id': `held-${format}-${Date.now()}`, 'content-type': 'application/json' },
            payload: JSON.stringify({ format, request_id: '20240515123456789012' }),
          });
          expect(res.json()).toEqual({ verification_code: `verification_sent_to_${format}` });
        }
        // Nothing is left for the dispatcher: it claims nothing, writes nothing, logs nothing.
        expect(await logOnly.runOnce()).toBe(0);
      } finally {
        await logOnly.stop();
        await service.close();
      }
      expect(dispatcherLines).toEqual([]);
      const lines = logged.filter((line) => line.includes('message not sent'));
      const rows = await outboxAfter(since);
      expect(rows.map((r) => ({ channel: r.channel, status: r.status, attempts: r.attempts, last_error: r.last_error, sent_at: r.sent_at }))).toEqual([
        { channel: 'email', status: 'held', attempts: 0, last_error: 'no SMTP server configured (SMTP_URL or SMTP_HOST)', sent_at: null },
        { channel: 'sms', status: 'held', attempts: 0, last_error: 'no SMS gateway configured (SMS_GATEWAY_URL)', sent_at: null },
      ]);
      const [email, text] = rows.map((r) => opened(r.payload));
      const pins = [pinOf(email!.body), pinOf(text!.body)];
      expect(lines).toHaveLength(2);
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringContaining('"channel":"email","to":"j*****mith@example.com"'),
          expect.stringContaining('"channel":"sms","to":"***-***-0111"'),
        ]),
      );
      for (const pin of pins) expect(lines.join('\n')).not.toContain(pin);

      const stdout = await outboxList(2);
      expect(stdout).toContain(`#${rows[0]!.id} email held, not sent: no SMTP server configured (SMTP_URL or SMTP_HOST)`);
      expect(stdout).toContain('to john.smith@example.com — Votre code de vérification');
      expect(stdout).toContain(`#${rows[1]!.id} sms held, not sent: no SMS gateway configured (SMS_GATEWAY_URL)`);
      expect(stdout).toContain('to +15145550111');
      for (const pin of pins) expect(stdout).toContain(`est ${pin}.`);
      for (const row of rows) {
        expect(row.payload).toMatch(/^v1\./);
        expect(row.payload).not.toMatch(/john|5145550111|Votre/);
        expect(row.payload.match(/\d+/g) ?? []).not.toEqual(expect.arrayContaining(pins));
      }
    });
  });
});
