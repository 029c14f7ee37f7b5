// The README's list of log events ("### Logs") against the code: every message a log call in src/ writes is listed at
// its level, with the fields the call writes, and every message listed is still written (or is Fastify's own).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface LogCall {
  file: string;
  level: string;
  msg: string;
  /** The top-level keys of the fields object, when the call gives one as a literal. */
  keys: string[];
}

interface DocumentedEvent {
  msg: string;
  level: string;
  row: string;
}

const sourceFiles = (): { file: string; text: string }[] =>
  (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `src/${f}`, text: readFileSync(join(ROOT, 'src', f), 'utf8').replace(/^\s*\/\/.*$/gm, '') }));

/** The text of a call's arguments: from after its `(` to the matching `)`, strings skipped over. */
function argumentsAt(text: string, start: number): string {
  let depth = 1;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return text.slice(start, i);
  }
  throw new Error(`unclosed call at ${start}`);
}

/** Splits at the commas outside brackets and strings. */
function topLevel(text: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** A message as written: a string literal, or a constant of src/ that is one. Anything else fails the test. */
function messageOf(arg: string, sources: { text: string }[]): string | undefined {
  const literal = /^(['"`])(.*)\1$/s.exec(arg);
  if (literal && !(literal[1] === '`' && literal[2]?.includes('${'))) return literal[2]?.replace(/\\(.)/g, '$1');
  if (/^[A-Z_][A-Z0-9_]*$/.test(arg)) {
    for (const { text } of sources) {
      const constant = new RegExp(`\\bconst ${arg} = (['"\`])(.*?)\\1;`).exec(text);
      if (constant) return constant[2];
    }
  }
  return undefined;
}

function logCalls(): { calls: LogCall[]; unreadable: string[] } {
  const sources = sourceFiles();
  const calls: LogCall[] = [];
  const unreadable: string[] = [];
  for (const { file, text } of sources) {
    // Any logger whose name ends in log or logger: app.log, request.log, this.log, lineLog.
    for (const match of text.matchAll(/\b\w*(?:log|Log|logger|Logger)\.(fatal|error|warn|info|debug|trace)\(/g)) {
      const args = topLevel(argumentsAt(text, (match.index ?? 0) + match[0].length));
      const msg = messageOf(args.at(-1) ?? '', sources);
      if (msg === undefined) {
        unreadable.push(`${file}: ${match[0]}${args.join(', ')})`);
        continue;
      }
      const fields = args.length > 1 && args[0]?.startsWith('{') ? (args[0] as string).slice(1, -1) : '';
      const keys = topLevel(fields).map((entry) => /^([A-Za-z_]\w*)/.exec(entry)?.[1] ?? entry);
      calls.push({ file, level: match[1] as string, msg, keys });
    }
  }
  return { calls, unreadable };
}

/** The events table of the README's "### Logs": its rows' message (code span unwrapped) and level. */
function documentedEvents(): DocumentedEvent[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /\n### Logs\n([\s\S]*?)\n##/.exec(readme)?.[1] ?? '';
  const table = section.slice(section.indexOf('| msg | level |'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((row) => {
      const [msg, level] = row.split(' | ').map((cell) => cell.replace(/^\| /, ''));
      const unwrapped = (msg ?? '').startsWith('``') ? (msg ?? '').slice(2, -2).trim() : (msg ?? '').slice(1, -1);
      return { msg: unwrapped, level: level ?? '', row };
    });
}

describe('the documented log events', () => {
  const { calls, unreadable } = logCalls();
  const events = documentedEvents();

  it('finds the log calls and the table (so that the checks below check something)', () => {
    expect(calls.length).toBeGreaterThan(15);
    expect(events.length).toBeGreaterThan(15);
    expect(calls.map((c) => c.msg)).toContain('draining');
  });

  it('every log call writes a fixed message (a literal or a constant), so an aggregator can match it', () => {
    expect(unreadable).toEqual([]);
  });

  it('every message written is listed once, at the level it is written at, with the fields it writes', () => {
    const wrong: string[] = [];
    for (const call of calls) {
      const listed = events.filter((e) => e.msg === call.msg);
      if (listed.length !== 1) wrong.push(`${call.file}: "${call.msg}" is listed ${listed.length} times`);
      else if (listed[0]?.level !== call.level) wrong.push(`${call.file}: "${call.msg}" is written at ${call.level}, listed at ${listed[0]?.level}`);
      else for (const key of call.keys) if (!listed[0].row.includes(`\`${key}\``)) wrong.push(`${call.file}: "${call.msg}" writes ${key}, not listed`);
    }
    expect(wrong).toEqual([]);
  });

  it('every message listed is still written, by a log call of src/ or by Fastify', () => {
    const written = new Set(calls.map((c) => c.msg));
    expect(events.filter((e) => !written.has(e.msg) && !e.row.includes('(written by Fastify)')).map((e) => e.msg)).toEqual([]);
  });
});
