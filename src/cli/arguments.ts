// Parsers of the command line's arguments: a bad value is refused in one sentence before any database is opened.
import { InvalidArgumentError } from 'commander';

/** Counts and seeds: digits, with `_` or `,` allowed between them (1_000_000). */
export const wholeNumber = (what: string) => (text: string) => {
  const n = Number(text.replace(/[_,]/g, ''));
  if (!/^[0-9][0-9_,]*$/.test(text) || !Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`${what} must be a whole number`);
  return n;
};

/** A count of things to show: at least one. */
export const positiveCount = (what: string) => (text: string) => {
  const n = wholeNumber(what)(text);
  if (n < 1) throw new InvalidArgumentError(`${what} must be at least 1`);
  return n;
};
