// posapi accounts show <number>: an account's state and its audit trail, for operators.
import type { Command } from 'commander';
import { centsToString } from '../../domain/money.js';
import { withContext } from '../context.js';
import { CommandFailure } from '../failure.js';

export function registerAccountsCommands(program: Command): void {
  const accounts = program.command('accounts').description('customer accounts');
  accounts
    .command('show <number>')
    .description("print an account's state and its audit trail")
    .action(async (number: string) => {
      if (!/^[0-9]{1,14}$/.test(number)) program.error('an account number is 1 to 14 digits');
      await withContext(
        async (ctx) => {
          const account = await ctx.store.accounts.view(Number(number));
          if (!account) throw new CommandFailure(`no account ${number}`);
          const livePins = await ctx.store.verifications.livePins(account.account_number, ctx.now());
          console.log(
            [
              `account ${account.account_number} (${account.account_type}${account.business_name ? `, ${account.business_name}` : ''}), ${account.province}`,
              `  holder:      ${account.first_name} ${account.last_name} (customer ${account.customer_id})`,
              `  status:      ${account.status} / ${account.status_reason}`,
              `  limit:       ${centsToString(account.credit_limit_cents)}   available: ${centsToString(account.open_to_buy_cents)}   balance: ${centsToString(account.balance_cents)}`,
              `  rate (air):  ${account.air}   risk: ${account.risk_rating}   category: ${account.category_type}`,
              `  opened:      ${account.opened_on} by merchant ${account.originating_merchant_id}`,
              `  card:        ${account.card_last_four ? `ending in ${account.card_last_four}` : 'none'}`,
              `  live PINs:   ${livePins.length}`,
              'audit trail:',
            ].join('\n'),
          );
          const trail = await ctx.store.audit.trailOf(account.account_number);
          if (trail.length === 0) console.log('  (empty)');
          for (const e of trail) {
            console.log(
              `  ${new Date(e.at).toISOString()}  ${e.action.padEnd(16)} ${e.outcome.padEnd(28)} client=${e.client_id} merchant=${e.merchant_id} ref=${e.reference_id} ${e.detail}`,
            );
          }
        },
        { data: true },
      );
    });
}
