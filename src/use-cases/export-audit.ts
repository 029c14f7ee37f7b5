// The audit trail of a period as records an auditor reads: who, when, which reference id, what, on which account, how
// it ended and the detail; never a secret, even from an entry that should not have held one.
import { CARD_PARAMS, SECRET_PARAMS } from '../contract/secret-params.js';
import { maskCardNumbers } from '../domain/identity.js';
import type { AuditEvent, AuditQuery } from './ports.js';
import type { UseCaseContext } from './context.js';

/** An audit entry as exported: the stored event with its instant in ISO 8601 (UTC) and its detail as an object. */
export type AuditRecord = Omit<AuditEvent, 'at' | 'detail'> & { at: string; detail: Record<string, unknown> };

export const AUDIT_RECORD_FIELDS: readonly (keyof AuditRecord)[] = [
  'at',
  'client_id',
  'merchant_id',
  'reference_id',
  'action',
  'account_number',
  'outcome',
  'detail',
];

/**
 * The writers of the trail keep secrets out of it; an export leaves the building, so it checks again: a secret's
 * field is left out at any depth, a card field masked to its last four, and a card number inside any text masked as
 * the service masks identifiers.
 */
function withoutSecrets(value: unknown): unknown {
  if (typeof value === 'string') return maskCardNumbers(value);
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (SECRET_PARAMS.has(name)) continue;
    kept[key] = CARD_PARAMS.has(name) && inner !== null && typeof inner !== 'object' ? `****${String(inner).slice(-4)}` : withoutSecrets(inner);
  }
  return kept;
}

function detailOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (withoutSecrets(parsed) as Record<string, unknown>) : {};
  } catch {
    return { unreadable: true };
  }
}

export async function* auditRecords(ctx: Pick<UseCaseContext, 'store'>, query: AuditQuery): AsyncIterable<AuditRecord> {
  for await (const event of ctx.store.audit.between(query)) {
    yield {
      at: new Date(event.at).toISOString(),
      client_id: event.client_id,
      merchant_id: event.merchant_id,
      reference_id: maskCardNumbers(event.reference_id),
      action: event.action,
      account_number: event.account_number,
      outcome: event.outcome,
      detail: detailOf(event.detail),
    };
  }
}
