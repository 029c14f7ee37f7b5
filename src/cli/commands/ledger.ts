// posapi accounts ledger <number>: every entry of an account's ledger, and whether the sums explain its balances.
import type { Command } from 'commander';
import { centsToString } from '../../domain/money.js';
import { withContext } from '../context.js';
import { CommandFailure } from '../failure.js';

/** A change as a change: +12.00, -12.00, or a bare 0.00 for none. */
const signed = (cents: number) => (cents > 0 ? `+${centsToString(cents)}` : centsToString(cents));

export function registerLedgerCommands(program: Command): void {
  const accounts = program.commands.find((c) => c.name() === 'accounts') ?? program.command('accounts').description('customer accounts');
  accounts
    .command('ledger <number>')
    .description("print an account's ledger entries and check that they add up to its balance and holds")
    .action(async (number: string) => {
      if (!/^[0-9]{1,14}$/.test(number)) program.error('an account number is 1 to 14 digits');
      await withContext(
        async (ctx) => {
          const account = await ctx.store.accounts.view(Number(number));
          if (!account) throw new CommandFailure(`no account ${number}`);
          const entries = await ctx.store.ledger.entriesOf(account.account_number);
          console.log(`account ${account.account_number}: balance brought forward ${centsToString(account.opening_balance_cents)}`);
          console.log(
            `  ${'when'.padEnd(21)} ${'entry'.padEnd(15)} ${'amount'.padStart(10)} ${'balance'.padStart(11)} ${'holds'.padStart(10)}  ${'auth'.padStart(7)} ${'capture'.padStart(7)} ${'credit'.padStart(7)}  ${'client / location / employee'.padEnd(30)} reference id`,
          );
          let balance = account.opening_balance_cents;
          let holds = 0;
          for (const e of entries) {
            balance += e.balance_delta_cents;
            holds += e.holds_delta_cents;
            const ids = [e.authorization_id, e.capture_id, e.credit_id].map((id) => String(id ?? '-').padStart(7)).join(' ');
            console.log(
              `  ${new Date(e.at).toISOString().slice(0, 19)}Z  ${e.entry_type.padEnd(15)} ${centsToString(e.amount_cents).padStart(10)} ${signed(e.balance_delta_cents).padStart(11)} ${signed(e.holds_delta_cents).padStart(10)}  ${ids}  ${`${e.client_id} / ${e.external_location_id ?? '-'} / ${e.external_employee_id ?? '-'}`.padEnd(30)} ${e.reference_id}`,
            );
          }
          if (entries.length === 0) console.log('  (no entries)');
          const balanced = balance === account.balance_cents && holds === account.holds_cents;
          console.log(
            `balance ${centsToString(account.balance_cents)}, holds ${centsToString(holds)}, available ${centsToString(account.open_to_buy_cents)} of ${centsToString(account.credit_limit_cents)}: ${balanced ? 'the entries add up' : 'THE ENTRIES DO NOT ADD UP'}`,
          );
          if (!balanced) process.exitCode = 2;
        },
        { data: true },
      );
    });
}
