// The caller's ids (x-reference-id, x-idempotency-key) as they may be shown, logged and kept: a card number sent as
// one is masked everywhere it goes, and the key that makes a call once stays as distinct as the id that was sent.
import { referenceIdPattern } from '../contract/common.js';
import { maskCardNumbers } from '../domain/identity.js';

/** The x-reference-id as echoed, logged and audited, or undefined when it is missing or not 1–100 printable ASCII. */
export function shownReferenceId(header: unknown): string | undefined {
  return typeof header === 'string' && referenceIdPattern.test(header) ? maskCardNumbers(header) : undefined;
}

/**
 * The id an idempotency record is kept under. Masking alone would let two ids that differ only in a card number's
 * middle digits share one record (and one answer); a keyed hash of the id as sent, appended, keeps them apart without
 * storing the number.
 */
export function keptReferenceId(sent: string, hashCard: (text: string) => string): string {
  const shown = maskCardNumbers(sent);
  return shown === sent ? sent : `${shown}#${hashCard(sent).slice(0, 16)}`;
}
