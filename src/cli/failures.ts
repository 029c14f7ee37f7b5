// Every failure of a command as one sentence on stderr, never a stack or a raw SQL error: the command's own refusals,
// a bad configuration, and the database's refusals put in words (a duplicate, a missing reference, an unreachable server).
import { ConfigError, type Config } from '../config.js';
import { describeStoreError } from '../store/store-errors.js';
import { CommandFailure } from './failure.js';
import { databaseWhere } from './where.js';

const firstLine = (text: string) => text.split('\n')[0] ?? text;
const aside = (detail: string | undefined) => (detail ? ` (${detail})` : '');

/** Node's file-system errors carry the path and a code: the sentence names the file and what is wrong with it. */
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'exists already',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

function fileSentence(error: unknown): string | undefined {
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string' || !(code in FILE_PROBLEMS)) return undefined;
  return `${path}: ${FILE_PROBLEMS[code]}`;
}

/** The sentence for a failure; `config` is what the command ran with, when it got that far (it names the database). */
export function sentenceFor(error: unknown, config: Config | undefined): string {
  if (error instanceof CommandFailure) return error.message;
  // The configuration's problems are listed one a line, each naming its variable.
  if (error instanceof ConfigError) return error.message;
  const file = fileSentence(error);
  if (file) return file;
  const store = describeStoreError(error);
  const where = config ? databaseWhere(config) : 'named by DATABASE_URL';
  if (store) {
    switch (store.kind) {
      case 'duplicate':
        return `the database refused it: that exists already${aside(store.detail)}`;
      case 'missing-reference':
        return `the database refused it: it names something that does not exist, or something still named elsewhere${aside(store.detail)}`;
      case 'invalid-value':
        return `the database refused a value${aside(store.detail)}`;
      case 'not-migrated':
        return `the database ${where} is not migrated: run \`posapi migrate\``;
      case 'no-such-database':
        return `no database ${where}: create it (createdb), then run \`posapi migrate\` and \`posapi seed --demo\`, or set DATABASE_URL to the service's database`;
      case 'login-refused':
        return `the database ${where} refused the login${aside(store.detail)}: check the user and password in DATABASE_URL`;
      case 'unavailable':
        return `cannot reach the database ${where}${aside(store.detail)}: is it running, and is DATABASE_URL the service's?`;
    }
  }
  return `posapi: ${firstLine(error instanceof Error ? error.message : String(error))}`;
}
