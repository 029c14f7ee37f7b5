// The outbox dispatcher: claims due messages, delivers them (or holds those of a channel with no transport), and retries
// failures with backoff until they go through.
import type { UseCaseContext } from '../../use-cases/context.js';
import type { OutboxChannel, OutboxMessage } from '../../use-cases/ports.js';
import { holdClaims, type ClaimLease } from './claim-lease.js';
import { UndeliverableError, type Delivery, type OutgoingMessage, type Transports } from './transports.js';

const BATCH = 20;
/**
 * After this many attempts (about an hour and a half of backoff, long past a PIN's life) a message is kept as failed,
 * with its last error, for operators; a message its server refused for good is kept so at once.
 */
export const MAX_ATTEMPTS = 15;

/** 2 s, 4 s, 8 s … capped at 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 15 * 60_000);
}

/** Told each delivery's outcome (the operators' metrics). */
export interface DeliveryObserver {
  delivered(channel: OutboxChannel): void;
  deliveryFailed(channel: OutboxChannel): void;
}

export interface Dispatcher {
  /** Delivers everything due now; resolves when a pass finds nothing more to do. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startDispatcher(
  ctx: Pick<UseCaseContext, 'store' | 'seal' | 'now'>,
  transports: Transports,
  options: { pollMs: number; leaseMs: number; onError?: (error: unknown) => void; observer?: DeliveryObserver },
): Dispatcher {
  let running: Promise<number> | undefined;
  let stopped = false;

  /**
   * Hands one message to its transport. A sent message is marked at once (the shorter the time between sending and
   * marking, the fewer messages a crash has sent twice); a held one is returned, to be marked with its batch.
   */
  async function deliver(row: OutboxMessage, lease: ClaimLease): Promise<{ held: string } | undefined> {
    let delivery: Delivery;
    try {
      const message = JSON.parse(await ctx.seal.openFresh(row.payload)) as OutgoingMessage;
      delivery = await transports[row.channel].send(message);
    } catch (error) {
      options.observer?.deliveryFailed(row.channel);
      await recordFailure(row, lease, error);
      return undefined;
    }
    // Held is not sent: the message stays readable in the outbox, and is not counted as delivered.
    if ('held' in delivery) return delivery;
    options.observer?.delivered(row.channel);
    // A message the transport took is not a failed delivery, even if recording it failed: it is retried as one.
    await ctx.store.outbox.markSent(row.id, ctx.now()).catch((error: unknown) => recordFailure(row, lease, error));
    return undefined;
  }

  async function recordFailure(row: OutboxMessage, lease: ClaimLease, error: unknown): Promise<void> {
    lease.release(row.id);
    const attempts = row.attempts + 1;
    const reason = error instanceof Error ? error.message : String(error);
    const last = attempts >= MAX_ATTEMPTS || error instanceof UndeliverableError;
    await ctx.store.outbox.markFailedAttempt(row.id, lease.until, attempts, reason, last ? null : ctx.now() + backoffMs(attempts));
  }

  /**
   * Marks a batch's held messages in one statement per reason: nothing left the building, so nothing is lost by waiting
   * for the batch, and a statement per message cost more than the rest of holding it. The claims stay renewed until then.
   */
  async function markHeld(rows: OutboxMessage[], outcomes: ({ held: string } | undefined)[], lease: ClaimLease): Promise<void> {
    const heldBy = new Map<string, OutboxMessage[]>();
    rows.forEach((row, index) => {
      const reason = outcomes[index]?.held;
      if (reason === undefined) return;
      const held = heldBy.get(reason);
      if (held) held.push(row);
      else heldBy.set(reason, [row]);
    });
    for (const [reason, held] of heldBy) {
      const ids = held.map((row) => row.id);
      await ctx.store.outbox.markHeld(ids, reason).catch((error: unknown) => Promise.all(held.map((row) => recordFailure(row, lease, error))));
    }
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = await ctx.store.outbox.claimDue(ctx.now(), options.leaseMs, BATCH);
      if (rows.length === 0 || stopped) return delivered;
      const lease = holdClaims(
        ctx.store.outbox,
        rows.map((row) => row.id),
        rows[0]?.claimed_until ?? 0,
        { leaseMs: options.leaseMs, now: ctx.now, onError: options.onError },
      );
      try {
        const outcomes = await Promise.all(rows.map((row) => deliver(row, lease)));
        await markHeld(rows, outcomes, lease);
      } finally {
        lease.stop();
      }
      delivered += rows.length;
    }
  }

  const runOnce = () => {
    // One pass at a time per process; other processes are kept apart by the claim.
    running ??= pass().finally(() => (running = undefined));
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) runOnce().catch((error: unknown) => options.onError?.(error));
  }, options.pollMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      transports.email.close?.();
      transports.sms.close?.();
    },
  };
}
