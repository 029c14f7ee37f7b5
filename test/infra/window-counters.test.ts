// Specifies the window counters' reservations, in memory and in Redis alike: all keys or none, at most the limit, and
// a release gives back only what its own window holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type SharedRedis } from '../../src/infra/redis.js';
import { memoryWindowCounters, redisWindowCounters } from '../../src/infra/window-counters.js';
import type { WindowCounters } from '../../src/use-cases/ports.js';
import { ownRedis, type OwnRedis } from '../helpers/redis-server.js';

const quiet = { warn: () => undefined, info: () => undefined };

describe.each(['memory', 'redis'] as const)('window counters (%s)', (kind) => {
  let redis: OwnRedis | undefined;
  let link: SharedRedis | undefined;
  const clock = { now: 1_000_000 };
  let counters: WindowCounters;
  beforeAll(async () => {
    const local = memoryWindowCounters(() => clock.now);
    if (kind === 'memory') {
      counters = local;
      return;
    }
    redis = await ownRedis();
    link = connectRedis(redis.url, quiet);
    counters = redisWindowCounters(link, { prefix: 'test-', local });
  });
  afterAll(async () => {
    await link?.close();
    await redis?.stop();
  });
  let n = 0;
  const fresh = () => `key-${++n}`;

  it('grants at most the limit, and refuses the rest with the time left in the window', async () => {
    const key = fresh();
    const granted = [];
    for (let i = 0; i < 5; i++) granted.push((await counters.reserve([key], 3, 60_000)).granted);
    expect(granted).toEqual([true, true, true, false, false]);
    const refused = await counters.reserve([key], 3, 60_000);
    expect(refused.granted).toBe(false);
    if (!refused.granted) expect(refused.resetInMs).toBeGreaterThan(0);
  });

  it('takes all keys or none: one key at its limit leaves the others untouched', async () => {
    const [full, other] = [fresh(), fresh()];
    for (let i = 0; i < 2; i++) await counters.reserve([full], 2, 60_000);
    expect((await counters.reserve([other, full], 2, 60_000)).granted).toBe(false);
    // `other` was not counted by the refused reservation: it still has both of its places.
    expect((await counters.reserve([other], 2, 60_000)).granted).toBe(true);
    expect((await counters.reserve([other], 2, 60_000)).granted).toBe(true);
    expect((await counters.reserve([other], 2, 60_000)).granted).toBe(false);
  });

  it('gives a released place back, and only once', async () => {
    const key = fresh();
    const first = await counters.reserve([key], 2, 60_000);
    expect((await counters.reserve([key], 2, 60_000)).granted).toBe(true);
    expect((await counters.reserve([key], 2, 60_000)).granted).toBe(false);
    if (first.granted) {
      await first.release();
      await first.release();
    }
    // One place came back, not two: the other reservation still holds its own.
    expect((await counters.reserve([key], 2, 60_000)).granted).toBe(true);
    expect((await counters.reserve([key], 2, 60_000)).granted).toBe(false);
  });

  it('counts parallel reservations one by one', async () => {
    const key = fresh();
    const results = await Promise.all(Array.from({ length: 20 }, () => counters.reserve([key], 7, 60_000)));
    expect(results.filter((r) => r.granted)).toHaveLength(7);
  });
});
