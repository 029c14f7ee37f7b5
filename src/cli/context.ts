// Opens the configured store for a one-off command, migrated, and closes it afterwards.
import { loadConfig } from '../config.js';
import { createContext, type ServiceContext } from '../runtime/context.js';
import { migrateToLatest } from '../store/open-store.js';

export async function withContext<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const ctx = createContext(loadConfig());
  try {
    await migrateToLatest(ctx.store);
    // A command seals and opens with the keys the nodes use (`posapi outbox list` opens what they sealed).
    await ctx.keyRings.refresh();
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
