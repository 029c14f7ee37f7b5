// The operators' commands for purchases: an account's ledger (checked to add up), a client's locations.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../helpers/api.js';
import { ONTARIO, purchase } from '../helpers/purchases.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

const run = promisify(execFile);
/** The built command (`npm test` builds first): starting it costs a fraction of compiling the sources on the fly. */
const POSAPI = join(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/main.js');

describe('posapi accounts ledger, clients locations', () => {
  let fixture: StoreFixture;
  let api: ApiClient;
  const posapi = (...args: string[]) =>
    run(process.execPath, [POSAPI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...fixture.store.env, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });

  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    api = await apiClient(fixture.ctx);
  });
  afterAll(async () => {
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  it('prints every entry of a purchase and says the entries add up', async () => {
    const res = await purchase(api, { amount: 123.45, autoCapture: false });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().authorization_id as string;
    const { stdout } = await posapi('accounts', 'ledger', String(ONTARIO));
    const lines = stdout.split('\n').filter((l) => l.includes(` ${id} `));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/hold\s+123\.45\s+0\.00\s+\+123\.45/);
    expect(lines[0]).toContain('flexitidemo / 00-12345 / 12345-SMITH');
    expect(stdout).toContain('holds 123.45');
    expect(stdout).toContain('the entries add up');
  });

  it('says so when an account does not exist', async () => {
    await expect(posapi('accounts', 'ledger', '99999')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no account 99999') });
  });

  it("lists a client's locations, and registers a new one", { timeout: 120_000 }, async () => {
    expect((await posapi('clients', 'locations', 'flexitidemo')).stdout).toMatch(/^00-12345\t.*\n00-67890\t/);
    expect((await posapi('clients', 'locations', 'acmedemo')).stdout).toContain('has no registered location');
    await posapi('clients', 'add-location', 'acmedemo', 'WEB-1', '--name', 'Web shop');
    expect((await posapi('clients', 'locations', 'acmedemo')).stdout).toBe('WEB-1\tWeb shop\n');
    expect(await fixture.ctx.store.locations.isRegistered('acmedemo', 'WEB-1')).toBe(true);
  });

  it('refuses an unknown client in one sentence', async () => {
    await expect(posapi('clients', 'locations', 'nobody')).rejects.toMatchObject({ stderr: expect.stringContaining('no client nobody') });
  });
});
