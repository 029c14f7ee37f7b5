// The build's up-to-date check (scripts/build-stamp.mjs): an unchanged tree is up to date, so `npm start` does not
// rebuild; any change to a source (content, a new file, a removed or renamed one) or a missing output makes it stale.
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearStamp, fingerprint, isUpToDate, writeStamp } from '../../scripts/build-stamp.mjs';

describe('the build stamp', () => {
  let root = '';
  const inputs = ['src', 'tsconfig.json'];
  const stamp = () => join(root, 'dist/.build-stamp');
  const outputs = () => [join(root, 'dist/main.js')];
  /** The state after a good build of the tree as it is now. */
  const build = () => {
    writeFileSync(join(root, 'dist/main.js'), 'built');
    writeStamp(stamp(), fingerprint(root, inputs));
  };
  const upToDate = () => isUpToDate(stamp(), fingerprint(root, inputs), outputs());

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'posapi-stamp-'));
    mkdirSync(join(root, 'src/http'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src/main.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src/http/app.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is stale before the first build, and up to date after it while nothing changes', () => {
    expect(upToDate()).toBe(false);
    build();
    expect(upToDate()).toBe(true);
    expect(upToDate()).toBe(true);
  });

  it('ignores a touched file whose content is the same (a checkout, a copy)', () => {
    build();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src/main.ts'), later, later);
    expect(upToDate()).toBe(true);
  });

  it('is stale when a source changes, in a nested folder or a single input file', () => {
    build();
    writeFileSync(join(root, 'src/http/app.ts'), 'export const b = 3;\n');
    expect(upToDate()).toBe(false);
    build();
    writeFileSync(join(root, 'tsconfig.json'), '{ "strict": true }\n');
    expect(upToDate()).toBe(false);
  });

  it('is stale when a source is added, removed or renamed', () => {
    build();
    writeFileSync(join(root, 'src/new.ts'), '');
    expect(upToDate()).toBe(false);
    build();
    rmSync(join(root, 'src/new.ts'));
    expect(upToDate()).toBe(false);
    build();
    renameSync(join(root, 'src/main.ts'), join(root, 'src/index.ts'));
    expect(upToDate()).toBe(false);
  });

  it('is stale when an output is missing, or when the stamp was cleared by a build that then failed', () => {
    build();
    rmSync(join(root, 'dist/main.js'));
    expect(upToDate()).toBe(false);
    build();
    clearStamp(stamp());
    expect(upToDate()).toBe(false);
  });
});
