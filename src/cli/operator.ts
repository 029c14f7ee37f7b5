// The operator running this command, as the audit trail names them: the host's user, and a reference id per run.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { operatorActor, type Answerable } from '../domain/principal.js';
import type { UseCaseContext } from '../use-cases/context.js';

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    // A container's user may have no passwd entry.
    return process.env.USER ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** One per run: every entry a command writes shares its reference id. */
export const currentOperator: () => Answerable = (() => {
  let operator: Answerable | undefined;
  return () => (operator ??= operatorActor(userName(), `cli-${randomUUID()}`));
})();

/**
 * Audits a command whose work is not one transaction (a bulk import commits in batches): the entry says what it did,
 * written once it is done.
 */
export function auditOperatorAction(
  ctx: Pick<UseCaseContext, 'store' | 'now'>,
  action: string,
  outcome: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return ctx.store.audit.record(currentOperator(), ctx.now(), { action, accountNumber: null, outcome, detail });
}
