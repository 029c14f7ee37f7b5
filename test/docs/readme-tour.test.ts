// The README's five-minute tour, run as written: every ```sh block marked `<!-- doc-test -->` runs in bash, in order,
// against the built service started on a fresh SQLite store with the demo data (the command line on the same store, as
// a reader's `npx posapi` finds the service's `./data`). Each block must exit 0 and print what the `<!-- doc-test
// output -->` block after it says, line by line in order (`…` stands for what differs between runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '../helpers/service-process.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface DocTest {
  heading: string;
  script: string;
  output?: string;
}

/** The tour's marked blocks, each with the expected output that follows it (before the next marked block), if any. */
function docTests(markdown: string): DocTest[] {
  const marked = /<!-- doc-test( output)? -->\n```(\w+)\n([\s\S]*?)```\n/g;
  const tests: DocTest[] = [];
  for (const match of markdown.matchAll(marked)) {
    const [, isOutput, language, body = ''] = match;
    if (isOutput) {
      const last = tests.at(-1);
      if (!last || last.output !== undefined) throw new Error('a doc-test output block follows no doc-test block');
      last.output = body;
      continue;
    }
    if (language !== 'sh') throw new Error(`a doc-test block must be sh, not ${language}`);
    const heading = [...markdown.slice(0, match.index).matchAll(/^#{2,4} (.+)$/gm)].at(-1)?.[1] ?? '(no heading)';
    tests.push({ heading, script: body });
  }
  return tests;
}

/** The expected output as one pattern: its lines in order, `…` any text within a line. */
function outputPattern(expected: string): RegExp {
  const lines = expected
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^\\n]*'),
    );
  return new RegExp(lines.join('[\\s\\S]*?'));
}

describe('the README tour, run as written', () => {
  const tests = docTests(README);
  let dir: string;
  let service: ServiceProcess;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posapi-tour-'));
    const store = { DATABASE_URL: `sqlite:${join(dir, 'posapi.db')}`, KEYS_FILE: join(dir, 'keys.json') };
    service = await startService(store);
    env = { ...process.env, ...store, POSAPI: service.base };
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('marks the curl walk-through, the console and the command line for running, each with what it prints', () => {
    expect(tests.map((t) => t.heading)).toEqual(['1. The API with curl', '2. The cashier console', '4. The command line']);
    for (const test of tests) expect(test.output, test.heading).toBeDefined();
  });

  it('runs every block in order: each exits 0 and prints what the README shows', { timeout: 120_000 }, () => {
    for (const test of tests) {
      const run = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', test.script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
      const report = `${test.heading}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
      expect(run.status, report).toBe(0);
      expect(run.stdout, report).toMatch(outputPattern(test.output ?? ''));
    }
  });

  it('leaves no path outside the repository in the README', () => {
    expect(README).not.toMatch(/\]\(\.\.\/|`\.\.\/|\/work\//);
  });
});

describe('the doc-test reader', () => {
  it('matches lines in order with … as any text in a line, and nothing across lines', () => {
    const pattern = outputPattern('a…c\n  d\n');
    expect('x abc\nzz\n  d\n').toMatch(pattern);
    expect('  d\nabc\n').not.toMatch(pattern);
    expect('a\nc\n  d').not.toMatch(pattern);
  });
});
