// The Transactions endpoints in the HTTP bench. A PIN is good for one purchase and an account holds one live PIN, so a
// purchase bench needs an account per purchase of a turn: generated customers give them, and before each turn of the
// service every account of the pool gets a fresh PIN from verify (not timed). One account gets a few purchases first,
// for the reads.
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/runtime/context.js';
import { generateIntoStore } from '../../src/store/bulk/generate.js';
import { FIRST_GENERATED_ACCOUNT } from '../../src/store/bulk/generator.js';
import type { Call } from './load.js';

const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
const API251 = '/flexiti/pos-api/v2.5.1/client-id/flexitidemo';
/** Customers generated for the bench: about 1.4 accounts each, of which about two thirds can take the purchases. */
export const BENCH_CUSTOMERS = 40_000;
/** What one purchase costs the account: 25.00 on plan 4 over 12 months with its 49.99 fee financed, about 79.00. */
const AMOUNT = 25;
/** Every account of the pool may be bought on once per turn: four turns (the first with its warm-up) and room to spare. */
const MIN_AVAILABLE_CENTS = 50_000;
/** Purchases on the account the reads ask about: a customer's few purchases, one page of the list (10 by default). */
export const READ_PURCHASES = 5;
/** Verify calls in flight while PINs are issued. */
const ISSUE_CONCURRENCY = 16;

/** Generates the bench's customers into a migrated, seeded database (no service running on it), with the service's keys. */
export async function generateBenchAccounts(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const ctx = createContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  try {
    const s = await generateIntoStore(ctx, { count: BENCH_CUSTOMERS, seed: 7 });
    log(`generated ${s.customers} customers, ${s.accounts} accounts in ${s.seconds.toFixed(1)} s`);
  } finally {
    await ctx.close();
  }
}

/** Generated accounts that may buy plan 4 over 12 months (open, outside Quebec) with credit for every turn. */
async function poolAccounts(env: Record<string, string>): Promise<number[]> {
  const ctx = createContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  try {
    const rows = await ctx.db
      .selectFrom('accounts')
      .select('account_number')
      .where('account_number', '>=', FIRST_GENERATED_ACCOUNT)
      .where('status', '=', 'N')
      .where('province', '!=', 'QC')
      .where('open_to_buy_cents', '>=', MIN_AVAILABLE_CENTS)
      .orderBy('account_number')
      .execute();
    return rows.map((r) => Number(r.account_number));
  } finally {
    await ctx.close();
  }
}

let references = 0;
const nextReference = (what: string) => `bench-${what}-${process.pid}-${++references}`;

export interface PurchaseFixture {
  /** Accounts the purchases are made on, one per purchase of a turn. */
  accounts: number[];
  readAccount: number;
  readAuthorizationId: string;
  /** The size of a purchase's answer, for the baseline's body. */
  answerBytes: number;
  /** Issues a fresh PIN for `count` accounts of the pool (at most every account): the next purchase bodies. */
  issuePins(count: number): Promise<void>;
  /** The next purchase's body, its PIN unspent while the pool lasts; after that, a spent one (answered 409). */
  nextBody(): string;
  /** Bodies handed out since the last issue, and how many were issued. */
  usage(): { used: number; issued: number };
}

export async function purchaseFixture(base: string, token: string, env: Record<string, string>): Promise<PurchaseFixture> {
  const all = await poolAccounts(env);
  const [readAccount, ...accounts] = all;
  if (readAccount === undefined || accounts.length < 1000) throw new Error(`too few bench accounts (${all.length}): was generateBenchAccounts run?`);
  const headers = (what: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-reference-id': nextReference(what) });
  // Unmeasured preparation: a service that sheds load for a moment (503, on a busy host) is asked again, as a till would.
  const post = async (path: string, body: unknown, what: string): Promise<{ status: number; text: string }> => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(base + path, { method: 'POST', headers: headers(what), body: JSON.stringify(body) });
      const answer = { status: res.status, text: await res.text() };
      if (answer.status !== 503 || attempt >= 30) return answer;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  let round = 0;
  const pinFor = async (account: number): Promise<string> => {
    const requestId = `bench-${round}-${account}`;
    const res = await post(`${API}/account/${account}/verify`, { format: 'merchant_override', request_id: requestId }, 'verify');
    if (res.status !== 200) throw new Error(`verify ${account}: ${res.status} ${res.text}`);
    const { verification_code } = JSON.parse(res.text) as { verification_code: number };
    return JSON.stringify(purchaseBody(account, verification_code, requestId));
  };
  const purchase = async () => {
    round++;
    const res = await post(`${API251}/authorization`, JSON.parse(await pinFor(readAccount)), 'purchase');
    if (res.status !== 200) throw new Error(`purchase on ${readAccount}: ${res.status} ${res.text}`);
    return res.text;
  };
  let answer = '';
  for (let i = 0; i < READ_PURCHASES; i++) answer = await purchase();
  const readAuthorizationId = (JSON.parse(answer) as { authorization_id: string }).authorization_id;

  let bodies: string[] = [];
  let next = 0;
  return {
    accounts,
    readAccount,
    readAuthorizationId,
    answerBytes: Buffer.byteLength(answer),
    async issuePins(count) {
      round++;
      const chosen = accounts.slice(0, Math.min(count, accounts.length));
      const issued: string[] = new Array<string>(chosen.length);
      let at = 0;
      const worker = async () => {
        while (at < chosen.length) {
          const i = at++;
          issued[i] = await pinFor(chosen[i] as number);
        }
      };
      await Promise.all(Array.from({ length: ISSUE_CONCURRENCY }, worker));
      bodies = issued;
      next = 0;
    },
    nextBody() {
      const body = bodies[Math.min(next, bodies.length - 1)] as string;
      next++;
      return body;
    },
    usage: () => ({ used: next, issued: bodies.length }),
  };
}

export function purchaseBody(account: number, code: number, requestId: string) {
  return {
    account_number: account,
    amount: AMOUNT,
    financing_option: { transaction_type: 'promotional_purchase', plan_id: 4, term: 12 },
    auto_capture: true,
    verification_code: code,
    request_id: requestId,
    external_location_id: '00-12345',
    external_employee_id: 'E1',
  };
}

/** PINs issued for the unmeasured run that sizes the first turn. */
export const PROBE_PINS = 3000;

/** PINs for a turn of `seconds` at about `perSecond` purchases a second: twice that, and one more per connection. */
export const pinsForTurn = (perSecond: number, seconds: number, connections: number) => Math.ceil(perSecond * seconds * 2) + 2 * connections;

/** The three Transactions calls: the purchase, and the reads of the account's authorizations and of one by id. */
export function purchaseCalls(token: string, fixture: PurchaseFixture): { purchase: Call; list: Call; byId: Call } {
  const headers = { authorization: `Bearer ${token}`, 'x-reference-id': 'bench-read' };
  return {
    purchase: {
      method: 'POST',
      path: `${API251}/authorization`,
      headers: { ...headers, 'content-type': 'application/json' },
      // A sample of the same shape for the baseline: its PIN is made up.
      body: JSON.stringify(purchaseBody(fixture.accounts[0] as number, 1234, 'bench-sample')),
      nextBody: fixture.nextBody,
      uniqueReference: true,
    },
    list: { method: 'GET', path: `${API251}/authorizations?account_number=${fixture.readAccount}`, headers },
    byId: { method: 'GET', path: `${API251}/authorization/${fixture.readAuthorizationId}`, headers },
  };
}
