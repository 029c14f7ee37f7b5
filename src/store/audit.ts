// The audit trail: who did what to which account, and how it ended; never a secret.
import type { Actor } from '../domain/principal.js';
import type { AuditEntry } from '../use-cases/ports.js';
import type { Db } from './schema.js';

export async function recordAudit(db: Db, actor: Actor, at: number, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at,
      client_id: actor.principal.clientId,
      merchant_id: actor.principal.merchantId,
      reference_id: actor.referenceId,
      action: entry.action,
      account_number: entry.accountNumber,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

export function auditTrailOf(db: Db, accountNumber: number) {
  return db.selectFrom('audit_events').selectAll().where('account_number', '=', accountNumber).orderBy('id').execute();
}
