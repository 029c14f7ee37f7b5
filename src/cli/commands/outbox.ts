// posapi outbox list: the messages as they really stand (sent, held and why, failed and why, waiting or retrying),
// opened for an operator or a tester (who needs to see the PIN).
import type { Command } from 'commander';
import type { OutboxMessage } from '../../use-cases/ports.js';
import { withContext } from '../context.js';
import { positiveCount } from '../arguments.js';

const at = (ms: number) => new Date(ms).toISOString();

/** One line on where a message stands; a status never claims more than happened. */
export function standing(row: OutboxMessage): string {
  const tries = `${row.attempts} failed attempt${row.attempts === 1 ? '' : 's'}`;
  switch (row.status) {
    case 'sent':
      return `sent ${row.sent_at === null ? '' : at(row.sent_at)}${row.attempts > 0 ? ` (after ${tries})` : ''}`.trimEnd();
    case 'held':
      return `held, not sent: ${row.last_error ?? 'no transport configured for its channel'}`;
    case 'failed':
      return `failed after ${tries}, no more tries: ${row.last_error ?? 'no error recorded'}`;
    case 'pending':
      return row.attempts === 0
        ? 'waiting for the dispatcher (a running posapi serve sends it)'
        : `retrying after ${tries} (next at ${at(row.next_attempt_at)}): ${row.last_error ?? 'no error recorded'}`;
  }
}

export function registerOutboxCommands(program: Command): void {
  const outbox = program.command('outbox').description('messages to customers (PINs by SMS and email)');
  outbox
    .command('list')
    .description('show the latest messages, newest first, opened, each with what became of it: sent, held (and why), failed (and why), waiting')
    .option('-n, --limit <n>', 'how many', positiveCount('--limit'), 20)
    .action(async (options: { limit: number }) => {
      await withContext(async (ctx) => {
        const counts = await ctx.store.outbox.countByStatus();
        console.log(
          `outbox: ${
            Object.entries(counts)
              .map(([s, n]) => `${n} ${s}`)
              .join(', ') || 'empty'
          }`,
        );
        for (const row of await ctx.store.outbox.latest(options.limit)) {
          let text: string;
          try {
            const m = JSON.parse(ctx.seal.open(row.payload)) as { to: string; subject?: string; body: string };
            text = `to ${m.to}${m.subject ? ` — ${m.subject}` : ''}\n    ${m.body}`;
          } catch {
            text = '(cannot be opened with this OUTBOX_KEY or a live key version: sealed under a retired one, or another key)';
          }
          console.log(`#${row.id} ${row.channel} ${standing(row)} (queued ${at(row.created_at)})\n    ${text}`);
        }
      });
    });
}
