// Where `npm run bench` puts a full run's tables: between bench/results.md's markers, so the hand-kept record of
// earlier measurements around them survives every run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

/** Puts a run's tables between the file's markers; a file without them (or none) becomes the tables alone. */
export function writeResults(path: string, markdown: string): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const from = previous.indexOf(START);
  const to = previous.indexOf(END);
  writeFileSync(path, from >= 0 && to > from ? `${previous.slice(0, from + START.length)}\n${markdown}${previous.slice(to)}` : markdown);
}
