// Retiring key versions: only once nothing live can be under them (tokens expired, messages sent), on a moved clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createContext, type ServiceContext } from '../../../src/runtime/context.js';
import { prepareStore } from '../../../src/runtime/server.js';
import { sealedBox } from '../../../src/security/sealed-box.js';
import { retireUnusedVersions } from '../../../src/use-cases/keys/retire-keys.js';
import { rotateKey } from '../../../src/use-cases/keys/rotate-key.js';
import { tokenForClient, verifyAccessToken } from '../../../src/use-cases/tokens.js';
import { storeKinds } from '../../helpers/stores.js';
import { createTestStore, type TestStore } from '../../../testkit/databases.js';

const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string };

describe.each(storeKinds())('key retirement [%s]', (kind) => {
  let store: TestStore;
  let ctx: ServiceContext;
  let clock = Date.UTC(2026, 11, 7, 9);
  const POLL_MS = 1000;
  const TTL_S = 60;

  beforeAll(async () => {
    store = await createTestStore(kind);
    ctx = createContext(loadConfig({ ...store.env, LOG_LEVEL: 'silent', TOKEN_TTL_SECONDS: String(TTL_S), KEYS_POLL_MS: String(POLL_MS) }), () => clock);
    await prepareStore(ctx);
    await ctx.keyRings.refresh();
  });
  afterAll(async () => {
    await ctx?.close();
    await store?.drop();
  });

  it('keeps the old signing key until every token it signed has expired, then refuses them', async () => {
    const before = (await tokenForClient(ctx, 'flexitidemo', 'merchant')).access_token;
    expect(header(before).kid).toBe('base');
    const rotation = await rotateKey(ctx, 'token-signing', sealedBox(ctx.keys.master!));
    expect(rotation.retired).toEqual([]);
    await ctx.keyRings.refresh();
    const after = (await tokenForClient(ctx, 'flexitidemo', 'merchant')).access_token;
    expect(header(after).kid).toBe(rotation.kid);

    // Every node may still sign with the old key until its next reads, and then its tokens live TTL more.
    clock += 2 * POLL_MS + TTL_S * 1000 - 1;
    expect(await retireUnusedVersions(ctx, 'token-signing')).toEqual([]);
    await expect(verifyAccessToken(ctx, before)).rejects.toMatchObject({ message: 'The access token has expired.' });
    clock += 1;
    expect(await retireUnusedVersions(ctx, 'token-signing')).toEqual([{ kid: 'base' }]);
    await ctx.keyRings.refresh();
    expect(await ctx.tokenKeys.verifying('base')).toBeUndefined();

    // A token under the new key is unaffected; one claiming the retired base key is refused.
    const fresh = (await tokenForClient(ctx, 'flexitidemo', 'merchant')).access_token;
    expect((await verifyAccessToken(ctx, fresh)).principal.clientId).toBe('flexitidemo');
    expect(header(fresh).kid).toBe(rotation.kid);
  });

  it('keeps an old outbox key while a message waits under it, and retires it once the message is sent', async () => {
    const oldSealed = ctx.seal.seal(JSON.stringify({ to: '+14165550100', body: 'Your PIN is 1234' }));
    expect(oldSealed.startsWith('v1.')).toBe(true);
    await ctx.store.outbox.enqueue('sms', oldSealed, clock);
    const rotation = await rotateKey(ctx, 'outbox', sealedBox(ctx.keys.master!));
    await ctx.keyRings.refresh();
    expect(ctx.seal.seal('new').startsWith(`v2.${rotation.kid}.`)).toBe(true);

    clock += 2 * POLL_MS;
    expect(await retireUnusedVersions(ctx, 'outbox')).toEqual([]);
    expect(JSON.parse(await ctx.seal.openFresh(oldSealed))).toMatchObject({ body: 'Your PIN is 1234' });
    const [pending] = await ctx.store.outbox.claimDue(clock, 5000, 10);
    await ctx.store.outbox.markSent(pending!.id, clock);
    expect(await retireUnusedVersions(ctx, 'outbox')).toEqual([{ kid: 'base' }]);
    await ctx.keyRings.refresh();
    expect(() => ctx.seal.open(oldSealed)).toThrow(/not known here/);
    const row = await ctx.db.selectFrom('key_versions').selectAll().where('purpose', '=', 'outbox').where('kid', '=', 'base').executeTakeFirstOrThrow();
    expect(row.sealed_key).toBeNull();
  });
});
