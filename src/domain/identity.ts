// Identity rules: the folded keys names and postal codes are searched by, contact masking, and the card number checksum.

/** Printable ASCII only. */
const ASCII = /^[ -~]*$/;

/** Folds a name to its search key: accents, case, spaces and punctuation do not count (`St-Pierre` = `st pierre` = `STPIERRE`). */
export function nameKey(name: string): string {
  // Most names typed at a till are plain ASCII, where the full folding reduces to this (a property test holds them
  // equal); the Unicode normalisation and its four passes cost several times more.
  if (ASCII.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return unicodeNameKey(name);
}

/** The folding in full, for any text: compatibility decomposition, marks dropped, ligatures spelt out. */
export function unicodeNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Postal codes compare without case or spaces. */
export function postalKey(postalCode: string): string {
  return postalCode.replace(/[\s-]+/g, '').toUpperCase();
}

/** Keeps the first character and the last four of the local part; a local part of five characters or fewer keeps only its first. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '';
  const local = email.slice(0, at);
  // By code point, so a character outside the BMP is never cut in half; a printable-ASCII local part needs no splitting.
  const chars = ASCII.test(local) ? local : [...local];
  const shown = chars.length <= 5 ? chars[0] + '*'.repeat(chars.length - 1) : chars[0] + '*'.repeat(chars.length - 5) + [...chars.slice(-4)].join('');
  return `${shown}${email.slice(at)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '';
  return `***-***-${digits.slice(-4)}`;
}

/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Counting from the right of the final number, the check digit is position 0, so the body's last digit is doubled.
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function passesLuhn(digits: string): boolean {
  return /^[0-9]{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

/**
 * Card numbers hidden in an identifier (a reference id, a request id, an order reference): every run of 13 to 19
 * digits that passes the Luhn check keeps its first six and last four digits, the rest starred (the length kept, so a
 * masked identifier fits wherever the original did). Other digit runs (account numbers, order numbers) are left alone.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(/(?<!\d)\d{13,19}(?!\d)/g, (digits) =>
    passesLuhn(digits) ? `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}` : digits,
  );
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

export type Language = 'en-CA' | 'fr-CA';

/** The `lang` parameter's accepted spellings (`en`, `fr`, `en-CA`, `fr-CA`, and the original's `EN_CA`). */
export function parseLanguage(lang: string | undefined): Language | undefined {
  if (!lang) return undefined;
  const l = lang.trim().toLowerCase().replace('_', '-');
  if (l === 'en' || l === 'en-ca') return 'en-CA';
  if (l === 'fr' || l === 'fr-ca') return 'fr-CA';
  return undefined;
}
