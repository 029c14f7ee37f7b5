// Opens the configured store for a one-off command, checked, and closes it afterwards. The command line finds its
// database as the service does (DATABASE_URL, else ./data/posapi.db); only `serve`, `migrate` and `seed` may make one,
// so every other command refuses, in one sentence, a database that is missing, not migrated or (where it matters) empty.
import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../config.js';
import { createContext, type ServiceContext } from '../runtime/context.js';
import { keysToGenerate } from '../runtime/keys.js';
import { pendingMigrations } from '../store/migration-state.js';
import { migrateToLatest } from '../store/open-store.js';
import { isEmpty } from '../store/seed/demo.js';
import { CommandFailure } from './failure.js';
import { databaseWhere } from './where.js';

export interface ContextNeeds {
  /** `seed`: make the database (and its keys) when there is none, and migrate it. */
  create?: boolean;
  /** The command reads clients, merchants or accounts: an empty database gets the hint to seed it. */
  data?: boolean;
}

const SET_UP = "run `posapi migrate` and `posapi seed --demo` here (the service does both on its first start), or set DATABASE_URL to the service's database";

/** Before anything is opened: a SQLite file that is not there is not made (opening it would create it). */
function refuseMissingFile(config: Config): void {
  if (config.store !== 'sqlite' || !config.sqlitePath || config.sqlitePath === ':memory:') return;
  if (!existsSync(config.sqlitePath)) throw new CommandFailure(`no database ${databaseWhere(config)}: ${SET_UP}`);
}

/** Keys made here would match nothing the service sealed or hashed: a command that makes nothing refuses instead. */
function refuseNewKeys(config: Config): void {
  const missing = keysToGenerate(config);
  if (missing.length === 0) return;
  throw new CommandFailure(
    `no keys for the database ${databaseWhere(config)}: ${config.keys.file} is missing and the environment gives no ${missing.length === 5 ? 'keys' : missing.join(', ')}; run the command with the service's KEYS_FILE or *_KEY variables`,
  );
}

async function refuseUnmigrated(ctx: ServiceContext): Promise<void> {
  const pending = await pendingMigrations(ctx.db, ctx.store.kind);
  const where = databaseWhere(ctx.config);
  if (pending === 'never') throw new CommandFailure(`the database ${where} has never been migrated: ${SET_UP}`);
  if (pending.length > 0) throw new CommandFailure(`the database ${where} lacks this build's migrations ${pending.join(', ')}: run \`posapi migrate\``);
}

export async function withContext<T>(work: (ctx: ServiceContext) => Promise<T>, needs: ContextNeeds = {}): Promise<T> {
  const config = loadConfig();
  if (!needs.create) {
    refuseMissingFile(config);
    refuseNewKeys(config);
  }
  const ctx = createContext(config);
  try {
    if (needs.create) await migrateToLatest(ctx.store);
    else await refuseUnmigrated(ctx);
    if (needs.data && (await isEmpty(ctx.db)))
      throw new CommandFailure(
        `the database ${databaseWhere(config)} has no data yet: run \`posapi seed --demo\` for the demo data (merchants, clients, customers)`,
      );
    // A command seals and opens with the keys the nodes use (`posapi outbox list` opens what they sealed).
    await ctx.keyRings.refresh();
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
