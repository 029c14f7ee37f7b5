// The card hash key rotated while the service serves: every card is found by its number before, during and after the
// re-hash that wraps its stored hash in the new layer, a re-hash stopped half-way resumes, and no stored hash is the
// old form afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { luhnCheckDigit } from '../../../src/domain/identity.js';
import { createContext, type ServiceContext } from '../../../src/runtime/context.js';
import { prepareStore } from '../../../src/runtime/server.js';
import { cardHasher } from '../../../src/security/card-hash.js';
import { sealedBox } from '../../../src/security/sealed-box.js';
import { insertCard } from '../../../src/store/customers.js';
import { accountNumberOfCard } from '../../../src/use-cases/card-account.js';
import { rehashCards } from '../../../src/use-cases/keys/rehash-cards.js';
import { retireUnusedVersions } from '../../../src/use-cases/keys/retire-keys.js';
import { rotateKey } from '../../../src/use-cases/keys/rotate-key.js';
import { apiClient, API, type ApiClient } from '../../helpers/api.js';
import { storeKinds } from '../../helpers/stores.js';
import { createTestStore, type TestStore } from '../../../testkit/databases.js';

/** `fifteen` and the digit that makes it pass the Luhn check. */
const withCheckDigit = (fifteen: string) => fifteen + luhnCheckDigit(fifteen);

const ACCOUNT = 116994755;
const CARDS = Array.from({ length: 23 }, (_, i) => withCheckDigit(`529931777${String(i).padStart(6, '0')}`));

describe.each(storeKinds())('card hash rotation [%s]', (kind) => {
  let store: TestStore;
  let ctx: ServiceContext;
  let api: ApiClient;

  const findAll = async () => Promise.all(CARDS.map((n) => accountNumberOfCard(ctx.store.accounts, ctx.cardHashes, n)));
  const byApi = async (number: string) => {
    const res = await api.call('GET', `${API}/customers/lookup?vcc_number=${number}`);
    return res.statusCode === 200 ? 200 : `${res.statusCode} ${res.body}`;
  };
  const versionCounts = async () => Object.fromEntries(await ctx.store.cardKeys.countByVersion());

  beforeAll(async () => {
    store = await createTestStore(kind);
    ctx = createContext(loadConfig({ ...store.env, LOG_LEVEL: 'silent', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '60000' }));
    await prepareStore(ctx);
    await ctx.keyRings.refresh();
    const now = ctx.now();
    for (const number of CARDS) await insertCard(ctx.db, ctx.cardHashes.current(number), number.slice(-4), ACCOUNT, now);
    api = await apiClient(ctx);
  });
  afterAll(async () => {
    await api?.app.close();
    await ctx?.close();
    await store?.drop();
  });

  it('finds every card before, during and after two rotations, resumes a stopped re-hash, and keeps no old form', async () => {
    const base = cardHasher(store.env.CARD_HMAC_KEY!);
    expect(new Set(await findAll())).toEqual(new Set([ACCOUNT]));

    const total = Object.values(await versionCounts()).reduce((a, b) => a + b, 0);
    const first = await rotateKey(ctx, 'card-hash', sealedBox(ctx.keys.master!));
    await ctx.keyRings.refresh();
    expect(ctx.cardHashes.currentKid).toBe(first.kid);
    expect(ctx.cardHashes.settled).toBe(false);
    // Nothing moved yet: found by the old form.
    expect(new Set(await findAll())).toEqual(new Set([ACCOUNT]));
    expect(await byApi(CARDS[0]!)).toBe(200);

    // The re-hash is stopped after its second batch (a crash, Ctrl-C): the cards are under both versions.
    let batches = 0;
    await expect(
      rehashCards(ctx, {
        batch: 5,
        onProgress: (moved) => {
          if (moved > 0 && ++batches === 2) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect(await versionCounts()).toEqual({ base: total - 10, [first.kid]: 10 });
    expect(new Set(await findAll())).toEqual(new Set([ACCOUNT]));
    expect(await byApi(CARDS[3]!)).toBe(200);
    expect(await byApi(CARDS[20]!)).toBe(200);

    // Run again: it goes on from where it was, and says every card is under the new version.
    const seen: [number, number][] = [];
    const report = await rehashCards(ctx, { batch: 5, onProgress: (moved, total) => seen.push([moved, total]) });
    expect(report).toMatchObject({ kid: first.kid, moved: total - 10, stranded: 0, settled: true });
    expect(seen.at(-1)).toEqual([total - 10, total - 10]);
    expect(await versionCounts()).toEqual({ [first.kid]: total });
    await ctx.keyRings.refresh();
    expect(ctx.cardHashes.settled).toBe(true);
    expect(ctx.cardHashes.forms(CARDS[0]!)).toHaveLength(1);
    expect(new Set(await findAll())).toEqual(new Set([ACCOUNT]));

    // A second rotation wraps again; the stored hashes are then none of the forms the older keys alone can make.
    const second = await rotateKey(ctx, 'card-hash', sealedBox(ctx.keys.master!));
    await ctx.keyRings.refresh();
    expect((await rehashCards(ctx)).settled).toBe(true);
    await ctx.keyRings.refresh();
    expect(ctx.cardHashes.currentKid).toBe(second.kid);
    const stored = new Set((await ctx.db.selectFrom('cards').select('card_hash').execute()).map((r) => r.card_hash));
    for (const number of CARDS) {
      expect(stored.has(base(number))).toBe(false);
      expect(stored.has(ctx.cardHashes.current(number).hash)).toBe(true);
    }
    expect(new Set(await findAll())).toEqual(new Set([ACCOUNT]));
    // The demo's cards were moved too: the walk-through's card still finds John Smith.
    expect(await byApi('5299310003005941')).toBe(200);
    // A card hash version is a layer of every hash: never retired.
    expect(await retireUnusedVersions(ctx, 'card-hash')).toEqual([]);
  });

  it('a node that has not read the new version yet reads it again when a card is not found, and finds it', async () => {
    // A second context on the same store stands for another node: it read the versions once, before the rotation.
    const other = createContext(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }));
    try {
      await other.keyRings.refresh();
      await rotateKey(ctx, 'card-hash', sealedBox(ctx.keys.master!));
      await ctx.keyRings.refresh();
      await rehashCards(ctx);
      // It reads the versions again at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const stale = other.cardHashes.currentKid;
      expect(stale).not.toBe(ctx.cardHashes.currentKid);
      // Its first try misses (every card moved on); it reads the versions and tries again.
      expect(await other.store.accounts.accountNumberByCardHash(other.cardHashes.forms(CARDS[1]!))).toBeUndefined();
      expect(await accountNumberOfCard(other.store.accounts, other.cardHashes, CARDS[1]!)).toBe(ACCOUNT);
      expect(other.cardHashes.currentKid).toBe(ctx.cardHashes.currentKid);
      // An unknown card does not read the store again within the second.
      expect(await accountNumberOfCard(other.store.accounts, other.cardHashes, withCheckDigit('529931999999999'))).toBeUndefined();
      expect(await other.cardHashes.freshen()).toBe(false);
    } finally {
      await other.close();
    }
  });
});
