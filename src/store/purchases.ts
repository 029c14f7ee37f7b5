// Authorizations, captures and credits (returns, refunds, payments): written in the transactions the purchases use
// cases open, read by the client that made them only.
import type {
  AuthorizationFilter,
  AuthorizationStatus,
  AuthorizationRecord,
  AuthorizationView,
  CaptureFilter,
  CaptureRecord,
  CreditRecord,
  Page,
  PaymentKind,
  TransactionType,
} from '../use-cases/ports.js';
import { precompiled, precompiledInsert } from './precompiled.js';
import { sql, type SelectQueryBuilder } from 'kysely';
import { remembered } from './bounded-map.js';
import type { Database, Db } from './schema.js';

const PAYMENT_KINDS: PaymentKind[] = ['deposit', 'instore_payment', 'tradein'];

const authorizationInsert = precompiledInsert<'authorizations', Omit<AuthorizationRecord, 'id'>>(
  'authorizations',
  {
    client_id: true,
    account_number: true,
    transaction_type: true,
    plan_id: true,
    term: true,
    plan_category: true,
    apr: true,
    term_amount_cents: true,
    amount_cents: true,
    captured_cents: true,
    released_cents: true,
    returned_cents: true,
    status: true,
    reference: true,
    external_location_id: true,
    external_employee_id: true,
    sku_data: true,
    lang: true,
    created_at: true,
    updated_at: true,
  },
  'id',
);

export async function insertAuthorization(tx: Db, row: Omit<AuthorizationRecord, 'id'>): Promise<number> {
  return insertedId(await authorizationInsert<{ id: number | string }>(tx, [row]));
}

/**
 * The ids are PostgreSQL `integer`s (SQLite's are wider, but neither store issues one past this bound): an id beyond
 * it, which the contract's digit strings allow, names nothing; asked for as it is, PostgreSQL refuses it as out of range.
 */
export const MAX_ID = 2_147_483_647;
const canExist = (id: number) => Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID;

/** The id a single-row insert returned. */
const insertedId = (result: { rows: { id: number | string }[] }): number => {
  const row = result.rows[0];
  if (!row) throw new Error('insert returned no id');
  return Number(row.id);
};

const authorizationById = precompiled((db, id: number, clientId: string) =>
  db.selectFrom('authorizations').selectAll().where('id', '=', id).where('client_id', '=', clientId),
);

export async function findAuthorization(db: Db, clientId: string, id: number): Promise<AuthorizationRecord | undefined> {
  if (!canExist(id)) return undefined;
  return (await authorizationById(db, id, clientId))[0];
}

export async function updateAuthorization(
  tx: Db,
  id: number,
  change: Pick<AuthorizationRecord, 'captured_cents' | 'released_cents' | 'returned_cents' | 'status' | 'updated_at'>,
): Promise<void> {
  await tx.updateTable('authorizations').set(change).where('id', '=', id).execute();
}

/** One authorization's captures (what a capture, a release or a read by id answers with), compiled once. */
export const capturesOf = precompiled((db, authorizationId: number) =>
  db.selectFrom('captures').selectAll().where('authorization_id', '=', authorizationId).orderBy('id'),
);

export async function findCapture(db: Db, clientId: string, captureId: number): Promise<CaptureRecord | undefined> {
  if (!canExist(captureId)) return undefined;
  return db.selectFrom('captures').selectAll().where('id', '=', captureId).where('client_id', '=', clientId).executeTakeFirst();
}

const captureOnAccount = precompiled((db, clientId: string, accountNumber: number) =>
  db.selectFrom('captures').select('id').where('client_id', '=', clientId).where('account_number', '=', accountNumber).limit(1),
);

export async function capturedOn(db: Db, clientId: string, accountNumber: number): Promise<boolean> {
  return (await captureOnAccount(db, clientId, accountNumber)).length > 0;
}

const captureInsert = precompiledInsert<'captures', Omit<CaptureRecord, 'id'>>(
  'captures',
  {
    authorization_id: true,
    client_id: true,
    account_number: true,
    amount_cents: true,
    returned_cents: true,
    reference: true,
    external_location_id: true,
    external_employee_id: true,
    sku_data: true,
    created_at: true,
  },
  'id',
);

export async function insertCapture(tx: Db, row: Omit<CaptureRecord, 'id'>): Promise<number> {
  return insertedId(await captureInsert<{ id: number | string }>(tx, [row]));
}

export async function setCaptureReturned(tx: Db, captureId: number, returnedCents: number): Promise<void> {
  await tx.updateTable('captures').set({ returned_cents: returnedCents }).where('id', '=', captureId).execute();
}

export async function insertCredit(tx: Db, row: Omit<CreditRecord, 'id'>): Promise<number> {
  const { id } = await tx.insertInto('credits').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function paymentsSince(db: Db, accountNumber: number, since: number): Promise<number> {
  const row = await db
    .selectFrom('credits')
    .select((eb) => eb.fn.sum<string | number | null>('amount_cents').as('total'))
    .where('account_number', '=', accountNumber)
    .where('kind', 'in', PAYMENT_KINDS)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** The filters of the authorizations read, as precompiled arguments: a null is a filter left out. */
type Filters = [clientId: string, accountNumber: number | null, type: string | null, status: string | null, from: number | null, to: number | null];

function filtered(db: Db, ...[clientId, accountNumber, type, status, from, to]: Filters) {
  let query = db.selectFrom('authorizations').where('authorizations.client_id', '=', clientId);
  if (accountNumber !== null) query = query.where('authorizations.account_number', '=', accountNumber);
  if (type !== null) query = query.where('authorizations.transaction_type', '=', type as TransactionType);
  if (status !== null) query = query.where('authorizations.status', '=', status as AuthorizationStatus);
  if (from !== null) query = query.where('authorizations.created_at', '>=', from);
  if (to !== null) query = query.where('authorizations.created_at', '<', to);
  return query;
}

function onePage(db: Db, filters: Filters, pageSize: number, offset: number) {
  return (
    filtered(db, ...filters)
      .orderBy('authorizations.created_at', 'desc')
      .orderBy('authorizations.id', 'desc')
      // The page's size as a literal: bound as a parameter, it made SQLite run this statement 3.5 times slower (70 µs
      // against 20, a page of 5), as it does the search. One statement per page size, a hundred at most.
      .limit(sql.lit(pageSize))
      .offset(offset)
  );
}

// A page is one precompiled statement on the direct reader, as the other hot reads (built by Kysely on every call, they
// cost more than SQLite takes to answer them): the page's authorizations joined to their captures, a row per capture,
// each row with the count of the whole list (an uncorrelated subquery, run once): on PostgreSQL, one round trip.
const authorizationCount = precompiled((db, ...filters: Filters) => filtered(db, ...filters).select((eb) => eb.fn.countAll<string | number>().as('n')));
/**
 * Authorizations (a query over the table: filtered, maybe ordered and paged) with their account's available credit and
 * their captures: a row per capture, in the authorizations' order, newest first.
 */
function withCaptures(db: Db, authorizations: SelectQueryBuilder<Database, 'authorizations', object>) {
  return db
    .selectFrom(
      authorizations
        .innerJoin('accounts', 'accounts.account_number', 'authorizations.account_number')
        .selectAll('authorizations')
        .select('accounts.open_to_buy_cents')
        .as('page'),
    )
    .leftJoin('captures', 'captures.authorization_id', 'page.id')
    .selectAll('page')
    .select([
      'captures.id as capture_id',
      'captures.amount_cents as capture_amount_cents',
      'captures.returned_cents as capture_returned_cents',
      'captures.created_at as capture_created_at',
    ])
    .orderBy('page.created_at', 'desc')
    .orderBy('page.id', 'desc')
    .orderBy('captures.id');
}

const pagesWithCaptures = new Map<number, ReturnType<typeof pageStatement>>();
const pageStatement = (pageSize: number) =>
  precompiled((db, ...args: [...Filters, number]) => {
    const filters = args.slice(0, 6) as Filters;
    const total = filtered(db, ...filters).select((eb) => eb.fn.countAll<string | number>().as('n'));
    return withCaptures(db, onePage(db, filters, pageSize, args[6])).select(total.as('list_total'));
  });
const pageWithCaptures = (db: Db, filters: Filters, pageSize: number, offset: number) =>
  remembered(pagesWithCaptures, pageSize, 100, () => pageStatement(pageSize))(db, ...filters, offset);

const viewById = precompiled((db, id: number, clientId: string) =>
  withCaptures(db, db.selectFrom('authorizations').where('authorizations.id', '=', id).where('authorizations.client_id', '=', clientId)),
);

/** The client's own authorization with its captures and available credit, in one statement (one round trip). */
export async function findAuthorizationView(db: Db, clientId: string, id: number): Promise<AuthorizationView | undefined> {
  if (!canExist(id)) return undefined;
  return foldCaptures(await viewById(db, id, clientId))[0];
}

type PageRow = Awaited<ReturnType<typeof viewById>>[number];

/**
 * Folds the rows of the join (an authorization's rows are adjacent) into authorizations with their captures. An
 * authorization is its first row, used as read (the rows are this call's own): copying each wide row cost more than
 * the statement. Its capture and count columns stay on it, unread.
 */
function foldCaptures(rows: (PageRow & { list_total?: unknown })[]): AuthorizationView[] {
  const items: AuthorizationView[] = [];
  let item: AuthorizationView | undefined;
  for (const row of rows) {
    if (item?.id !== row.id) {
      item = row as unknown as AuthorizationView;
      item.captures = [];
      items.push(item);
    }
    if (row.capture_id !== null)
      item.captures.push({
        id: row.capture_id,
        amount_cents: row.capture_amount_cents as number,
        returned_cents: row.capture_returned_cents as number,
        created_at: row.capture_created_at as number,
      });
  }
  return items;
}

export async function listAuthorizations(
  db: Db,
  clientId: string,
  filter: AuthorizationFilter,
  page: Page,
): Promise<{ total: number; items: AuthorizationView[] }> {
  const filters: Filters = [
    clientId,
    filter.accountNumber ?? null,
    filter.transactionType ?? null,
    filter.status ?? null,
    filter.from ?? null,
    filter.to ?? null,
  ];
  const offset = (page.number - 1) * page.size;
  const rows = await pageWithCaptures(db, filters, page.size, offset);
  const first = rows[0];
  if (first) return { total: Number(first.list_total), items: foldCaptures(rows) };
  // Past the end (or nothing at all): no row carries the count.
  if (offset === 0) return { total: 0, items: [] };
  const counted = await authorizationCount(db, ...filters);
  return { total: Number(counted[0]?.n ?? 0), items: [] };
}

export async function listCaptures(db: Db, clientId: string, filter: CaptureFilter, page: Page): Promise<{ total: number; items: CaptureRecord[] }> {
  let query = db.selectFrom('captures').where('client_id', '=', clientId);
  if (filter.externalLocationId !== undefined) query = query.where('external_location_id', '=', filter.externalLocationId);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  const counted = await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  const items = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.size)
    .offset((page.number - 1) * page.size)
    .execute();
  return { total: Number(counted?.n ?? 0), items };
}
