// The disabled clients, held in memory for the request path and read again from the store on a short poll.
import type { ClientsPort, RevokedClients } from '../use-cases/ports.js';

export interface RevokedClientsWatch extends RevokedClients {
  /** Reads the disabled clients now. */
  refresh(): Promise<void>;
  /** Reads them now, then every `pollMs`; a failed read keeps the last list (and is told to `onError`). */
  start(pollMs: number, onError: (error: unknown) => void): Promise<void>;
  stop(): void;
}

/**
 * Access tokens are checked without a database read (a till sends one token thousands of times), so a disabled
 * client is learnt by polling: the store is the one place every node and the command line share, whatever the store
 * and whether or not there is Redis. The list is a handful of ids from a table of a few rows.
 */
export function watchRevokedClients(clients: Pick<ClientsPort, 'disabledIds'>): RevokedClientsWatch {
  let revoked = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
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
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
