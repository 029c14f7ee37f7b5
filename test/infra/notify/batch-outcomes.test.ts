// The dispatcher marks a batch's held messages together (one statement, not one per message), and claims the
// messages due longest first: what keeps a busy till's PINs from costing a write each on top of their own.
import { expect, it } from 'vitest';
import { startDispatcher } from '../../../src/infra/notify/dispatcher.js';
import type { Delivery, Transport, Transports } from '../../../src/infra/notify/transports.js';
import type { OutboxPort } from '../../../src/use-cases/ports.js';
import { describeEachStore } from '../../helpers/stores.js';

const HOUR = 3600_000;

/** A transport that answers `outcome` for every message, or throws when the recipient says so. */
const answering = (outcome: Delivery): Transport => ({
  name: 'scripted',
  send: (message) => (message.to.startsWith('fail') ? Promise.reject(new Error('gateway said no')) : Promise.resolve(outcome)),
});

describeEachStore('outbox dispatcher batches', (fixture) => {
  const ctx = () => fixture().ctx;
  const since = async () => (await ctx().db.selectFrom('outbox').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? 0;
  const enqueue = (channel: 'sms' | 'email', to: string, dueAt: number) =>
    ctx().store.outbox.enqueue(channel, ctx().seal.seal(JSON.stringify({ to, subject: 'PIN', body: 'Your PIN is 1234' })), dueAt);

  it("marks a batch's held messages with one statement, a sent one as soon as it left, a failed one with its error", async () => {
    const first = await since();
    const now = ctx().now();
    for (const to of ['a@example.com', 'b@example.com', 'fail@example.com']) await enqueue('email', to, now - HOUR);
    for (const to of ['5145550111', '5145550112', '5145550113']) await enqueue('sms', to, now - HOUR);

    const calls: { method: string; ids: number }[] = [];
    const outbox = ctx().store.outbox;
    const counted: OutboxPort = {
      ...outbox,
      markSent: (id, at) => (calls.push({ method: 'markSent', ids: 1 }), outbox.markSent(id, at)),
      markHeld: (ids, reason) => (calls.push({ method: 'markHeld', ids: ids.length }), outbox.markHeld(ids, reason)),
      markFailedAttempt: (...args) => (calls.push({ method: 'markFailedAttempt', ids: 1 }), outbox.markFailedAttempt(...args)),
    };
    const transports: Transports = { email: answering({ sent: true }), sms: answering({ held: 'no SMS gateway configured (SMS_GATEWAY_URL)' }) };
    const dispatcher = startDispatcher({ ...ctx(), store: { ...ctx().store, outbox: counted } }, transports, { pollMs: HOUR, leaseMs: 5000 });
    try {
      await dispatcher.runOnce();
    } finally {
      await dispatcher.stop();
    }

    expect(calls.sort((a, b) => a.method.localeCompare(b.method))).toEqual([
      { method: 'markFailedAttempt', ids: 1 },
      { method: 'markHeld', ids: 3 },
      { method: 'markSent', ids: 1 },
      { method: 'markSent', ids: 1 },
    ]);
    const rows = await ctx().db.selectFrom('outbox').selectAll().where('id', '>', first).orderBy('id').execute();
    expect(rows.map((row) => [row.channel, row.status, row.attempts, row.claimed_until, row.last_error])).toEqual([
      ['email', 'sent', 0, null, null],
      ['email', 'sent', 0, null, null],
      ['email', 'pending', 1, null, 'gateway said no'],
      ['sms', 'held', 0, null, 'no SMS gateway configured (SMS_GATEWAY_URL)'],
      ['sms', 'held', 0, null, 'no SMS gateway configured (SMS_GATEWAY_URL)'],
      ['sms', 'held', 0, null, 'no SMS gateway configured (SMS_GATEWAY_URL)'],
    ]);
  });

  it('claims the messages due longest first, whatever order they were written in', async () => {
    // Whatever an earlier test left pending is out of the way: only this test's messages are due.
    const first = await since();
    const now = ctx().now();
    await enqueue('email', 'later@example.com', now - 1000);
    await enqueue('email', 'sooner@example.com', now - 5000);
    await enqueue('email', 'soonest@example.com', now - 9000);
    const claimed = await ctx().store.outbox.claimDue(now, 5000, 2);
    const recipients = claimed.map((row) => (JSON.parse(ctx().seal.open(row.payload)) as { to: string }).to);
    expect(claimed.every((row) => row.id > first)).toBe(true);
    expect(recipients.sort()).toEqual(['sooner@example.com', 'soonest@example.com']);
  });
});
