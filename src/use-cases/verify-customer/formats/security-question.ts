// security_question: the customer answers one of their questions; wrong answers count towards a lockout.
import { wrongInputs, type FieldError } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';
import { foldAnswer } from '../../../domain/verification/answer.js';
import { isLockedOut, windowStart } from '../../../domain/verification/lockout.js';
import { verifySlowHash } from '../../../security/slow-hash.js';
import type { VerificationFormat } from '../format.js';

export const securityQuestion: VerificationFormat = {
  problems(request) {
    const problems: FieldError[] = [];
    if (request.security_qid === undefined) problems.push({ param: 'security_qid', msg: 'is required for format security_question' });
    if (!request.security_answer?.trim()) problems.push({ param: 'security_answer', msg: 'is required for format security_question' });
    return problems;
  },
  async prepare(ctx, request, holder) {
    const stored = await ctx.store.verifications.answerHash(holder.customer_id, request.security_qid as number);
    if (!stored) throw wrongInputs([{ param: 'security_qid', msg: "is not one of this account's security questions", value: request.security_qid }]);
    const answerRight = await verifySlowHash(foldAnswer(request.security_answer as string), stored);
    return async ({ tx, account, now }) => {
      const failures = await tx.verifications.countAnswerFailures(account.account_number, windowStart(now, ctx.config.lockout));
      if (isLockedOut(failures, ctx.config.lockout)) return { refused: refusals.triesExceeded() };
      if (!answerRight) {
        await tx.verifications.recordAnswerFailure(account.account_number, now);
        return { refused: refusals.secretAnswerMismatch() };
      }
      await tx.verifications.clearAnswerFailures(account.account_number);
      return { purpose: 'purchase' };
    };
  },
};
