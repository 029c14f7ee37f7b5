// The service's log destination: a turn's lines leave together, nothing is lost at exit, a gone reader ends no process.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { turnBatchedDestination } from '../../src/runtime/log-destination.js';

const MODULE = join(import.meta.dirname, '../../src/runtime/log-destination.ts');

/** Runs `body` in a child node (tsx) with the destination on its standard output as `log`. */
function childScript(body: string): string {
  return `import { turnBatchedDestination } from ${JSON.stringify(MODULE)};\nconst log = turnBatchedDestination();\n${body}`;
}

describe('the turn-batched log destination', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'posapi-log-destination-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("writes a turn's lines at the turn's end, whole and in order, and nothing before", async () => {
    const path = join(folder, 'out.log');
    const fd = openSync(path, 'w');
    try {
      const destination = turnBatchedDestination(fd);
      for (let i = 0; i < 100; i += 1) destination.write(`{"line":${i}}\n`);
      expect(readFileSync(path, 'utf8')).toBe('');
      await new Promise((resolve) => setImmediate(resolve));
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
      expect(lines).toEqual(Array.from({ length: 100 }, (_, i) => `{"line":${i}}`));
      destination.write('{"line":"next turn"}\n');
      destination.flushSync();
      expect(readFileSync(path, 'utf8').endsWith('{"line":"next turn"}\n')).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it('writes at once when a turn has gathered a quarter of a megabyte, so a turn that logs without end holds no more', () => {
    const path = join(folder, 'out.log');
    const fd = openSync(path, 'w');
    try {
      const destination = turnBatchedDestination(fd);
      const line = `${'x'.repeat(1023)}\n`;
      for (let i = 0; i < 300; i += 1) destination.write(line);
      // 256 lines of 1 KiB reached the bound; the other 44 wait for the turn's end.
      expect(readFileSync(path).length).toBe(256 * 1024);
      destination.flushSync();
      expect(readFileSync(path).length).toBe(300 * 1024);
    } finally {
      closeSync(fd);
    }
  });

  it('writes the pending lines when the process exits in the same turn, a crash included', () => {
    const exit = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', childScript('log.write("a\\n"); log.write("b\\n"); process.exit(3);')],
      {
        encoding: 'utf8',
      },
    );
    expect({ status: exit.status, out: exit.stdout }).toEqual({ status: 3, out: 'a\nb\n' });
    const crash = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', childScript('log.write("before the crash\\n"); throw new Error("boom");')],
      {
        encoding: 'utf8',
      },
    );
    expect(crash.status).not.toBe(0);
    expect(crash.stdout).toBe('before the crash\n');
  });

  it('waits out a full pipe instead of dropping lines, and stops writing (without failing) once the reader is gone', async () => {
    // 4 MB through a pipe whose reader starts late: the pipe fills (64 KB), the writer waits, every byte arrives.
    const script = childScript('for (let i = 0; i < 4096; i += 1) log.write("y".repeat(1023) + "\\n"); log.flushSync(); process.stderr.write("done");');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    let received = 0;
    child.stdout.on('data', (chunk: Buffer) => (received += chunk.length));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    expect({ status, received }).toEqual({ status: 0, received: 4096 * 1024 });

    const gone = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        childScript('setTimeout(() => { for (let i = 0; i < 1000; i += 1) log.write("z\\n"); log.flushSync(); process.stderr.write("alive"); }, 500);'),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    gone.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    gone.stdout.destroy();
    const goneStatus = await new Promise<number | null>((resolve) => gone.once('exit', (code) => resolve(code)));
    expect({ goneStatus, stderr }).toEqual({ goneStatus: 0, stderr: 'alive' });
  });
});
