// Before the suite: is PostgreSQL reachable? Under CI it must be; elsewhere its tests are skipped with a warning.
import pg from 'pg';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.POSAPI_TEST_PG = '1';
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} and CI=true: ${(error as Error).message}`);
    console.warn(`PostgreSQL is not reachable at ${PG_ADMIN_URL}: its tests are skipped`);
    process.env.POSAPI_TEST_PG = '0';
  } finally {
    await client.end().catch(() => undefined);
  }
}
