// Makes everything derived from the route schemas: openapi.json, the SDK's types, the Postman collection.
//   openapi  writes openapi.json only (npm run openapi:write)
//   all      writes all three (npm run sdk:generate)
//   check    makes all three in a temporary folder and fails when a committed one differs (npm run sdk:check)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createContext } from '../../src/runtime/context.js';
import { postmanCollection, type OpenApiDocument } from './postman.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SDK = join(ROOT, 'clients/typescript');

/** Where each artefact is committed, relative to the repository root. */
export const ARTEFACTS = {
  openapi: 'openapi.json',
  types: 'clients/typescript/src/schema.d.ts',
  postman: 'clients/postman/posapi.postman_collection.json',
} as const;

/** The document of an app built on a throwaway in-memory database: no server, no data. */
export async function buildDocument(): Promise<OpenApiDocument> {
  const key = randomBytes(32).toString('hex');
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    TOKEN_SIGNING_KEY: key,
    CARD_HMAC_KEY: key,
    OUTBOX_KEY: key,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  const ctx = createContext(config);
  try {
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    const document = JSON.parse(JSON.stringify(app.swagger())) as OpenApiDocument;
    await app.close();
    return document;
  } finally {
    await ctx.store.close();
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function generateTypes(openapiPath: string, outPath: string): void {
  // The SDK's own generator, from where npm installed it (the workspace's node_modules or, hoisted, the root's).
  const bin = [join(SDK, 'node_modules/.bin/openapi-typescript'), join(ROOT, 'node_modules/.bin/openapi-typescript')].find((path) => existsSync(path));
  if (!bin) throw new Error('openapi-typescript is not installed: run `npm ci` at the repository root');
  mkdirSync(dirname(outPath), { recursive: true });
  execFileSync(bin, [openapiPath, '--output', outPath], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Writes the artefacts under `root` (the repository, or a temporary copy of its layout). */
async function generate(root: string, which: 'openapi' | 'all'): Promise<void> {
  const document = await buildDocument();
  write(join(root, ARTEFACTS.openapi), json(document));
  if (which === 'openapi') return;
  generateTypes(join(root, ARTEFACTS.openapi), join(root, ARTEFACTS.types));
  write(join(root, ARTEFACTS.postman), json(postmanCollection(document)));
}

async function check(): Promise<boolean> {
  const scratch = mkdtempSync(join(tmpdir(), 'posapi-sdk-check-'));
  try {
    await generate(scratch, 'all');
    let same = true;
    for (const path of Object.values(ARTEFACTS)) {
      const committed = join(ROOT, path);
      const fresh = readFileSync(join(scratch, path), 'utf8');
      if (!existsSync(committed)) {
        console.error(`✗ ${path} is missing`);
        same = false;
      } else if (readFileSync(committed, 'utf8') !== fresh) {
        console.error(`✗ ${path} differs from a fresh generation`);
        try {
          execFileSync('diff', ['-u', committed, join(scratch, path)], { stdio: ['ignore', 'pipe', 'ignore'] });
        } catch (error) {
          const out = String((error as { stdout?: Buffer }).stdout ?? '');
          console.error(out.split('\n').slice(0, 40).join('\n'));
        }
        same = false;
      } else {
        console.log(`✓ ${path}`);
      }
    }
    if (!same) console.error('\nThe committed contract is stale: run `npm run sdk:generate` and commit the result.');
    return same;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const mode = process.argv[2] ?? 'all';
if (mode === 'check') {
  process.exitCode = (await check()) ? 0 : 1;
} else if (mode === 'openapi' || mode === 'all') {
  await generate(ROOT, mode);
  for (const path of mode === 'openapi' ? [ARTEFACTS.openapi] : Object.values(ARTEFACTS))
    console.log(`wrote ${relative(process.cwd(), join(ROOT, path)) || path}`);
} else {
  console.error('usage: generate.ts openapi | all | check');
  process.exitCode = 2;
}
