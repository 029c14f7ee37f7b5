// The audit trail: who did what to which account, and how it ended; never a secret.
import type { Answerable } from '../domain/principal.js';
import type { AuditEntry, AuditEvent, AuditQuery } from '../use-cases/ports.js';
import { precompiledInsert } from './precompiled.js';
import type { Db } from './schema.js';

export async function recordAudit(db: Db, actor: Answerable, at: number, entry: AuditEntry): Promise<void> {
  await auditInsert(db, [
    {
      at,
      client_id: actor.principal.clientId,
      merchant_id: actor.principal.merchantId,
      reference_id: actor.referenceId,
      action: entry.action,
      account_number: entry.accountNumber,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  ]);
}

const auditInsert = precompiledInsert<'audit_events', AuditEvent>('audit_events', {
  at: true,
  client_id: true,
  merchant_id: true,
  reference_id: true,
  action: true,
  account_number: true,
  outcome: true,
  detail: true,
});

export function auditTrailOf(db: Db, accountNumber: number) {
  return db.selectFrom('audit_events').selectAll().where('account_number', '=', accountNumber).orderBy('id').execute();
}

/** Rows per read of an export: a bounded page, whatever the period holds. */
const EXPORT_BATCH = 1000;

/**
 * A period's entries in id order, a batch at a time, each batch starting after the last id read (keyset paging, the
 * same on both stores, and no cursor held open between batches: a long export blocks no writer).
 */
export async function* auditEventsBetween(db: Db, query: AuditQuery, batch = EXPORT_BATCH): AsyncIterable<AuditEvent> {
  let after = 0;
  for (;;) {
    let select = db
      .selectFrom('audit_events')
      .select(['id', 'at', 'client_id', 'merchant_id', 'reference_id', 'action', 'account_number', 'outcome', 'detail'])
      .where('id', '>', after)
      .where('at', '>=', query.from)
      .where('at', '<', query.to);
    if (query.accountNumber !== undefined) select = select.where('account_number', '=', query.accountNumber);
    const rows = await select.orderBy('id').limit(batch).execute();
    for (const { id: _id, ...event } of rows) yield event;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = last.id;
  }
}
