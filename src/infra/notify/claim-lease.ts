// Keeps a dispatcher's claim on a batch of outbox messages alive while it delivers them: the claim is renewed every
// third of the lease, so a claim lapses only when its dispatcher stops renewing it (a crash), and another node takes
// the messages over within a lease rather than after a slow send's worst case.
import type { OutboxPort } from '../../use-cases/ports.js';

export interface ClaimLease {
  /** The claim's current end: the fence a failed attempt is recorded under. */
  readonly until: number;
  /** The message is marked (sent or failed): it is no longer renewed. */
  release(id: number): void;
  stop(): void;
}

export function holdClaims(
  outbox: Pick<OutboxPort, 'renewClaims'>,
  ids: number[],
  claimedUntil: number,
  options: { leaseMs: number; now: () => number; onError?: (error: unknown) => void },
): ClaimLease {
  const held = new Set(ids);
  let until = claimedUntil;
  let renewing = false;
  const renew = async () => {
    // One renewal at a time: the next one fences on the end this one writes.
    if (renewing || held.size === 0) return;
    renewing = true;
    try {
      const next = options.now() + options.leaseMs;
      await outbox.renewClaims([...held], until, next);
      until = next;
    } catch (error) {
      options.onError?.(error);
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), Math.max(1, Math.floor(options.leaseMs / 3)));
  timer.unref();
  return {
    get until() {
      return until;
    },
    release: (id) => held.delete(id),
    stop: () => clearInterval(timer),
  };
}
