// Answers finished during one event-loop turn are written together when the turn ends, not each as soon as it is ready.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Runs each queued callback once, in order, in the check phase of the current turn (right after the poll phase that
 * read the requests). Under load one poll phase reads many requests; writing their answers back to back lets the
 * kernel and the clients take them as one batch: a client woken by the first answer finds the others already there.
 * Measured under 50 connections, this cut the system time per request by more than half (see the README). An answer
 * waits at most for the rest of its turn, which on an idle server is nothing.
 */
export function turnEndQueue(): (callback: () => void) => void {
  let queued: (() => void)[] = [];
  const runQueued = () => {
    const due = queued;
    queued = [];
    for (const callback of due) callback();
  };
  return (callback) => {
    if (queued.length === 0) setImmediate(runQueued);
    queued.push(callback);
  };
}

async function turnEndWrites(app: FastifyInstance): Promise<void> {
  const atTurnEnd = turnEndQueue();
  // A callback hook, registered after the error handler's: every other root onSend hook has run on the payload.
  app.addHook('onSend', (_request, _reply, payload, done) => atTurnEnd(() => done(null, payload)));
}

export const turnEndWritesPlugin = fp(turnEndWrites, { name: 'turn-end-writes', dependencies: ['error-handler'] });
