// The pruning schedule: every so often, expired idempotency records and refresh tokens are deleted, so those tables
// stay as large as the traffic of their retention and no larger. Every node runs it; the store lets one prune at a time.
import { REPLAY_WINDOW_MS } from '../domain/idempotency.js';
import type { UseCaseContext } from '../use-cases/context.js';
import type { Pruned } from '../use-cases/ports.js';

export interface Pruner {
  /** Prunes now; undefined when another node was pruning. */
  runOnce(): Promise<Pruned | undefined>;
  stop(): Promise<void>;
}

export function startPruner(
  ctx: Pick<UseCaseContext, 'store' | 'now' | 'config'>,
  options: { onPruned?: (pruned: Pruned) => void; onError?: (error: unknown) => void } = {},
): Pruner {
  const { everyMs, retentionMs } = ctx.config.prune;
  let running: Promise<Pruned | undefined> | undefined;
  const prune = async () => {
    const now = ctx.now();
    // A record is replayable for the window, a refresh token until its access token expires; both are kept a while
    // longer (the retention) for operators looking into a dispute.
    const pruned = await ctx.store.pruneExpired({
      idempotencyCreatedBefore: now - REPLAY_WINDOW_MS - retentionMs,
      refreshExpiredBefore: now - retentionMs,
    });
    if (pruned) options.onPruned?.(pruned);
    return pruned;
  };
  const runOnce = () => (running ??= prune().finally(() => (running = undefined)));
  const timer =
    everyMs > 0
      ? setInterval(() => {
          runOnce().catch((error: unknown) => options.onError?.(error));
        }, everyMs).unref()
      : undefined;
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
