// Where the keys come from: the environment, else a keys file written once; the master key only when it is needed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKeys } from '../../src/runtime/keys.js';

const dir = mkdtempSync(join(tmpdir(), 'posapi-keys-'));
const four = {
  tokenSigning: 't'.repeat(32),
  cardHmac: 'c'.repeat(32),
  pinHmac: 'p'.repeat(32),
  outbox: 'o'.repeat(32),
};

describe('loadKeys', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes no file when the environment gives the four keys without a master key, as before key versions', () => {
    const file = join(dir, 'four.keys.json');
    expect(loadKeys({ keys: { ...four, file } })).toEqual({ ...four, master: undefined });
    expect(existsSync(file)).toBe(false);
  });

  it('generates the master key with the others into the keys file, once, when the environment gives none', () => {
    const file = join(dir, 'none.keys.json');
    const first = loadKeys({ keys: { file } });
    expect(first.master).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    expect(loadKeys({ keys: { file } })).toEqual(first);
  });

  it('takes the master key from the environment and keeps it out of the file', () => {
    const file = join(dir, 'master.keys.json');
    const keys = loadKeys({ keys: { outbox: four.outbox, master: 'm'.repeat(32), file } });
    expect(keys.master).toBe('m'.repeat(32));
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('master');
  });
});
