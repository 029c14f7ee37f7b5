// npm run bench writes its tables into bench/results.md between the markers and leaves the record around them alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { END, START, writeResults } from '../../bench/lib/results-file.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('replaces only what is between the markers, keeping the hand-kept record before and after', () => {
  dir = mkdtempSync(join(tmpdir(), 'posapi-results-'));
  const file = join(dir, 'results.md');
  writeFileSync(file, `# results\n\nby hand\n\n${START}\n## Benchmarks\n\nold run\n${END}\n\n## Comparing two builds\n\nkept\n`);
  writeResults(file, '## Benchmarks\n\nnew run\n');
  expect(readFileSync(file, 'utf8')).toBe(`# results\n\nby hand\n\n${START}\n## Benchmarks\n\nnew run\n${END}\n\n## Comparing two builds\n\nkept\n`);
});

it('writes the tables alone to a file that has no markers or does not exist', () => {
  dir = mkdtempSync(join(tmpdir(), 'posapi-results-'));
  const file = join(dir, 'results.md');
  writeResults(file, '## Benchmarks\n\nrun\n');
  expect(readFileSync(file, 'utf8')).toBe('## Benchmarks\n\nrun\n');
});

it('the committed bench/results.md has the markers, with the latest run between them', () => {
  const committed = readFileSync(new URL('../../bench/results.md', import.meta.url), 'utf8');
  expect(committed.indexOf(START)).toBeGreaterThan(0);
  expect(committed.indexOf(END)).toBeGreaterThan(committed.indexOf(START));
  expect(committed.slice(committed.indexOf(START))).toMatch(/^<!-- bench:start -->\n## Benchmarks\n/);
});
