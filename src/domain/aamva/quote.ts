// Renders a scanned value safely inside a problem or warning sentence.

const MAX_QUOTED = 24;
// Control characters and separators would break the one-line sentence the caller shows to people.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Shows at most a short, printable prefix of a value: problems must never echo the payload. */
export function quote(value: string): string {
  const printable = value.replace(UNPRINTABLE, '?');
  return printable.length > MAX_QUOTED ? `${printable.slice(0, MAX_QUOTED)}…` : printable;
}
