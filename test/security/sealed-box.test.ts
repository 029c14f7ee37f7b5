// The sealed box across key versions: the version travels in the text, the base key keeps the unversioned form.
import { describe, expect, it } from 'vitest';
import { BASE_KID, freshKeyVersion, isWellFormedKid } from '../../src/security/key-versions.js';
import { sealedBox, sealedKeyId, UnknownKeyVersion, versionedSealedBox } from '../../src/security/sealed-box.js';

const base = { kid: BASE_KID, secret: 'the-base-outbox-key-of-at-least-32-chars' };

describe('versioned sealed box', () => {
  const next = freshKeyVersion('box');

  it('seals under the base key in the v1 form that a box of that key alone opens, as before rotation', () => {
    const sealed = versionedSealedBox(base, [base]).seal('PIN 1234');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealedBox(base.secret).open(sealed)).toBe('PIN 1234');
    expect(sealedKeyId(sealed)).toBe(BASE_KID);
  });

  it('seals under a rotated version with its id in the text, and opens what the base key sealed before', () => {
    const box = versionedSealedBox(next, [base, next]);
    const sealed = box.seal('PIN 5678');
    expect(sealed.startsWith(`v2.${next.kid}.`)).toBe(true);
    expect(sealedKeyId(sealed)).toBe(next.kid);
    expect(box.open(sealed)).toBe('PIN 5678');
    expect(box.open(sealedBox(base.secret).seal('old PIN'))).toBe('old PIN');
  });

  it('says which version it does not know (rotated elsewhere, or retired), and refuses a text altered in transit', () => {
    const sealed = versionedSealedBox(next, [base, next]).seal('PIN 5678');
    expect(() => versionedSealedBox(base, [base]).open(sealed)).toThrow(UnknownKeyVersion);
    const retiredBase = versionedSealedBox(next, [next]);
    expect(() => retiredBase.open(sealedBox(base.secret).seal('x'))).toThrow(UnknownKeyVersion);
    const [v, kid, iv, tag] = sealed.split('.');
    expect(() => versionedSealedBox(next, [base, next]).open([v, kid, iv, tag, 'AAAA'].join('.'))).toThrow();
  });

  it('makes ids that name a version without saying anything of its key', () => {
    const a = freshKeyVersion('tok');
    expect(isWellFormedKid(a.kid)).toBe(true);
    expect(a.kid).not.toContain(a.secret);
    expect(a.secret).not.toBe(freshKeyVersion('tok').secret);
    expect(isWellFormedKid('../../etc/passwd')).toBe(false);
  });
});
