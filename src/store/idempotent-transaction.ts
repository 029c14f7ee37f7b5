// Runs a POST's effects, its audit entry and its idempotency record in one transaction, so a replay has no second effect.
import { ApiError } from '../contract/errors.js';
import type { Db } from './open-store.js';
import { findIdempotencyRecord, insertIdempotencyRecord } from './idempotency.js';
import type { IdempotencyKey } from '../use-cases/context.js';

/** What a use case decided: a success body, or a refusal that must still be committed (e.g. a counted wrong answer). */
export type Outcome<T> = { ok: true; status?: number; body: T } | { ok: false; error: ApiError };

/** Thrown when another request with the same key committed first: the caller replays the stored answer. */
export class IdempotentReplay extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
  ) {
    super('idempotent replay');
  }
}

export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/**
 * `render` turns a refusal into the body the client saw, so a replay of a refusal answers the same body.
 * A refusal thrown (not returned) by `work` rolls its transaction back, then is recorded on its own: it had no
 * effect, but the reference id is spent on it all the same.
 */
export async function runIdempotent<T>(
  db: Db,
  key: IdempotencyKey | undefined,
  now: () => number,
  render: (error: ApiError) => unknown,
  work: (tx: Db) => Promise<Outcome<T>>,
): Promise<T> {
  const recordOf = (key: IdempotencyKey, answer: StoredAnswer) => ({
    client_id: key.clientId,
    reference_id: key.referenceId,
    request_hash: key.requestHash,
    status_code: answer.status,
    response_body: JSON.stringify(answer.body),
    created_at: now(),
  });
  const answerOf = (result: Outcome<T>): StoredAnswer =>
    result.ok ? { status: result.status ?? 200, body: result.body } : { status: result.error.status, body: render(result.error) };
  let outcome: Outcome<T>;
  try {
    outcome = await db.transaction().execute(async (tx) => {
      const result = await work(tx);
      if (key) await insertIdempotencyRecord(tx, recordOf(key, answerOf(result)));
      return result;
    });
  } catch (error) {
    if (!key) throw error;
    if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
      const recorded = await insertIdempotencyRecord(db, recordOf(key, answerOf({ ok: false, error }))).then(
        () => true,
        () => false,
      );
      if (recorded) throw error;
    }
    // A concurrent twin won the race: its answer is the one to give.
    const record = await findIdempotencyRecord(db, key.clientId, key.referenceId);
    if (record) {
      if (record.request_hash !== key.requestHash) throw referenceIdReused();
      throw new IdempotentReplay(record.status_code, record.response_body);
    }
    throw error;
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.body;
}

export const referenceIdReused = (): ApiError =>
  new ApiError(409, 'reference_id_reused', 'This x-reference-id was already used for a different request.');
