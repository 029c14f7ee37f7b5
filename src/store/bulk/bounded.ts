// Maps over items with at most `limit` calls in flight: scrypt runs on libuv's small thread pool, and a million at once would only queue.
import { availableParallelism } from 'node:os';

/** libuv's pool has 4 threads unless UV_THREADPOOL_SIZE says otherwise; more in flight only waits. */
export const HASH_CONCURRENCY = Math.max(2, Math.min(Number(process.env.UV_THREADPOOL_SIZE ?? 4), availableParallelism() * 2));

export async function mapBounded<T, U>(items: readonly T[], limit: number, fn: (item: T) => Promise<U>): Promise<U[]> {
  const results = new Array<U>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
