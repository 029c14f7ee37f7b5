// The disabled clients, held in memory for the request path: read again from the store on a short poll, and at once
// when the command that disabled one says so through Redis.
import type { Redis } from 'ioredis';
import type { ClientsPort, RevokedClients } from '../use-cases/ports.js';

export interface RevokedClientsWatch extends RevokedClients {
  /** Reads the disabled clients now. */
  refresh(): Promise<void>;
  /**
   * Reads them now, then every `pollMs`, and whenever a client is announced disabled through Redis; a failed read
   * keeps the last list (and is told to `onError`).
   */
  start(pollMs: number, onError: (error: unknown) => void): Promise<void>;
  /** Tells every node through Redis that a client was disabled; false when there is no Redis, or it did not answer. */
  announce(clientId: string): Promise<boolean>;
  stop(): void;
}

/**
 * Access tokens are checked without a database read (a till sends one token thousands of times), so a node learns of
 * a disabled client by reading the store: the one place every node and the command line share, whatever the store and
 * whether or not there is Redis. With Redis, the command announces it on a channel every node listens to, and each
 * reads the list at once; the poll is the floor when Redis is absent or the announcement is lost. The list is a
 * handful of ids from a table of a few rows.
 */
export function watchRevokedClients(clients: Pick<ClientsPort, 'disabledIds'>, redis?: { client: Redis; channel: string }): RevokedClientsWatch {
  let revoked = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let listener: Redis | undefined;
  const refresh = async () => {
    revoked = new Set(await clients.disabledIds());
  };
  return {
    has: (clientId) => revoked.has(clientId),
    refresh,
    async start(pollMs, onError) {
      await refresh();
      timer = setInterval(() => refresh().catch(onError), pollMs);
      // A poll never keeps the process alive on its own.
      timer.unref();
      if (!redis) return;
      // A connection of its own (a subscribed connection sends nothing else), which queues the subscription until it
      // connects and subscribes again after each reconnection; its outages are the shared client's to report.
      listener = redis.client.duplicate({ enableOfflineQueue: true });
      listener.on('error', () => undefined);
      listener.on('message', () => void refresh().catch(onError));
      listener.subscribe(redis.channel).catch(onError);
    },
    async announce(clientId) {
      if (!redis) return false;
      const { client } = redis;
      // A one-off command has just connected: wait for it, briefly.
      if (client.status !== 'ready') {
        await new Promise<void>((resolve) => {
          const timeout = setTimeout(resolve, 2000);
          client.once('ready', () => {
            clearTimeout(timeout);
            resolve();
          });
        });
      }
      return client.publish(redis.channel, clientId).then(
        () => true,
        () => false,
      );
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      listener?.disconnect();
      listener = undefined;
    },
  };
}
