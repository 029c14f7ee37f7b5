// What every purchase operation shares: the amount and the till's ids checked, and money moved through the ledger.
import { wrongInputs, type FieldError } from '../../contract/errors.js';
import { refusals } from '../../contract/refusals.js';
import { checkPurchaseAmount } from '../../domain/amount.js';
import { passesLuhn } from '../../domain/identity.js';
import type { Actor } from '../../domain/principal.js';
import { applyEntry, availableCredit, effectOf, type Money } from '../../domain/purchases/ledger.js';
import type { AccountRow, CreditKind, CreditRecord, LedgerEntryType, Repositories } from '../ports.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a till operation happens: the merchant's store and cashier, as the client sent them. */
export interface Where {
  external_location_id?: string;
  external_employee_id?: string;
}

/** The amount in cents, or a field error for it; `undefined` stays undefined (an optional amount left out). */
export function amountProblem(value: number | undefined, problems: FieldError[], param = 'amount'): number | undefined {
  if (value === undefined) return undefined;
  const checked = checkPurchaseAmount(value);
  if (checked.ok) return checked.cents;
  problems.push({ param, msg: checked.problem, value });
  return undefined;
}

/** In-store clients name the store and the cashier on every operation; online clients may. */
export function whereProblems(actor: Actor, where: Where, problems: FieldError[]): void {
  if (actor.principal.channel !== 'in_store') return;
  if (!where.external_location_id) problems.push({ param: 'external_location_id', msg: 'is required for in-store clients' });
  if (!where.external_employee_id) problems.push({ param: 'external_employee_id', msg: 'is required for in-store clients' });
}

/** A card named on an operation must at least pass its checksum. */
export function cardProblem(vcc: string | undefined, problems: FieldError[]): void {
  if (vcc !== undefined && !passesLuhn(vcc)) problems.push({ param: 'vcc_number', msg: 'is not a valid card number (checksum)', value: vcc });
}

/** In store, a PIN is presented with the request id verify issued it for. */
export function requestIdProblem(actor: Actor, requestId: string | undefined, problems: FieldError[]): void {
  if (actor.principal.channel === 'in_store' && requestId === undefined) problems.push({ param: 'request_id', msg: 'is required for in-store clients' });
}

/** The merchant's basket as kept: the JSON it sent, or nothing. */
export const skuText = (sku: object | undefined): string | null => (sku ? JSON.stringify(sku) : null);

/** A credit to an account (return, refund, payment) as stored, from the till's fields. */
export function creditRow(
  actor: Actor,
  kind: CreditKind,
  accountNumber: number,
  cents: number,
  fields: Where & { reference?: string; sku_data?: object },
  now: number,
  of: { authorizationId?: number; captureId?: number } = {},
): Omit<CreditRecord, 'id'> {
  return {
    kind,
    client_id: actor.principal.clientId,
    account_number: accountNumber,
    authorization_id: of.authorizationId ?? null,
    capture_id: of.captureId ?? null,
    amount_cents: cents,
    reference: fields.reference ?? null,
    external_location_id: fields.external_location_id ?? null,
    external_employee_id: fields.external_employee_id ?? null,
    sku_data: skuText(fields.sku_data),
    created_at: now,
  };
}

export function throwIfAny(problems: FieldError[]): void {
  if (problems.length) throw wrongInputs(problems);
}

/** The location, when named, must be one the client registered. */
export async function checkLocation(tx: Repositories, actor: Actor, where: Where): Promise<void> {
  if (where.external_location_id === undefined) return;
  if (!(await tx.locations.isRegistered(actor.principal.clientId, where.external_location_id))) throw refusals.externalLocationNotFound();
}

export const moneyOf = (account: AccountRow): Money => ({
  creditLimitCents: account.credit_limit_cents,
  balanceCents: account.balance_cents,
  holdsCents: account.holds_cents,
});

export interface Posting {
  type: LedgerEntryType;
  amountCents: number;
  authorizationId?: number;
  captureId?: number;
  creditId?: number;
}

/**
 * Appends the entries and writes the account's money they lead to, in the caller's transaction (the account locked):
 * the ledger and the balances change together or not at all. Returns the available credit after.
 */
export async function post(tx: Repositories, actor: Actor, account: AccountRow, where: Where, postings: Posting[], now: number): Promise<number> {
  let money = moneyOf(account);
  const entries = postings.map((p) => {
    const effect = effectOf(p.type, p.amountCents);
    money = applyEntry(money, p.type, p.amountCents);
    return {
      account_number: account.account_number,
      entry_type: p.type,
      amount_cents: p.amountCents,
      balance_delta_cents: effect.balanceDeltaCents,
      holds_delta_cents: effect.holdsDeltaCents,
      authorization_id: p.authorizationId ?? null,
      capture_id: p.captureId ?? null,
      credit_id: p.creditId ?? null,
      client_id: actor.principal.clientId,
      external_location_id: where.external_location_id ?? null,
      external_employee_id: where.external_employee_id ?? null,
      reference_id: actor.referenceId,
      at: now,
    };
  });
  await tx.ledger.append(entries);
  const available = availableCredit(money);
  await tx.accounts.setMoney(account.account_number, { balance_cents: money.balanceCents, holds_cents: money.holdsCents, open_to_buy_cents: available }, now);
  account.balance_cents = money.balanceCents;
  account.holds_cents = money.holdsCents;
  account.open_to_buy_cents = available;
  return available;
}

/**
 * Instants on the wire: UTC to the second, as the lender's pages show them (ISO text less its `.sss` milliseconds). The
 * date part of the last day asked is kept: a page of purchases is mostly one day's, and Date's own formatting of every
 * instant was a twentieth of the page's CPU.
 */
export function wireInstant(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== lastDay.day) {
    const iso = new Date(day * DAY_MS).toISOString();
    lastDay.day = day;
    lastDay.date = iso.slice(0, iso.indexOf('T') + 1);
  }
  const seconds = Math.floor((epochMs - day * DAY_MS) / 1000);
  return `${lastDay.date}${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:${twoDigits(seconds % 60)}Z`;
}
const lastDay = { day: Number.NaN, date: '' };
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));
