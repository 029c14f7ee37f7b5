// The SDK as an integrator gets it: `npm pack` makes the tarball (its prepack builds it), an empty project installs it
// (the SDK's own dependencies come from the registry), the README's example is type-checked there against the packed
// types and run against a live service with the demo data. The example is read from the README itself, so the two
// cannot drift apart.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../testkit/databases.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SDK = join(ROOT, 'clients/typescript');
const README = readFileSync(join(SDK, 'README.md'), 'utf8');
const run = promisify(execFile);

/** The fenced block of this language that follows the heading. */
function block(heading: string, language: string): string {
  const section = README.slice(README.indexOf(`\n## ${heading}\n`));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  if (!match?.[1]) throw new Error(`the SDK README has no ${language} block under "## ${heading}"`);
  return match[1];
}

interface PackEntry {
  filename: string;
  files: { path: string }[];
}

describe('the SDK package (@posapi/client), packed and installed from its tarball', () => {
  let project = '';
  let store: TestStore | undefined;
  let service: ServiceProcess | undefined;
  let packed: PackEntry;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'posapi-sdk-project-'));
    const [pack] = await Promise.all([
      run('npm', ['pack', '--json', '--pack-destination', project], { cwd: SDK }),
      (async () => {
        store = await createTestStore('sqlite');
        service = await startService({ ...store.env, LOG_LEVEL: 'warn' });
      })(),
    ]);
    packed = (JSON.parse(pack.stdout) as PackEntry[])[0]!;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'till', private: true, type: 'module' }, null, 2));
    await run('npm', ['install', '--no-audit', '--no-fund', `./${packed.filename}`], { cwd: project });
    writeFileSync(join(project, 'checkout.ts'), block('Example: a checkout at the till', 'ts'));
  }, 600_000);

  afterAll(async () => {
    await service?.stop('SIGTERM');
    await store?.drop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('holds the built client, its types, the README and the licence, and nothing of the sources or tests', () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toEqual(['LICENSE', 'README.md', 'dist/client.d.ts', 'dist/client.js', 'dist/schema.d.ts', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@posapi/client/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: '@posapi/client', license: 'MIT', type: 'module' });
    expect(manifest.private).toBeUndefined();
    expect(readFileSync(join(project, 'node_modules/@posapi/client/LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  });

  it("type-checks the README's example against the installed package's own types", async () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          // The example reads process.env: Node's types, from the repository (the project installs only the SDK).
          typeRoots: [join(ROOT, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['checkout.ts'],
      }),
    );
    const checked = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project]).catch((error: { stdout: string }) => ({
      stdout: error.stdout,
    }));
    expect(checked.stdout).toBe('');
  }, 120_000);

  it("runs the README's example against the service and prints what the README says", async () => {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['checkout.ts'], {
      cwd: project,
      env: { ...process.env, POSAPI_URL: service!.base },
    });
    expect(stderr).toBe('');
    // The authorization id depends on the database; everything else is as the README shows it.
    const printed = stdout.replace(/^purchase \d+:/m, 'purchase <id>:');
    expect(printed).toBe(block('Example: a checkout at the till', 'text').replace(/^purchase \d+:/m, 'purchase <id>:'));
  }, 120_000);
});
