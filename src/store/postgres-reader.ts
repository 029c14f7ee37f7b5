// PostgreSQL's hot reads on postgres.js (porsager), apart from the pg pool that Kysely's writes and transactions use:
// postgres.js pipelines, so the reads of one event-loop turn go out together on a few connections instead of waiting
// for a pooled connection each.
import { createRequire } from 'node:module';
import type postgresModule from 'postgres';
import { unavailableReason } from './unavailable.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Only the driver of the configured store is loaded: start-up time counts.
const require = createRequire(import.meta.url);

export interface PostgresReaderOptions {
  url: string;
  /** Connections the reads are pipelined on. */
  connections: number;
  /** The longest one read may run on the server (its connection's statement_timeout), in ms. */
  statementTimeoutMs: number;
  /** The longest wait for a connection to be made, in ms. */
  connectTimeoutMs: number;
}

export interface PostgresReader {
  reader: <Row>(sql: string, parameters: readonly unknown[]) => Promise<Row[]>;
  /** Ends the connections, letting reads under way finish for up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

type Sql = ReturnType<typeof open>;

/**
 * How postgres.js (4.2) places a query (its README, "Pool"; src/pool.js): an idle connection when there is one; when
 * every connection is busy, it pipelines the query on the connection where it should be done soonest (from how long
 * each statement took before and how long what is in flight has run), up to 100 in flight on one; slow statements
 * (around 100 ms and more) are kept together on the connections already running slow work. So a slow read delays at
 * most the reads written behind it on its own connection, and statement_timeout cuts it. 3.4 was replaced: its queue
 * of busy connections grows by one entry per query while every connection stays busy and is searched on each query
 * (6 % of a saturated lookup's CPU after 10 s, growing with the minutes), and it wrote each request's query on its own.
 */
function open(options: PostgresReaderOptions) {
  // An ES module: require() gives its namespace (Node 20.19 and later load ES modules by require).
  const postgres = (require('postgres') as { default: typeof postgresModule }).default;
  return postgres(options.url, {
    max: options.connections,
    // The same values as the pg pool gives the same columns: cents (int8) as JS numbers, numeric as text; int4 is a
    // number and text is text in both.
    types: {
      int8: { to: INT8_OID, from: [INT8_OID], serialize: (value: unknown) => String(value), parse: (value: string) => Number(value) },
      numeric: { to: NUMERIC_OID, from: [NUMERIC_OID], serialize: (value: unknown) => String(value), parse: (value: string) => value },
    },
    // Prepared once per connection, and planned once: left to choose, PostgreSQL kept planning each execution anew
    // (its generic plan, costed without the values, looked dearer than a plan for the values at hand), and planning is
    // most of a key read's time on the server: a page of five authorizations cost its backend 269 µs of CPU, 55 with
    // the generic plan, and the service answered 2.7 times as many; a lookup, 1.3 times. Every hot read is a key's
    // read whose best plan does not depend on the key (filters left out are compiled as statements of their own).
    prepare: true,
    // Array types are fetched only for array parameters, which no hot read has: a round trip saved per connection.
    fetch_types: false,
    connect_timeout: options.connectTimeoutMs / 1000,
    // Its own backoff between attempts to reach a server that refused grows to 20 s, and a read waits it out: kept
    // under a second, a read waits about as long as on the pool, and the reads come back soon after the server.
    backoff: (attempts: number) => Math.min(0.05 * 2 ** attempts, 1),
    // A connection whose peer vanished without a word is found by TCP keepalive rather than kept forever.
    keep_alive: 30,
    idle_timeout: 0,
    connection: { application_name: 'posapi-reads', statement_timeout: Math.round(options.statementTimeoutMs), plan_cache_mode: 'force_generic_plan' },
    onnotice: () => undefined,
    ...turnEndWrites,
  });
}

/**
 * The queries of one event-loop turn leave in one write: postgres.js writes what is queued on the next tick
 * (`timers.nextTick`, process.nextTick unless given), which on a busy server is one write(2) per request, each
 * carrying one query through the loopback's whole TCP path. Deferred to the turn's end (setImmediate), the reads of every
 * request that turn answered go together. `timers` is read by postgres.js 4 (src/index.js, src/connection.js) though its
 * types do not declare it; the other timers are its own defaults.
 */
const turnEndWrites = {
  timers: { setTimeout, clearTimeout, setImmediate, clearImmediate, now: () => performance.now(), nextTick: (run: () => void) => setImmediate(run) },
} as object;

/**
 * The reader replaces its postgres.js instance (`retire`) in two cases, and a fresh one, with connections of its own,
 * takes every read from then on while the old one's are cut at once (each read still on them fails with
 * CONNECTION_DESTROYED):
 *
 * - The server is out of reach (refused, reset, a connection not made within the connect timeout). postgres.js fails
 *   only the read a failed connection attempt was made for; the reads queued behind it wait for the next attempts, one
 *   read failed per attempt, so in an outage a read could wait many times the connect timeout. Retired, every read
 *   waiting on the old instance fails at once, as unavailable (503), as a request waiting for the pool's connection
 *   does after the same timeout; the new instance's first connection is tried at once.
 * - A table changed under a prepared read: after another node's migration (`select a.*` with a new column),
 *   PostgreSQL refuses the old statement ("cached plan must not change result type", 0A000). postgres.js 3.4 prepared
 *   it again by itself, but the other executions of the statement pipelined on that connection got out of step and
 *   never settled (test/store/postgres-reader.test.ts hung). 4.2 re-prepares by itself (its README); a read refused
 *   with 0A000 all the same, or one it had to retry (`retried`), still retires the instance, and each read the
 *   retirement cut runs once more, on the new instance: the tests pass either way.
 */
export function postgresReader(options: PostgresReaderOptions): PostgresReader {
  let sql = open(options);
  const retiredFor = new WeakMap<Sql, 'unreachable' | 'stale'>();
  const retire = (old: Sql, why: 'unreachable' | 'stale') => {
    if (old !== sql) return;
    retiredFor.set(old, why);
    sql = open(options);
    void old.end({ timeout: 0 }).catch(() => undefined);
  };
  const run = async <Row>(text: string, parameters: readonly unknown[], again: boolean): Promise<Row[]> => {
    const on = sql;
    const query = on.unsafe(text, parameters as postgresModule.ParameterOrJSON<number | string>[], { prepare: true });
    try {
      const rows = await query;
      if ((query as { retried?: unknown }).retried) retire(on, 'stale');
      return rows as unknown as Row[];
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === '0A000') retire(on, 'stale');
      else if (lostServer(error, code)) retire(on, 'unreachable');
      if (again && retiredFor.get(on) === 'stale' && (code === '0A000' || code === 'CONNECTION_DESTROYED')) return run<Row>(text, parameters, false);
      throw error;
    }
  };
  return {
    reader: <Row>(text: string, parameters: readonly unknown[]) => run<Row>(text, parameters, true),
    close: (timeoutMs) => sql.end({ timeout: timeoutMs / 1000 }),
  };
}

/** The server or the way to it failed (not this read alone: a statement cut by its timeout, or our own retirement). */
function lostServer(error: unknown, code: unknown): boolean {
  return code !== '57014' && code !== 'CONNECTION_DESTROYED' && code !== 'CONNECTION_ENDED' && unavailableReason(error) !== undefined;
}
