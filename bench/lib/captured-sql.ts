// The SQL a request runs, as the service runs it: the service's own app, in this process, on the bench's database,
// with the store's direct reader wrapped to note each statement and its parameters. What the "same SQL" baseline replays.
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createContext } from '../../src/runtime/context.js';
import { directReaderOf, registerDirectReader, type DirectReader } from '../../src/store/direct-reads.js';
import type { Call } from './load.js';
import type { Statement } from './statement.js';

/**
 * The statements of one request of each call, in the order the service runs them (its second request of the call: the
 * first loads what is kept between requests, such as the plan catalogue). Only the reads that go through the store's
 * direct reader are seen (every read outside a transaction), which is all that lookup, search and the quote run; a
 * call whose request runs none gets no entry.
 */
export async function captureStatements(env: Record<string, string>, calls: { name: string; call: Call }[]): Promise<Map<string, Statement[]>> {
  // Nothing is measured here: the app should not shed load for a busy host (its event loop is the bench's too).
  const ctx = createContext(loadConfig({ ...env, LOG_LEVEL: 'silent', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '60000' }));
  const captured = new Map<string, Statement[]>();
  try {
    const reader = directReaderOf(ctx.db);
    if (!reader) throw new Error('the store has no direct reader: nothing to capture');
    let noted: Statement[] = [];
    const noting: DirectReader = <Row>(sql: string, parameters: readonly unknown[]) => {
      noted.push({ sql, parameters: [...parameters] });
      return reader<Row>(sql, parameters);
    };
    registerDirectReader(ctx.db, noting);
    // The token keys are read before the first request, as the server does; the poll never runs again here.
    await ctx.keyRings.start(3_600_000, () => undefined);
    const app = await buildApp(ctx, { logger: false });
    try {
      for (const { name, call } of calls) {
        for (let answered = 0, attempt = 0; answered < 2; attempt++) {
          noted = [];
          const headers = { ...call.headers, 'x-reference-id': `capture-${attempt}` };
          const res = await app.inject({ method: call.method, url: call.path, headers, payload: call.body });
          // Still refused now and then on a very busy host (load shedding's other bounds): asked again.
          if (res.statusCode === 503 && attempt < 30) await new Promise((resolve) => setTimeout(resolve, 1000));
          else if (res.statusCode !== 200) throw new Error(`capturing ${name}: ${res.statusCode} ${res.body}`);
          else answered++;
        }
        if (noted.length > 0) captured.set(name, noted);
      }
    } finally {
      await app.close();
    }
  } finally {
    await ctx.close();
  }
  return captured;
}
