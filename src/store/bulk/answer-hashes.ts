// Security answers become slow hashes before they are stored: folded first, so "  Trois-Rivières" later matches "trois-rivieres".
import { foldAnswer } from '../../domain/verification/answer.js';
import { slowHash } from '../../security/slow-hash.js';
import { HASH_CONCURRENCY, mapBounded } from './bounded.js';
import type { CustomerRecord } from './records.js';
import type { AnswerRow } from './tables.js';

export async function hashAnswers(customers: readonly CustomerRecord[], scryptCost: number): Promise<AnswerRow[]> {
  const pending = customers.flatMap((c) => c.answers.map((a) => ({ customer_id: c.id, question_id: a.question_id, answer: a.answer })));
  return mapBounded(pending, HASH_CONCURRENCY, async (a) => ({
    customer_id: a.customer_id,
    question_id: a.question_id,
    answer_hash: await slowHash(foldAnswer(a.answer), scryptCost),
  }));
}
