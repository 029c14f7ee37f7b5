// Where the configured database is, in words an operator can act on (a PostgreSQL URL's password never shows).
import { resolve } from 'node:path';
import type { Config } from '../config.js';

export function databaseWhere(config: Pick<Config, 'store' | 'sqlitePath' | 'databaseUrl'>): string {
  if (config.store === 'sqlite') return config.sqlitePath === ':memory:' ? 'in memory' : `at ${resolve(config.sqlitePath ?? '')}`;
  try {
    const url = new URL(config.databaseUrl);
    return `${decodeURIComponent(url.pathname.slice(1)) || '(no name)'} on PostgreSQL ${url.hostname}:${url.port || '5432'}`;
  } catch {
    return 'named by DATABASE_URL';
  }
}
