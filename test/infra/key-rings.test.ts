// A node learns of another's rotation from what names the new version: a token's kid, a sealed text's prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext, type ServiceContext } from '../../src/runtime/context.js';
import { prepareStore } from '../../src/runtime/server.js';
import { watchKeyRings } from '../../src/infra/key-rings.js';
import { freshKeyVersion } from '../../src/security/key-versions.js';
import { sealedBox } from '../../src/security/sealed-box.js';
import type { KeyVersionRecord } from '../../src/use-cases/ports.js';
import { rotateKey } from '../../src/use-cases/keys/rotate-key.js';
import { tokenForClient, verifyAccessToken } from '../../src/use-cases/tokens.js';
import { createTestStore, type TestStore } from '../../testkit/databases.js';

describe('key rings of two nodes on one store', () => {
  let store: TestStore;
  let rotating: ServiceContext;
  /** Two other nodes, one per test: each learns of the rotations from what it meets. */
  let other: ServiceContext;
  let another: ServiceContext;

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    const config = loadConfig({ ...store.env, LOG_LEVEL: 'silent' });
    rotating = createContext(config);
    await prepareStore(rotating);
    other = createContext(config);
    another = createContext(config);
    // The other nodes read the versions before the rotations, and do not poll in this test.
    await other.keyRings.refresh();
    await another.keyRings.refresh();
    for (const purpose of ['token-signing', 'outbox'] as const) await rotateKey(rotating, purpose, sealedBox(rotating.keys.master!));
    await rotating.keyRings.refresh();
  });
  afterAll(async () => {
    await other?.close();
    await another?.close();
    await rotating?.close();
    await store?.drop();
  });

  it('opens a message sealed under a version it had not read (the dispatcher and verify replays open fresh)', async () => {
    const sealed = rotating.seal.seal('PIN 4321');
    expect(() => another.seal.open(sealed)).toThrow(/not known here/);
    expect(await another.seal.openFresh(sealed)).toBe('PIN 4321');
    expect(another.seal.open(sealed)).toBe('PIN 4321');
  });

  it('accepts a token under a version it had not read, by reading the versions then, and signs with it from then on', async () => {
    const token = (await tokenForClient(rotating, 'flexitidemo', 'merchant')).access_token;
    expect(other.tokenKeys.signing().kid).toBe('base');
    expect((await verifyAccessToken(other, token)).principal.clientId).toBe('flexitidemo');
    expect(other.tokenKeys.signing().kid).toBe(rotating.tokenKeys.signing().kid);
  });

  it('refuses a token whose kid names no version, and one with a kid of the wrong shape without reading the store', async () => {
    const token = (await tokenForClient(rotating, 'flexitidemo', 'merchant')).access_token;
    const [, body, signature] = token.split('.');
    for (const kid of ['tok-AAAAAAAAAAAAAAAA', '../etc/passwd']) {
      const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid })).toString('base64url');
      await expect(verifyAccessToken(other, `${head}.${body}.${signature}`)).rejects.toMatchObject({ message: 'The access token is invalid.' });
    }
  });
});

describe('when a node reads the key versions again', () => {
  const master = 'the-master-key-of-at-least-32-characters';
  const rotated = freshKeyVersion('tok');
  const rows: KeyVersionRecord[] = [
    { purpose: 'token-signing', kid: 'base', sealed_key: null, created_at: 0, retired_at: 2, rehashed_at: null },
    { purpose: 'token-signing', kid: rotated.kid, sealed_key: sealedBox(master).seal(rotated.secret), created_at: 1, retired_at: null, rehashed_at: null },
  ];

  it('reads for a version it has not seen, never for one it has seen retired nor for an id of the wrong shape', async () => {
    let reads = 0;
    const rings = watchKeyRings(
      {
        all: async () => {
          reads += 1;
          return rows;
        },
      },
      {
        master,
        tokenSigning: 'the-base-signing-key-of-at-least-32-chars',
        outbox: 'the-base-outbox-key-of-at-least-32-chars',
        cardHmac: 'the-base-card-key-of-at-least-32-chars',
      },
    );
    await rings.refresh();
    expect(rings.tokenKeys.signing().kid).toBe(rotated.kid);
    reads = 0;
    expect(await rings.tokenKeys.verifying('base')).toBeUndefined();
    expect(await rings.tokenKeys.verifying('not a kid')).toBeUndefined();
    expect(reads).toBe(0);
    expect(await rings.tokenKeys.verifying('tok-AAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(reads).toBe(2);
    expect(await rings.tokenKeys.verifying(rotated.kid)).toEqual(new TextEncoder().encode(rotated.secret));
  });
});
