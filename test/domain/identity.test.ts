// The identity rules as tables: name and postal-code folding, masking, Luhn, dates, languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isCalendarDate,
  maskCardNumbers,
  maskEmail,
  maskPhone,
  nameKey,
  parseLanguage,
  passesLuhn,
  postalKey,
  unicodeNameKey,
} from '../../src/domain/identity.js';

describe('nameKey folds what a cashier may type differently', () => {
  it.each([
    ['Gagné', 'GAGNE'],
    ['St-Pierre', 'St Pierre'],
    ['St-Pierre', 'STPIERRE'],
    ["O'Neil", 'ONeil'],
    ['O’Neil', 'oneil'],
    ['Côté', 'cote'],
    ['Marie-Ève', 'marie eve'],
    ['Siobhán', 'SIOBHAN'],
    ['  John  ', 'john'],
    ['MacDonald', 'macdonald'],
    ['Lefèvre-Dubé', 'LEFEVRE DUBE'],
    ['Ødegård', 'ødegard'],
    ['Strauß', 'STRAUSS'],
    ['Lætitia', 'laetitia'],
    ['Cœur', 'coeur'],
  ])('%s matches %s', (stored, typed) => {
    expect(nameKey(typed)).toBe(nameKey(stored));
  });
  it.each([
    ['Smith', 'Smyth'],
    ['Gagné', 'Gagnon'],
    ['Anne', 'Annie'],
  ])('%s does not match %s', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
  it('gives printable ASCII the same key as the full Unicode folding (the keys stored in the database)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))), maxLength: 40 }), (name) => {
        expect(nameKey(name)).toBe(unicodeNameKey(name));
      }),
      { numRuns: 2000 },
    );
  });
  it('folds punctuation-only names to nothing (refused by search)', () => {
    expect(nameKey("-'. ")).toBe('');
  });
});

describe('postalKey ignores case and spaces', () => {
  it.each([
    ['M5M 1M1', 'm5m1m1'],
    ['H2X 1E3', 'h2x-1e3'],
    [' B3J1Z4 ', 'b3j 1z4'],
  ])('%s = %s', (a, b) => expect(postalKey(a)).toBe(postalKey(b)));
});

describe('maskEmail keeps the first character and the last four of the local part', () => {
  it.each([
    ['alaninet@flexiti.com', 'a***inet@flexiti.com'],
    ['vasilevich@flexiti.com', 'v*****vich@flexiti.com'],
    ['abcdef@x.ca', 'a*cdef@x.ca'],
    ['abcde@x.ca', 'a****@x.ca'],
    ['ab@x.ca', 'a*@x.ca'],
    ['a@x.ca', 'a@x.ca'],
    ['not-an-email', ''],
    ['', ''],
  ])('%s → %s', (email, masked) => expect(maskEmail(email)).toBe(masked));
});

describe('maskPhone shows the last four digits', () => {
  it.each([
    ['4165552222', '***-***-2222'],
    ['(647) 555-5119', '***-***-5119'],
    ['+1 514 555 0123', '***-***-0123'],
    ['12', ''],
    ['', ''],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});

describe('passesLuhn', () => {
  it.each([
    ['5299310002006395', true],
    ['5299310003007962', true],
    ['4111111111111111', true],
    ['5299310002006396', false],
    ['1234123412341234', false],
    ['', false],
    ['12a4', false],
  ])('%s → %s', (digits, ok) => expect(passesLuhn(digits)).toBe(ok));
});

describe('isCalendarDate', () => {
  it.each([
    ['1900-01-01', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['1900-02-30', false],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['19000101', false],
    ['1900-1-1', false],
  ])('%s → %s', (text, ok) => expect(isCalendarDate(text)).toBe(ok));
});

describe('parseLanguage', () => {
  it.each([
    ['en', 'en-CA'],
    ['fr', 'fr-CA'],
    ['en-CA', 'en-CA'],
    ['FR-ca', 'fr-CA'],
    ['EN_CA', 'en-CA'],
    ['de', undefined],
    [undefined, undefined],
  ])('%s → %s', (lang, parsed) => expect(parseLanguage(lang)).toBe(parsed));
});

describe('maskCardNumbers keeps at most the first six and last four digits of a card number in any text', () => {
  it.each([
    ['a 16-digit Visa', '4111111111111111', '411111******1111'],
    ['a 15-digit Amex inside text', 'till-378282246310005/2', 'till-378282*****0005/2'],
    ['a 13-digit card', '4222222222222', '422222***2222'],
    ['a 19-digit card', '6011000990139424009', '601100*********4009'],
    ['a run that fails Luhn', '4111111111111112', '4111111111111112'],
    ['an account number (too short)', '116994755', '116994755'],
    ['a 20-digit run (not a card by length)', '41111111111111111111', '41111111111111111111'],
    ['two cards', '4111111111111111 5555555555554444', '411111******1111 555555******4444'],
  ])('%s', (_what, text, shown) => expect(maskCardNumbers(text)).toBe(shown));
});
