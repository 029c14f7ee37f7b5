// Renders a scanned value safely inside a problem or warning sentence.

const MAX_QUOTED = 24;

/** Shows at most a short, printable prefix of a value: problems must never echo the payload. */
export function quote(value: string): string {
  const shown = value.length > MAX_QUOTED ? value.slice(0, MAX_QUOTED) : value;
  let printable = '';
  for (const char of shown) printable += isUnprintable(char.codePointAt(0) ?? 0) ? '?' : char;
  return value.length > MAX_QUOTED ? `${printable}…` : printable;
}

// Control characters and line separators would break the one-line sentence shown to people.
function isUnprintable(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}
