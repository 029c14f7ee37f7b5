// A baseline with a database: plain node:http running given statements in order for every request, each with its
// given parameters, and answering their rows as JSON. No framework, no validation, no mapping: what the store alone
// costs a request. STATEMENTS is a JSON list of { sql, parameters }; DATABASE_URL is the service's (sqlite:<path> or
// postgres://…).
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Statement } from './statement.js';

const statements = JSON.parse(process.env.STATEMENTS ?? '[]') as Statement[];
const url = process.env.DATABASE_URL ?? '';
if (statements.length === 0) throw new Error('STATEMENTS is empty');

/** Runs every statement in turn, the next once the last has answered, as a request of the service does. */
function postgresRunner(): () => Promise<unknown[][]> {
  const INT8_OID = 20;
  // As the service's reads: ten connections, int8 as a number, each statement prepared once per connection and planned
  // once (the service's read connections run with plan_cache_mode = force_generic_plan).
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c plan_cache_mode=force_generic_plan',
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as never },
  });
  const named = statements.map((s, i) => ({ name: `baseline_${i}`, text: s.sql, values: s.parameters }));
  return async () => {
    const results: unknown[][] = [];
    for (const query of named) results.push((await pool.query(query)).rows as unknown[]);
    return results;
  };
}

function sqliteRunner(): () => unknown[][] {
  const file = new Database(url.replace(/^sqlite:/, ''), { readonly: true });
  file.pragma('busy_timeout = 5000');
  const prepared = statements.map((s) => ({ statement: file.prepare(s.sql), parameters: s.parameters }));
  return () => prepared.map(({ statement, parameters }) => statement.all(...parameters));
}

const run = url.startsWith('sqlite:') ? sqliteRunner() : postgresRunner();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', async () => {
    try {
      const body = JSON.stringify(await run());
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      process.stderr.write(`${String(error)}\n`);
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
