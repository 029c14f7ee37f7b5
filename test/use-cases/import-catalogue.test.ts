// posapi plans import: a catalogue file replaces the current one whole, or not at all, and round-trips.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/domain/principal.js';
import { catalogueFromFile, catalogueToFile, parseCatalogue, serializeCatalogue } from '../../src/domain/plans/index.js';
import { importCatalogueFile } from '../../src/use-cases/import-catalogue.js';
import { loadCatalogue } from '../../src/store/catalogue.js';
import { API251, apiClient, type ApiClient } from '../helpers/api.js';
import { CLI } from '../helpers/service-process.js';
import { describeEachStore } from '../helpers/stores.js';

const run = promisify(execFile);
const DEMO = 'catalogue/demo-plans.yaml';
const OPERATOR = operatorActor('tester', 'cli-test');

describeEachStore('plan catalogue import', (fixture) => {
  let api: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'posapi-plans-'));
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });

  it('holds exactly the demo catalogue after the demo data is loaded', async () => {
    const parsed = parseCatalogue(readFileSync(DEMO, 'utf8'), DEMO);
    if (!parsed.ok) throw new Error('demo catalogue invalid');
    expect(await loadCatalogue(fixture().ctx.db)).toEqual(catalogueFromFile(parsed.catalogue));
  });

  it('round-trips: export, re-import, export again gives the same file', async () => {
    const first = serializeCatalogue(catalogueToFile(await loadCatalogue(fixture().ctx.db)));
    writeFileSync(join(dir, 'exported.yaml'), first);
    const result = await importCatalogueFile(fixture().ctx, join(dir, 'exported.yaml'), OPERATOR);
    expect(result).toEqual({ ok: true, plans: 4, offers: 6 });
    expect(serializeCatalogue(catalogueToFile(await loadCatalogue(fixture().ctx.db)))).toBe(first);
  });

  it('replaces the catalogue: a new fee is quoted at once', async () => {
    const text = readFileSync(DEMO, 'utf8').replace('admin_fee: { default: "50.00" }', 'admin_fee: { default: "25.00" }');
    writeFileSync(join(dir, 'cheaper.yaml'), text);
    expect((await importCatalogueFile(fixture().ctx, join(dir, 'cheaper.yaml'), OPERATOR)).ok).toBe(true);
    const body = (await api.call('POST', `${API251}/accounts/116994755/calculate-interest`, { body: { amount: 10.5 } })).json();
    const term6 = body.promotional_purchase.find((p: { plan_id: number }) => p.plan_id === 4).terms.find((t: { term: number }) => t.term === 6);
    expect(term6.fees[0].amount).toBe(25);
    // (10.50 + 25.00) amortized over 6 months at 9.99%: 6.0902… → 6.09.
    expect(term6.term_amount).toBe(6.09);
  });

  it('refuses an invalid file with line-precise errors and changes nothing', async () => {
    const before = serializeCatalogue(catalogueToFile(await loadCatalogue(fixture().ctx.db)));
    const lines = readFileSync(DEMO, 'utf8').split('\n');
    const aprLine = lines.findIndex((l) => l.includes('apr: "0.0999"'));
    lines[aprLine] = (lines[aprLine] as string).replace('apr: "0.0999"', 'apr: "1.5"');
    writeFileSync(join(dir, 'broken.yaml'), lines.join('\n'));
    const result = await importCatalogueFile(fixture().ctx, join(dir, 'broken.yaml'), OPERATOR);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.line).toBe(aprLine + 1);
    expect(serializeCatalogue(catalogueToFile(await loadCatalogue(fixture().ctx.db)))).toBe(before);
  });

  describe('the command', () => {
    it('imports a valid file and prints what it imported', async () => {
      const { stdout } = await run(process.execPath, [CLI, 'plans', 'import', DEMO], { env: { ...process.env, ...fixture().store.env, LOG_LEVEL: 'silent' } });
      expect(stdout).toContain('imported 4 plans and 6 offers');
    });
    it('prints file:line:column errors and exits 1 for an invalid file', async () => {
      writeFileSync(join(dir, 'bad.yaml'), 'plans:\n  - id: one\noffers: []\n');
      const failure = await run(process.execPath, [CLI, 'plans', 'import', join(dir, 'bad.yaml')], { env: { ...process.env, ...fixture().store.env } }).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/bad\.yaml:2:\d+: /);
    });
  });
});
