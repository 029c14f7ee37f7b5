// A POST is made once per (client, reference id): its answer, success or refusal, is kept as data and replayed.

/** Identifies one POST: the same client and reference id with the same request hash is a replay. */
export interface IdempotencyKey {
  clientId: string;
  referenceId: string;
  requestHash: string;
}

/** How long an answer is replayed; past it, the reference id is free again. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A refusal as data: what the error body says, without the request's own url and reference id. */
export interface KeptRefusal {
  error: string;
  message: string;
  field_errors?: { param: string; msg: string; value?: unknown }[];
}

/** The first answer to a request, as kept: a status and either the success body or the refusal. */
export interface KeptAnswer {
  status: number;
  body: unknown;
  /** Headers of the answer beyond the usual ones (a refund's x-refund-id), given again on a replay. */
  headers?: Record<string, string>;
}

/** Thrown when the answer to this key is already kept: the edge replays it instead of running the request. */
export class IdempotentReplay extends Error {
  constructor(readonly answer: KeptAnswer) {
    super('idempotent replay');
  }
}

/** Thrown when the key's reference id was spent on a different request. */
export class ReferenceIdReused extends Error {
  constructor() {
    super('reference id reused');
  }
}
