// The committed Postman collection, run by newman against the built service on fresh demo data: every request answers
// as its own test script expects (status, documented shape, key values), in one collection run, with no failure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '../helpers/service-process.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const COLLECTION = join(ROOT, 'clients/postman/posapi.postman_collection.json');

/** What this test reads of newman's run summary. */
interface Summary {
  run: {
    failures: { error: { name: string; message: string; test?: string }; source?: { name?: string } }[];
    executions: { item: { name: string }; response?: { code: number }; assertions?: { assertion: string; error?: { message: string } }[] }[];
  };
}
type Newman = { run(options: object, done: (error: Error | null, summary: Summary) => void): void };
const newman = createRequire(import.meta.url)('newman') as Newman;

describe('the Postman collection in newman', () => {
  let dir: string;
  let service: ServiceProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posapi-newman-'));
    service = await startService({ DATABASE_URL: `sqlite:${join(dir, 'posapi.db')}`, KEYS_FILE: join(dir, 'keys.json') });
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs every request on the demo data, each asserting its status, shape and key values, with 0 failures', async () => {
    const collection = JSON.parse(readFileSync(COLLECTION, 'utf8')) as { item: { item: unknown[] }[] };
    const summary = await new Promise<Summary>((done, fail) =>
      newman.run({ collection, envVar: [{ key: 'baseUrl', value: service.base }], reporters: [], timeoutRequest: 30_000 }, (error, result) =>
        error ? fail(error) : done(result),
      ),
    );
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.test ?? f.error.name}: ${f.error.message}`);
    expect(failures).toEqual([]);
    // An item whose scripts call pm.sendRequest (a PIN, a purchase first) is listed once per call, each with the item's tests.
    const executions = summary.run.executions.filter((e) => e.assertions?.length);
    expect([...new Set(executions.map((e) => e.item.name))].sort()).toEqual(
      collection.item
        .flatMap((folder) => folder.item as { name: string }[])
        .map((item) => item.name)
        .sort(),
    );
    for (const execution of executions) {
      const assertions = (execution.assertions ?? []).map((a) => a.assertion);
      expect(execution.response?.code, execution.item.name).toBe(200);
      expect(assertions, execution.item.name).toEqual(expect.arrayContaining(['answers 200', 'has the documented shape']));
      expect(
        assertions.some((a) => a.startsWith('shows ')),
        `${execution.item.name} checks a key value`,
      ).toBe(true);
      expect(execution.assertions?.filter((a) => a.error) ?? [], execution.item.name).toEqual([]);
    }
  }, 180_000);
});
