#!/usr/bin/env node
// posapi: the service's command line (serve, migrate, seed, token, clients).
import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { slowHash } from '../security/slow-hash.js';
import { createContext } from '../runtime/context.js';
import { disableClient } from '../use-cases/disable-client.js';
import { tokenForClient } from '../use-cases/tokens.js';
import { migrateToLatest } from '../store/open-store.js';
import { isEmpty, seedDemo } from '../store/seed/demo.js';
import { startServer, stopOnSignals } from '../runtime/server.js';
import { withContext } from './context.js';
import { currentOperator } from './operator.js';
import { commandModules } from './commands/index.js';
import { runGenerate } from './commands/data.js';
import { wholeNumber } from './arguments.js';
import { CommandFailure } from './failure.js';
import { sentenceFor } from './failures.js';

const program = new Command('posapi').description("A Canadian point-of-sale lender's POS API v2.5 (Customers and Transactions endpoints)");

program
  .command('serve')
  .description('serve the API on PORT (migrates, and loads the demo data into an empty database)')
  .action(async () => {
    const server = await startServer(loadConfig());
    stopOnSignals(server);
  });

program
  .command('migrate')
  .description('bring the database schema up to date (making the database when there is none)')
  .action(async () => {
    const ctx = createContext(loadConfig());
    try {
      const done = await migrateToLatest(ctx.store);
      console.log(done.length ? `applied: ${done.join(', ')}` : 'the schema is up to date');
    } finally {
      await ctx.close();
    }
  });

program
  .command('seed')
  .description('load data: the demo data, or generated customers (making and migrating the database when there is none)')
  .option('--demo', 'the demo data (into an empty database)')
  .option('--generate <count>', 'generated customers with accounts and cards (as posapi generate)', wholeNumber('--generate'))
  .option('--seed <n>', 'with --generate: the random seed (same seed, same customers)', wholeNumber('--seed'))
  .action(async (options: { demo?: boolean; generate?: number; seed?: number }) => {
    if (!options.demo && options.generate === undefined) program.error('say what to load: --demo or --generate N');
    await withContext(
      async (ctx) => {
        if (options.demo) {
          if (await isEmpty(ctx.db)) {
            await seedDemo(ctx);
            console.log('demo data loaded');
          } else {
            console.log('the database already has data; demo data not loaded');
          }
        }
        if (options.generate !== undefined) await runGenerate(ctx, { count: options.generate, seed: options.seed });
      },
      { create: true },
    );
  });

program
  .command('token <client>')
  .description('print an access token for a registered client, for local testing')
  .addOption(new Option('--scope <scope>', 'token scope').choices(['merchant', 'customer']).default('merchant'))
  .action(async (client: string, options: { scope: 'merchant' | 'customer' }) => {
    await withContext(
      async (ctx) => {
        const found = await ctx.store.clients.find(client);
        if (!found) throw new CommandFailure(`no client ${client}`);
        if (found.disabled) throw new CommandFailure(`client ${client} is disabled: it gets no tokens`);
        console.log((await tokenForClient(ctx, client, options.scope)).access_token);
      },
      { data: true },
    );
  });

const clients = program.command('clients').description('API clients');
clients
  .command('add <id>')
  .description('register an API client and print its secret (shown once)')
  .requiredOption('--merchant <id>', 'the merchant it acts for')
  .addOption(new Option('--channel <channel>', 'sales channel').choices(['in_store', 'online']).default('in_store'))
  .option('--may-override', 'allowed to override customer verification', false)
  .action(async (id: string, options: { merchant: string; channel: 'in_store' | 'online'; mayOverride: boolean }) => {
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id)) program.error('a client id is 1 to 100 letters, digits, dots, dashes or underscores');
    await withContext(
      async (ctx) => {
        if ((await ctx.store.clients.merchantName(options.merchant)) === undefined) throw new CommandFailure(`no merchant ${options.merchant}`);
        if (await ctx.store.clients.find(id)) throw new CommandFailure(`client ${id} exists already`);
        const secret = randomBytes(24).toString('base64url');
        const secretHash = await slowHash(secret, ctx.config.scryptCost);
        const now = ctx.now();
        await ctx.store.transaction(async (tx) => {
          await tx.clients.insert({
            id,
            secret_hash: secretHash,
            merchant_id: options.merchant,
            channel: options.channel,
            may_override: options.mayOverride ? 1 : 0,
            disabled: 0,
            created_at: now,
          });
          // The secret is shown once and kept only as its hash: neither goes into the trail.
          const detail = { client_id: id, merchant_id: options.merchant, channel: options.channel, may_override: options.mayOverride };
          await tx.audit.record(currentOperator(), now, { action: 'client.add', accountNumber: null, outcome: 'added', detail });
        });
        console.log(`client_id: ${id}\nclient_secret: ${secret}\n(the secret is shown only now; keep it safe)`);
      },
      { data: true },
    );
  });

clients
  .command('disable <id>')
  .description('disable an API client: it gets no more tokens, and its access and refresh tokens stop working on every node')
  .action(async (id: string) => {
    await withContext(
      async (ctx) => {
        const disabled = await disableClient(ctx, id, currentOperator());
        if (!disabled) throw new CommandFailure(`no client ${id}`);
        const told = await ctx.revokedClients.announce(id);
        console.log(
          `client ${id} disabled; ${disabled.refreshTokensRevoked} refresh token(s) revoked; its access tokens are refused by every node ` +
            (told ? 'at once (told through Redis)' : `within ${ctx.config.clientRevocationPollMs} ms`),
        );
      },
      { data: true },
    );
  });

for (const register of commandModules) register(program);

/** The configuration the failed command ran with, to name its database; none when the configuration itself is wrong. */
function configOrNone(): Config | undefined {
  try {
    return loadConfig();
  } catch {
    return undefined;
  }
}

program.parseAsync().catch((error: unknown) => {
  console.error(sentenceFor(error, configOrNone()));
  process.exit(1);
});
