// Every posapi command as an operator meets it: the real launcher (bin/posapi, running the bundle), from a working
// directory of its own. Each command's help names its arguments; each does its job and refuses a bad request in one
// sentence (never a stack or a raw SQL error); and only `serve`, `migrate` and `seed` ever make a database: the others,
// with none where the service would look, say what to do and leave nothing behind.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/runtime/context.js';
import { migrateToLatest } from '../../src/store/open-store.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { ensureBuilt } from '../stress/harness.js';
import { createSeededContext, createTestStore, storeKinds, type StoreFixture } from '../helpers/stores.js';
import { freePort } from '../../testkit/ports.js';

const BIN = fileURLToPath(new URL('../../bin/posapi', import.meta.url));
const run = promisify(execFile);
const MIGRATIONS = Object.keys(migrationsFor('sqlite'));
const TODAY = new Date().toISOString().slice(0, 10);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `posapi args` in `cwd` with only `env` (and PATH): never the test's own environment. */
async function posapi(cwd: string, env: Record<string, string>, ...args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(BIN, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function expectDone(ran: Ran): string {
  expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
  return ran.stdout;
}

/** Exit code 1, and stderr is one line: the sentence, with nothing of a stack, a driver or SQL. */
function expectOneSentence(ran: Ran, sentence: RegExp | string): void {
  expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(1);
  const lines = ran.stderr.trimEnd().split('\n');
  expect(lines, ran.stderr).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+|constraint failed|violates|SQLITE_|SqliteError|TypeError|undefined/);
  if (typeof sentence === 'string') expect(lines[0]).toContain(sentence);
  else expect(lines[0]).toMatch(sentence);
}

/**
 * Every command and the arguments its help must name. A command the program has and this table lacks fails the help
 * test: a new command comes with its line here, and its cases below.
 */
const COMMANDS: Record<string, string[]> = {
  serve: [],
  migrate: [],
  seed: ['--demo', '--generate'],
  token: ['<client>', '--scope'],
  'clients add': ['<id>', '--merchant', '--channel', '--may-override'],
  'clients disable': ['<id>'],
  'clients locations': ['<client>'],
  'clients add-location': ['<client>', '<location>', '--name'],
  'plans import': ['<file>'],
  'plans export': [],
  'outbox list': ['--limit'],
  'accounts show': ['<number>'],
  'accounts ledger': ['<number>'],
  generate: ['<count>', '--seed', '--csv'],
  import: ['<customers.csv>', '[accounts.csv]', '--cards', '--strict'],
  export: ['<dir>'],
  backup: ['<file>'],
  restore: ['<file>', '--force'],
  'audit export': ['--from', '--to', '--account', '--format', '--out'],
  'keys rotate': ['<key>'],
  'keys retire': ['<key>'],
  'keys rehash': ['<key>'],
  'keys list': [],
};

/** Several commands at once (each spends most of its time starting Node), in the order given. */
const inParallel = <T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> => {
  const limit = pLimit(4);
  return Promise.all(items.map((item) => limit(() => work(item))));
};

/** The command names a help text lists under "Commands:" (commander's own `help` left out). */
const listedCommands = (help: string) =>
  [...(help.split(/^Commands:$/m)[1] ?? '').matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');

describe('posapi: every command', () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'posapi-cwd-'));
  beforeAll(() => ensureBuilt(), 600_000);
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('has a help that names its arguments, and the table above knows every command', { timeout: 300_000 }, async () => {
    const tops = listedCommands(expectDone(await posapi(elsewhere, {}, '--help')));
    const found = await inParallel(tops, async (top) => {
      const subcommands = listedCommands(expectDone(await posapi(elsewhere, {}, top, '--help')));
      return subcommands.length ? subcommands.map((sub) => `${top} ${sub}`) : [top];
    });
    expect(found.flat().sort()).toEqual(Object.keys(COMMANDS).sort());
    const helps = await inParallel(Object.keys(COMMANDS), async (command) => expectDone(await posapi(elsewhere, {}, ...command.split(' '), '--help')));
    for (const [i, [command, args]] of Object.entries(COMMANDS).entries()) {
      expect(helps[i]).toContain(`Usage: posapi ${command}`);
      for (const arg of args) expect(helps[i], command).toContain(arg);
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('posapi with no database where the service would look', () => {
  const bare = mkdtempSync(join(tmpdir(), 'posapi-bare-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'posapi-elsewhere-'));
  const expected = `no database at ${join(bare, 'data', 'posapi.db')}: run \`posapi migrate\` and \`posapi seed --demo\` here`;
  beforeAll(() => ensureBuilt(), 600_000);
  afterAll(() => {
    rmSync(bare, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  /** Every command that reads or writes the database, with arguments it would accept on a seeded one. */
  const READERS: string[][] = [
    ['token', 'flexitidemo'],
    ['clients', 'add', 'newclient', '--merchant', '12345'],
    ['clients', 'disable', 'acmedemo'],
    ['clients', 'locations', 'flexitidemo'],
    ['clients', 'add-location', 'flexitidemo', 'WEB-1'],
    ['plans', 'import', 'catalogue.yaml'],
    ['plans', 'export'],
    ['outbox', 'list'],
    ['accounts', 'show', '20035156'],
    ['accounts', 'ledger', '20035156'],
    ['generate', '3'],
    ['import', 'customers.csv'],
    ['export', 'out'],
    ['audit', 'export', '--from', TODAY, '--to', TODAY],
    ['keys', 'rotate', 'outbox'],
    ['keys', 'retire', 'outbox'],
    ['keys', 'rehash', 'card-hash'],
    ['keys', 'list'],
  ];

  it('every command but serve, migrate and seed says what to do in one sentence, and makes nothing', { timeout: 600_000 }, async () => {
    for (const ran of await inParallel(READERS, (args) => posapi(bare, {}, ...args))) expectOneSentence(ran, expected);
    expectOneSentence(await posapi(bare, {}, 'backup', 'copy.db'), 'does not exist');
    expect(readdirSync(bare)).toEqual([]);
  });

  it('`migrate` makes it there, the commands then ask for data, and `seed --demo` gives it', { timeout: 300_000 }, async () => {
    expect(expectDone(await posapi(bare, {}, 'migrate'))).toBe(`applied: ${MIGRATIONS.join(', ')}\n`);
    expect(existsSync(join(bare, 'data', 'posapi.db'))).toBe(true);
    expect(existsSync(join(bare, 'data', 'posapi.db.keys.json'))).toBe(true);
    expect(expectDone(await posapi(bare, {}, 'migrate'))).toBe('the schema is up to date\n');
    expectOneSentence(
      await posapi(bare, {}, 'accounts', 'show', '20035156'),
      `the database at ${join(bare, 'data', 'posapi.db')} has no data yet: run \`posapi seed --demo\``,
    );
    expectOneSentence(await posapi(bare, {}, 'token', 'flexitidemo'), 'has no data yet');
    expectOneSentence(await posapi(bare, {}, 'plans', 'import', fileURLToPath(new URL('../../catalogue/demo-plans.yaml', import.meta.url))), 'has no data yet');
    expect(expectDone(await posapi(bare, {}, 'seed', '--demo'))).toBe('demo data loaded\n');
    expect(expectDone(await posapi(bare, {}, 'accounts', 'show', '20035156'))).toContain('account 20035156 (');
  });

  it('the database named by DATABASE_URL is the one used, from any folder; its keys must be found, never made', { timeout: 300_000 }, async () => {
    const database = { DATABASE_URL: `sqlite:${join(bare, 'data', 'posapi.db')}` };
    expect(expectDone(await posapi(elsewhere, database, 'accounts', 'show', '20035156'))).toContain('account 20035156 (');
    const keysFile = join(elsewhere, 'keys', 'none.json');
    expectOneSentence(
      await posapi(elsewhere, { ...database, KEYS_FILE: keysFile }, 'token', 'flexitidemo'),
      `no keys for the database at ${join(bare, 'data', 'posapi.db')}: ${keysFile} is missing`,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a database never migrated, or lacking a migration, is refused with the command that fixes it', { timeout: 300_000 }, async () => {
    const store = await createTestStore('sqlite');
    try {
      const path = store.databaseUrl.slice('sqlite:'.length);
      writeFileSync(path, '');
      expectOneSentence(await posapi(elsewhere, store.env, 'outbox', 'list'), `the database at ${path} has never been migrated: run \`posapi migrate\``);
      const ctx = createContext(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }));
      await migrateToLatest(ctx.store);
      await sql`delete from kysely_migration where name = ${MIGRATIONS.at(-1)!}`.execute(ctx.db);
      await ctx.close();
      expectOneSentence(
        await posapi(elsewhere, store.env, 'keys', 'list'),
        `the database at ${path} lacks this build's migrations ${MIGRATIONS.at(-1)!}: run \`posapi migrate\``,
      );
    } finally {
      await store.drop();
    }
  });

  describe.skipIf(!storeKinds().includes('postgres'))('on PostgreSQL', () => {
    const keys = Object.fromEntries(
      ['TOKEN_SIGNING_KEY', 'CARD_HMAC_KEY', 'PIN_HMAC_KEY', 'OUTBOX_KEY', 'KEYS_MASTER_KEY'].map((name) => [name, randomBytes(32).toString('hex')]),
    );

    it('an unreachable server and a missing database are each one sentence, for every command', { timeout: 300_000 }, async () => {
      const port = await freePort();
      const unreachable = { ...keys, DATABASE_URL: `postgres://postgres:secret-pw@127.0.0.1:${port}/posapi` };
      for (const args of [['accounts', 'show', '20035156'], ['outbox', 'list'], ['migrate']]) {
        const ran = await posapi(elsewhere, unreachable, ...args);
        expectOneSentence(ran, new RegExp(`^cannot reach the database posapi on PostgreSQL 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\): is it running`));
        expect(ran.stderr).not.toContain('secret-pw');
      }
      const name = `posapi_absent_${randomBytes(4).toString('hex')}`;
      const missing = { ...keys, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}` };
      for (const args of [['token', 'flexitidemo'], ['migrate'], ['seed', '--demo']]) {
        expectOneSentence(await posapi(elsewhere, missing, ...args), `no database ${name} on PostgreSQL 127.0.0.1:5432: create it (createdb)`);
      }
    });
  });
});

describe('posapi on a seeded database, each command: its job, and a refusal', () => {
  let fixture: StoreFixture;
  const cwd = mkdtempSync(join(tmpdir(), 'posapi-ops-'));
  const posapiHere = (...args: string[]) => posapi(cwd, fixture.store.env, ...args);
  const done = async (...args: string[]) => expectDone(await posapiHere(...args));
  const refused = async (sentence: RegExp | string, ...args: string[]) => expectOneSentence(await posapiHere(...args), sentence);

  beforeAll(async () => {
    ensureBuilt();
    fixture = await createSeededContext('sqlite');
  }, 600_000);
  afterAll(async () => {
    await fixture?.ctx.close();
    await fixture?.store.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('migrate and seed', { timeout: 120_000 }, async () => {
    expect(await done('migrate')).toBe('the schema is up to date\n');
    expect(await done('seed', '--demo')).toBe('the database already has data; demo data not loaded\n');
    await refused('say what to load: --demo or --generate N', 'seed');
    await refused('--generate must be a whole number', 'seed', '--generate', 'many');
  });

  it('token', { timeout: 120_000 }, async () => {
    expect(await done('token', 'flexitidemo')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    await refused('no client nobody', 'token', 'nobody');
    await refused(/argument 'everything' is invalid/, 'token', 'flexitidemo', '--scope', 'everything');
  });

  it('clients add, disable, locations, add-location', { timeout: 300_000 }, async () => {
    expect(await done('clients', 'add', 'cli-new', '--merchant', '12345')).toMatch(/^client_id: cli-new\nclient_secret: \S+\n/);
    await refused('client cli-new exists already', 'clients', 'add', 'cli-new', '--merchant', '12345');
    await refused('no merchant 99999', 'clients', 'add', 'cli-other', '--merchant', '99999');
    await refused('a client id is 1 to 100 letters', 'clients', 'add', 'bad id!', '--merchant', '12345');
    await refused("required option '--merchant <id>' not specified", 'clients', 'add', 'cli-other');

    expect(await done('clients', 'add-location', 'cli-new', 'WEB-1', '--name', 'Web shop')).toBe('client cli-new: location WEB-1 registered\n');
    expect(await done('clients', 'locations', 'cli-new')).toBe('WEB-1\tWeb shop\n');
    await refused('no client nobody', 'clients', 'locations', 'nobody');
    await refused('no client nobody', 'clients', 'add-location', 'nobody', 'WEB-1');
    await refused('a location id is 1 to 50 printable ASCII characters', 'clients', 'add-location', 'cli-new', 'é'.repeat(3));

    expect(await done('clients', 'disable', 'cli-new')).toMatch(/^client cli-new disabled; 0 refresh token\(s\) revoked/);
    await refused('client cli-new is disabled: it gets no tokens', 'token', 'cli-new');
    await refused('no client nobody', 'clients', 'disable', 'nobody');
  });

  it('plans export and import', { timeout: 120_000 }, async () => {
    const yaml = await done('plans', 'export');
    expect(yaml).toMatch(/^plans:/m);
    writeFileSync(join(cwd, 'catalogue.yaml'), yaml);
    expect(await done('plans', 'import', 'catalogue.yaml')).toMatch(/^imported \d+ plans and \d+ offers\n$/);
    writeFileSync(join(cwd, 'broken.yaml'), 'plans: [1\n');
    const broken = await posapiHere('plans', 'import', 'broken.yaml');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^broken\.yaml:\d+:\d+: /);
    await refused('absent.yaml: no such file or folder', 'plans', 'import', 'absent.yaml');
  });

  it('outbox list', { timeout: 120_000 }, async () => {
    expect(await done('outbox', 'list')).toMatch(/^outbox: /);
    await refused('--limit must be at least 1', 'outbox', 'list', '--limit', '0');
  });

  it('accounts show and ledger', { timeout: 120_000 }, async () => {
    expect(await done('accounts', 'show', '20035156')).toMatch(/^account 20035156 \(.*\n {2}holder: {6}Alan Martinet/);
    expect(await done('accounts', 'ledger', '116994755')).toContain('the entries add up');
    for (const command of ['show', 'ledger']) {
      await refused('no account 99999', 'accounts', command, '99999');
      await refused('an account number is 1 to 14 digits', 'accounts', command, '12ab');
    }
  });

  it('generate, export and import', { timeout: 300_000 }, async () => {
    expect(await done('generate', '3', '--seed', '7')).toMatch(/^generated 3 customers \(G\d+…G\d+\), \d+ accounts, \d+ cards/m);
    await refused('the count must be a whole number', 'generate', 'lots');
    expect(await done('export', 'out')).toMatch(/^exported \d+ customers, \d+ accounts, \d+ cards to out/);
    const imported = await done('import', 'out/customers.csv', 'out/accounts.csv');
    expect(imported).toMatch(/^total: read \d+, written \d+, rejected 0/m);
    await refused('missing.csv: cannot be read', 'import', 'missing.csv');
    writeFileSync(join(cwd, 'a-file'), '');
    await refused(/a-file/, 'export', 'a-file/out');
  });

  it('backup and restore', { timeout: 300_000 }, async () => {
    expect(await done('backup', 'copy.db')).toMatch(/^backed up .* to copy\.db: \d+ pages, integrity ok/);
    await refused('posapi: The folder of nowhere/copy.db does not exist.', 'backup', 'nowhere/copy.db');
    await refused('posapi: absent.db does not exist.', 'restore', 'absent.db');
  });

  it('audit export', { timeout: 120_000 }, async () => {
    const lines = (await done('audit', 'export', '--from', TODAY, '--to', TODAY)).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toContain('client.add');
    await refused('--from takes a date (YYYY-MM-DD', 'audit', 'export', '--from', 'yesterday', '--to', TODAY);
    await refused('--to must be after --from', 'audit', 'export', '--from', TODAY, '--to', '2020-01-01');
  });

  it('keys list, rotate, rehash and retire', { timeout: 120_000 }, async () => {
    expect(await done('keys', 'list')).toMatch(/^token-signing\tbase\tcurrent\t/m);
    expect(await done('keys', 'rotate', 'token-signing')).toMatch(/^token-signing key rotated: new version \S+/);
    expect(await done('keys', 'retire', 'token-signing')).toBe('token-signing: nothing to retire yet\n');
    await refused('unknown key "door": one of token-signing, outbox, card-hash', 'keys', 'rotate', 'door');
    await refused('card-hash versions are layers of every card hash: none is ever retired', 'keys', 'retire', 'card-hash');
    await refused('only the card-hash key has anything to re-hash', 'keys', 'rehash', 'outbox');
    expect(await done('keys', 'rehash', 'card-hash')).toContain('card-hash: 0 cards moved to base');
  });

  it('a command the program does not have', async () => {
    await refused("error: unknown command 'frobnicate'", 'frobnicate');
  });
});
