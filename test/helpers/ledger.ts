// What the ledger tests share: an account of a known limit and balance written straight to the store, PINs issued as
// verify issues them (without verify's rule that a new PIN replaces the account's live one), and every invariant of
// the ledger checked from the rows themselves.
import { randomInt, randomUUID } from 'node:crypto';
import type { PinHasher } from '../../src/security/pin-hash.js';
import { insertAccount, insertCustomer } from '../../src/store/customers.js';
import type { Db } from '../../src/store/schema.js';

/** An Ontario consumer account (risk L, status N), `limitCents` of credit with `balanceCents` already owed and no hold. */
export async function addBuyer(db: Db, accountNumber: number, money: { limitCents: number; balanceCents?: number }, now = Date.now()): Promise<number> {
  const id = `ledger-${accountNumber}`;
  const balance = money.balanceCents ?? 0;
  await db.transaction().execute(async (tx) => {
    await insertCustomer(
      tx,
      {
        id,
        first_name: 'Ledger',
        last_name: `Buyer${accountNumber}`,
        dob: '1980-01-01',
        address_1: '1 Test St',
        city: 'Toronto',
        province: 'ON',
        postal_code: 'M5J 1E3',
        email: `buyer${accountNumber}@example.com`,
        phone: '4165550100',
        preferred_language: 'en-CA',
      },
      now,
    );
    await insertAccount(tx, {
      account_number: accountNumber,
      customer_id: id,
      business_name: null,
      account_type: 'consumer',
      status: 'N',
      status_reason: 'NNOR',
      credit_limit_cents: money.limitCents,
      open_to_buy_cents: Math.max(0, money.limitCents - balance),
      balance_cents: balance,
      holds_cents: 0,
      opening_balance_cents: balance,
      air: '0.3099',
      category_type: 'preferred',
      risk_rating: 'L',
      province: 'ON',
      originating_merchant_id: '12345',
      opened_on: '2024-01-01',
      tos_agreement: 1,
      payment_protection: 0,
      updated_at: now,
    });
  });
  return accountNumber;
}

export interface IssuedPin {
  requestId: string;
  code: number;
}

/**
 * `count` live merchant-override PINs on one account, each for its own request id, hashed as verify hashes them. Verify
 * itself cannot issue them side by side: a new PIN replaces the account's live one of the same purpose (the contract's
 * decision), so tills buying at the same time on one account are made here.
 */
export async function issuePins(
  ctx: { db: Db; pins: PinHasher; now: () => number; config: { pinTtlSeconds: number } },
  accountNumber: number,
  count: number,
  clientId = 'flexitidemo',
): Promise<IssuedPin[]> {
  const now = ctx.now();
  const issued = Array.from({ length: count }, (_, i) => ({ requestId: `till-${accountNumber}-${now.toString(36)}-${i}`, code: randomInt(1000, 10000) }));
  await ctx.db
    .insertInto('verifications')
    .values(
      issued.map((p) => ({
        id: randomUUID(),
        account_number: accountNumber,
        client_id: clientId,
        format: 'merchant_override',
        purpose: 'purchase' as const,
        pin_hash: ctx.pins.hash(String(p.code), { accountNumber, clientId, requestId: p.requestId }),
        request_id: p.requestId,
        created_at: now,
        expires_at: now + ctx.config.pinTtlSeconds * 1000,
        used_at: null,
        revoked_at: null,
        wrong_tries: 0,
      })),
    )
    .execute();
  return issued;
}

const sum = <T>(rows: T[], of: (row: T) => number) => rows.reduce((s, r) => s + of(r), 0);

/**
 * Every way the ledger of these accounts could be wrong, as sentences (none: []): balance and holds are the opening
 * balance plus the entries' sums and agree with the authorizations, captures and credits; the stored open-to-buy is the
 * formula and never negative; no authorization has more captured and released than its amount, nor more returned than
 * captured; no capture has more returned than its amount.
 */
export async function ledgerProblems(db: Db, accountNumbers: number[]): Promise<string[]> {
  if (accountNumbers.length === 0) return [];
  const [accounts, entries, authorizations, captures, credits] = await Promise.all([
    db.selectFrom('accounts').selectAll().where('account_number', 'in', accountNumbers).execute(),
    db.selectFrom('ledger_entries').selectAll().where('account_number', 'in', accountNumbers).execute(),
    db.selectFrom('authorizations').selectAll().where('account_number', 'in', accountNumbers).execute(),
    db.selectFrom('captures').selectAll().where('account_number', 'in', accountNumbers).execute(),
    db.selectFrom('credits').selectAll().where('account_number', 'in', accountNumbers).execute(),
  ]);
  const problems: string[] = [];
  const expectSame = (what: string, actual: number, expected: number) => {
    if (actual !== expected) problems.push(`${what}: ${actual}, expected ${expected}`);
  };
  for (const a of accounts) {
    const n = a.account_number;
    const mine = <T extends { account_number: number }>(rows: T[]) => rows.filter((r) => r.account_number === n);
    const [myEntries, myAuthorizations, myCaptures, myCredits] = [mine(entries), mine(authorizations), mine(captures), mine(credits)];
    expectSame(`account ${n} balance vs opening + Σ balance deltas`, a.balance_cents, a.opening_balance_cents + sum(myEntries, (e) => e.balance_delta_cents));
    expectSame(
      `account ${n} holds vs Σ holds deltas`,
      a.holds_cents,
      sum(myEntries, (e) => e.holds_delta_cents),
    );
    expectSame(
      `account ${n} open_to_buy vs max(0, limit − balance − holds)`,
      a.open_to_buy_cents,
      Math.max(0, a.credit_limit_cents - a.balance_cents - a.holds_cents),
    );
    if (a.open_to_buy_cents < 0) problems.push(`account ${n} open_to_buy negative: ${a.open_to_buy_cents}`);
    if (a.holds_cents < 0) problems.push(`account ${n} holds negative: ${a.holds_cents}`);
    expectSame(
      `account ${n} holds vs what its authorizations have left`,
      a.holds_cents,
      sum(myAuthorizations, (x) => x.amount_cents - x.captured_cents - x.released_cents),
    );
    expectSame(
      `account ${n} balance vs opening + Σ captures − Σ credits`,
      a.balance_cents,
      a.opening_balance_cents + sum(myCaptures, (c) => c.amount_cents) - sum(myCredits, (c) => c.amount_cents),
    );
    for (const x of myAuthorizations) {
      const what = `authorization ${x.id}`;
      if (x.captured_cents < 0 || x.released_cents < 0 || x.returned_cents < 0) problems.push(`${what} has a negative amount`);
      if (x.captured_cents + x.released_cents > x.amount_cents)
        problems.push(`${what}: captured ${x.captured_cents} + released ${x.released_cents} > authorized ${x.amount_cents}`);
      if (x.returned_cents > x.captured_cents) problems.push(`${what}: returned ${x.returned_cents} > captured ${x.captured_cents}`);
      expectSame(`${what} status`, x.status === 'closed' ? 1 : 0, x.captured_cents + x.released_cents === x.amount_cents ? 1 : 0);
      const itsCaptures = myCaptures.filter((c) => c.authorization_id === x.id);
      expectSame(
        `${what} captured vs Σ its captures`,
        x.captured_cents,
        sum(itsCaptures, (c) => c.amount_cents),
      );
      expectSame(
        `${what} returned vs Σ its captures' returned`,
        x.returned_cents,
        sum(itsCaptures, (c) => c.returned_cents),
      );
      const itsEntries = (type: string) =>
        sum(
          myEntries.filter((e) => e.authorization_id === x.id && e.entry_type === type),
          (e) => e.amount_cents,
        );
      expectSame(`${what} Σ hold entries`, itsEntries('hold'), x.amount_cents);
      expectSame(`${what} Σ capture entries`, itsEntries('capture'), x.captured_cents);
      expectSame(`${what} Σ release entries`, itsEntries('release'), x.released_cents);
    }
    for (const c of myCaptures) {
      if (c.returned_cents > c.amount_cents) problems.push(`capture ${c.id}: returned ${c.returned_cents} > amount ${c.amount_cents}`);
      expectSame(
        `capture ${c.id} returned vs Σ its returns and refunds`,
        c.returned_cents,
        sum(
          myCredits.filter((r) => r.capture_id === c.id),
          (r) => r.amount_cents,
        ),
      );
    }
  }
  return problems;
}
