// What the long tests share: the built service as real processes, extra accounts to write to, an HTTP client with
// bounded waits, and the resident memory of a process read from /proc.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { toCents } from '../../src/domain/money.js';
import type { ServiceContext } from '../../src/runtime/context.js';
import { createContext } from '../../src/runtime/context.js';
import { prepareStore } from '../../src/runtime/server.js';
import { insertAccount, insertCustomer } from '../../src/store/customers.js';
import { CLI } from '../helpers/service-process.js';
import type { TestStore } from '../helpers/stores.js';

export const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
export const API251 = '/flexiti/pos-api/v2.5.1/client-id/flexitidemo';
export const TOKEN_URL = '/flexiti/pos-api/v2.5/oauth/token';
const ROOT = new URL('../../', import.meta.url).pathname;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * `npm run test:stress` has no build step of its own: build dist/ when it is missing or older than src/. The processes
 * run the bundle (dist/posapi.mjs), which tsc alone does not write: `npm run build` is both.
 */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** A context on the test store: migrated, seeded with the demo data. */
export async function openSeeded(store: TestStore, extra: Record<string, string> = {}): Promise<ServiceContext> {
  const ctx = createContext(loadConfig({ LOG_LEVEL: 'silent', ...store.env, ...extra }));
  await prepareStore(ctx);
  return ctx;
}

/**
 * Accounts to write to, beyond the demo data's: `open` Ontario accounts (phone, email, low risk: every verify format
 * works) and `closable` Quebec accounts with no balance.
 */
export async function addAccounts(ctx: ServiceContext, counts: { open: number; closable: number }): Promise<{ open: number[]; closable: number[] }> {
  const now = ctx.now();
  const made = { open: [] as number[], closable: [] as number[] };
  await ctx.db.transaction().execute(async (tx) => {
    for (const kind of ['open', 'closable'] as const) {
      for (let i = 0; i < counts[kind]; i++) {
        const accountNumber = (kind === 'open' ? 810_000_000 : 820_000_000) + i;
        const id = `stress-${accountNumber}`;
        const quebec = kind === 'closable';
        await insertCustomer(
          tx,
          {
            id,
            first_name: 'Stress',
            last_name: `Tester${i}`,
            dob: '1980-01-01',
            address_1: '1 Test St',
            city: quebec ? 'Montréal' : 'Toronto',
            province: quebec ? 'QC' : 'ON',
            postal_code: quebec ? 'H3B 1K9' : 'M5J 1E3',
            email: `stress${i}@example.com`,
            phone: `41655${String(10000 + i).slice(-5)}`,
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
          credit_limit_cents: toCents('5000.00'),
          open_to_buy_cents: toCents('5000.00'),
          balance_cents: 0,
          holds_cents: 0,
          opening_balance_cents: 0,
          air: '0.3099',
          category_type: 'preferred',
          risk_rating: 'L',
          province: quebec ? 'QC' : 'ON',
          originating_merchant_id: '12345',
          opened_on: '2024-01-01',
          tos_agreement: 1,
          payment_protection: 0,
          updated_at: now,
        });
        made[kind].push(accountNumber);
      }
    }
  });
  return made;
}

export interface Answer {
  status: number;
  body: string;
  headers: Headers;
  ms: number;
}

/** One HTTP call, bounded in time; throws on a network failure (refused, reset) or a timeout. */
export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; ref?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'x-reference-id': options.ref ?? `stress-${process.hrtime.bigint()}`, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  const text = await res.text();
  return { status: res.status, body: text, headers: res.headers, ms: performance.now() - started };
}

export async function tokenFor(base: string, client = 'flexitidemo', secret = 'demo-secret', scope = 'merchant'): Promise<string> {
  const res = await call(base, 'POST', TOKEN_URL, { form: { grant_type: 'client_credentials', client_id: client, client_secret: secret, scope } });
  if (res.status !== 200) throw new Error(`token call failed: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

/** Resident memory of a process, in KiB (VmRSS in /proc/<pid>/status). */
export function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]);
}

/** Waits until `check` holds, polling; fails after `timeoutMs` saying what it waited for. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
