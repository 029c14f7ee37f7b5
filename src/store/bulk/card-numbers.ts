// Card numbers for generated accounts (Luhn-valid, unique by construction), and masking so a clear number never leaves in a report.
import { luhnCheckDigit } from '../../domain/identity.js';

/** A prefix no demo card uses (the demo's numbers start 529931), so generated and demo cards never collide. */
const GENERATED_PREFIX = '52994';
const SPACE = 10_000_000_000n;
/** Odd and not a multiple of 5, so multiplying by it permutes 0…10^10−1 (and so does adding SHIFT): distinct inputs give distinct numbers that do not look sequential. */
const SCRAMBLE = 7_919_393_183n;
/** Shifts the permutation so the first ordinals do not map to runs of zeros. */
const SHIFT = 3_141_592_653n;

/** A 16-digit, Luhn-valid card number derived from a generated account's ordinal (unique for ordinals below 10^10). */
export function generatedCardNumber(ordinal: number): string {
  const body = GENERATED_PREFIX + ((BigInt(ordinal) * SCRAMBLE + SHIFT) % SPACE).toString().padStart(10, '0');
  return body + luhnCheckDigit(body);
}

/** `************5941`: only the last four stay. */
export function maskCardNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length <= 4 ? '*'.repeat(digits.length) : '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Masks every run of 13 to 19 digits (spaces or dashes allowed between them) in a text: whatever looks like a card number. */
export function maskCardNumbersIn(text: string): string {
  return text.replace(/\d(?:[ -]?\d){12,18}/g, (run) => maskCardNumber(run));
}
