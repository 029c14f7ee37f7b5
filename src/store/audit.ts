// The audit trail: who did what to which account, and how it ended; never a secret.
import type { Actor } from '../domain/principal.js';
import type { AuditEntry, AuditEvent } from '../use-cases/ports.js';
import { precompiledInsert } from './precompiled.js';
import type { Db } from './schema.js';

export async function recordAudit(db: Db, actor: Actor, at: number, entry: AuditEntry): Promise<void> {
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
