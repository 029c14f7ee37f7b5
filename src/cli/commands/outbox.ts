// posapi outbox list: the messages waiting or sent, opened for an operator or a tester (who needs to see the PIN).
import type { Command } from 'commander';
import { withContext } from '../context.js';

export function registerOutboxCommands(program: Command): void {
  const outbox = program.command('outbox').description('messages to customers (PINs by SMS and email)');
  outbox
    .command('list')
    .description('show the latest messages, newest first, opened')
    .option('-n, --limit <n>', 'how many', '20')
    .action(async (options: { limit: string }) => {
      await withContext(async (ctx) => {
        const counts = await ctx.store.outbox.countByStatus();
        console.log(
          `outbox: ${
            Object.entries(counts)
              .map(([s, n]) => `${n} ${s}`)
              .join(', ') || 'empty'
          }`,
        );
        for (const row of await ctx.store.outbox.latest(Math.max(1, Number(options.limit) || 20))) {
          let text: string;
          try {
            const m = JSON.parse(ctx.seal.open(row.payload)) as { to: string; subject?: string; body: string };
            text = `to ${m.to}${m.subject ? ` — ${m.subject}` : ''}\n    ${m.body}`;
          } catch {
            text = '(cannot be opened with this OUTBOX_KEY or a live key version: sealed under a retired one, or another key)';
          }
          const when = new Date(row.created_at).toISOString();
          console.log(
            `#${row.id} ${row.channel} ${row.status} attempts=${row.attempts} ${when}${row.last_error ? ` last error: ${row.last_error}` : ''}\n    ${text}`,
          );
        }
      });
    });
}
