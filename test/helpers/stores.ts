// Runs a test file on every store: a fresh SQLite file and a fresh PostgreSQL database per file, migrated and seeded.
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig, type Config, type StoreKind } from '../../src/config.js';
import type { ServiceContext } from '../../src/runtime/context.js';
import { createContext } from '../../src/runtime/context.js';
import { prepareStore } from '../../src/runtime/server.js';
import { createTestStore, type TestStore } from '../../testkit/databases.js';

export { createTestStore, type TestStore };

export function storeKinds(): StoreKind[] {
  return process.env.POSAPI_TEST_PG === '0' ? ['sqlite'] : ['sqlite', 'postgres'];
}

/**
 * In process, the event loop is the test's too: a test's own synchronous work (generating rows, a property run) would
 * trip the service's load shedding, and a request answered 503 would fail a test about something else. The shedding
 * test sets its own bound; spawned services keep the default.
 */
const IN_PROCESS = { OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '60000' };

export function testConfig(store: TestStore, extra: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...IN_PROCESS, ...store.env, ...extra });
}

export interface StoreFixture {
  kind: StoreKind;
  store: TestStore;
  ctx: ServiceContext;
}

/** A migrated, seeded context on a fresh database; `now` may be replaced by tests that move the clock. */
export async function createSeededContext(kind: StoreKind, extra: Record<string, string> = {}): Promise<StoreFixture> {
  const store = await createTestStore(kind);
  const clock = { now: Date.now() };
  const ctx = createContext(testConfig(store, extra), () => clock.now);
  await prepareStore(ctx);
  return { kind, store, ctx };
}

/** Declares the suite once per store; `get()` gives the fixture inside tests. */
export function describeEachStore(name: string, body: (get: () => StoreFixture) => void, extra: Record<string, string> = {}): void {
  for (const kind of storeKinds()) {
    describe(`${name} [${kind}]`, () => {
      let fixture: StoreFixture | undefined;
      beforeAll(async () => {
        fixture = await createSeededContext(kind, extra);
      });
      afterAll(async () => {
        if (!fixture) return;
        await fixture.ctx.close();
        await fixture.store.drop();
      });
      body(() => {
        if (!fixture) throw new Error('fixture not ready');
        return fixture;
      });
    });
  }
}
