// posapi clients locations <client> and posapi clients add-location: the stores a client's purchases may name.
import type { Command } from 'commander';
import { withContext } from '../context.js';
import { CommandFailure } from '../failure.js';
import { currentOperator } from '../operator.js';

const LOCATION_ID = /^[\x20-\x7E]{1,50}$/;

export function registerLocationsCommands(program: Command): void {
  const clients = program.commands.find((c) => c.name() === 'clients') ?? program.command('clients').description('API clients');
  clients
    .command('locations <client>')
    .description("list a client's registered locations (the external_location_id its purchases name)")
    .action(async (clientId: string) => {
      await withContext(
        async (ctx) => {
          if (!(await ctx.store.clients.find(clientId))) throw new CommandFailure(`no client ${clientId}`);
          const locations = await ctx.store.locations.of(clientId);
          if (locations.length === 0) console.log(`client ${clientId} has no registered location`);
          for (const l of locations) console.log(`${l.external_location_id}\t${l.name}`);
        },
        { data: true },
      );
    });
  clients
    .command('add-location <client> <location>')
    .description('register a location (a store) for a client; adding it again renames it')
    .option('--name <name>', 'a name for people', '')
    .action(async (clientId: string, location: string, options: { name: string }) => {
      if (!LOCATION_ID.test(location)) program.error('a location id is 1 to 50 printable ASCII characters');
      await withContext(
        async (ctx) => {
          if (!(await ctx.store.clients.find(clientId))) throw new CommandFailure(`no client ${clientId}`);
          const now = ctx.now();
          await ctx.store.transaction(async (tx) => {
            await tx.locations.add({ client_id: clientId, external_location_id: location, name: options.name, created_at: now });
            await tx.audit.record(currentOperator(), now, {
              action: 'client.add_location',
              accountNumber: null,
              outcome: 'registered',
              detail: { client_id: clientId, external_location_id: location, name: options.name },
            });
          });
          console.log(`client ${clientId}: location ${location} registered`);
        },
        { data: true },
      );
    });
}
