// Compares our AAMVA licence parser with the npm parsers on the shared fixtures: fields right and parses per second.
// Run: node --import tsx bench/aamva-compare.ts

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { parseLicence } from '../src/domain/aamva/index.js';
import { loadAamvaFixtures, type AamvaFixture } from '../testkit/index.js';

/** The fields every parser can be asked for: name, birth date, licence number, expiry, postal code, province. */
export const COMPARED_FIELDS = ['first_name', 'middle_name', 'last_name', 'dob', 'govid_number', 'govid_expiry', 'postal_code', 'province'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];
type ComparedValues = Partial<Record<ComparedField, string>>;

interface Contender {
  name: string;
  /** The library call alone, timed by the benchmark. */
  call(code: string): unknown;
  /** Maps what the library returned to our field names; undefined when it returned nothing usable. */
  map(output: unknown): ComparedValues | undefined;
}

export interface ComparisonRow {
  parser: string;
  right: number;
  total: number;
  percentRight: number;
  parsesPerSecond: number;
  /** parsesPerSecond divided by ours. */
  relativeThroughput: number;
  /** How many fixtures each field was right on. */
  fieldsRight: Record<ComparedField, number>;
}

// The peers are CommonJS; their typings are partial or absent, so each is described by what is used here.
const require = createRequire(import.meta.url);
const aamvaParser = require('aamva-parser') as { parse(data: string): Record<string, unknown> };
const aamvajs = require('aamvajs') as { raw(data: string): { data?: Record<string, unknown> } };
const parseUsdl = require('parse-usdl') as { parse(data: string, options?: { suppressErrors?: boolean }): Record<string, unknown> };

const CONTENDERS: readonly Contender[] = [
  {
    name: 'ours (src/domain/aamva)',
    call: (code) => parseLicence(code),
    map: (output) => {
      const result = output as ReturnType<typeof parseLicence>;
      return result.ok ? pick(result.fields as unknown as Record<string, unknown>) : undefined;
    },
  },
  {
    name: 'aamva-parser',
    call: (code) => aamvaParser.parse(code),
    map: (output) => {
      const o = output as Record<string, unknown>;
      return {
        first_name: text(o.firstName),
        middle_name: text(o.middleName),
        last_name: text(o.lastName),
        dob: isoDate(o.dateOfBirth),
        govid_number: text(o.driversLicenseId),
        govid_expiry: isoDate(o.expirationDate),
        postal_code: text(o.postalCode),
        province: text(o.state),
      };
    },
  },
  {
    name: 'aamvajs',
    call: (code) => aamvajs.raw(code),
    map: (output) => {
      const o = (output as { data?: Record<string, unknown> }).data ?? {};
      // v1 cards: aamvajs returns DAA as "LAST, FIRST, MIDDLE" in fullName rather than splitting it.
      const full = typeof o.fullName === 'string' ? o.fullName.split(',').map((s) => s.trim()) : [];
      return {
        first_name: text(o.firstName) || (full[1] ?? ''),
        middle_name: text(o.middleName) || full.slice(2).join(' '),
        last_name: text(o.familyName) || (full[0] ?? ''),
        dob: isoDate(o.dateOfBirth),
        govid_number: text(o.idNumber),
        govid_expiry: isoDate(o.expirationDate),
        postal_code: text(o.zip),
        province: text(o.state),
      };
    },
  },
  {
    name: 'parse-usdl',
    call: (code) => parseUsdl.parse(code, { suppressErrors: true }),
    map: (output) => {
      const o = output as Record<string, unknown>;
      return {
        first_name: text(o.firstName),
        middle_name: text(o.middleName),
        last_name: text(o.lastName),
        dob: isoDate(o.dateOfBirth),
        govid_number: text(o.documentNumber),
        govid_expiry: isoDate(o.dateOfExpiry),
        postal_code: text(o.addressPostalCode),
        province: text(o.addressState),
      };
    },
  },
];

function pick(fields: Record<string, unknown>): ComparedValues {
  const values: ComparedValues = {};
  for (const field of COMPARED_FIELDS) values[field] = text(fields[field]);
  return values;
}

// Peers return null or undefined for absent values where we return ''; both mean "none".
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

// Peers return Date objects, epoch numbers or strings; a date built at UTC midnight is read in UTC,
// any other in local time, so a peer is not marked wrong for the time zone the bench runs in.
function isoDate(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined;
  if (date === undefined) return text(value);
  if (Number.isNaN(date.getTime())) return '';
  const utc = date.getUTCHours() === 0 && date.getUTCMinutes() === 0;
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = utc ? date.getUTCDate() : date.getDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function safely(contender: Contender, code: string): ComparedValues | undefined {
  try {
    return contender.map(contender.call(code));
  } catch {
    return undefined;
  }
}

function score(contender: Contender, fixtures: readonly AamvaFixture[]): Pick<ComparisonRow, 'right' | 'fieldsRight'> {
  const fieldsRight = Object.fromEntries(COMPARED_FIELDS.map((f) => [f, 0])) as Record<ComparedField, number>;
  let right = 0;
  for (const fixture of fixtures) {
    const got = safely(contender, fixture.code);
    let allRight = true;
    for (const field of COMPARED_FIELDS) {
      const want = fixture.expected?.[field];
      if (want === undefined) continue;
      if (got !== undefined && got[field] === want) fieldsRight[field] += 1;
      else allRight = false;
    }
    if (allRight) right += 1;
  }
  return { right, fieldsRight };
}

async function throughputs(codes: readonly string[]): Promise<number[]> {
  const bench = new Bench({ name: 'aamva parsers', time: 400, warmupTime: 100 });
  for (const contender of CONTENDERS) {
    // Every fixture once per run; exceptions are part of calling a peer, so they are caught here too.
    bench.add(contender.name, () => {
      for (const code of codes) {
        try {
          contender.call(code);
        } catch {
          // counted as a parse all the same
        }
      }
    });
  }
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    return result.state === 'completed' && result.period > 0 ? (codes.length * 1000) / result.period : 0;
  });
}

export async function runAamvaComparison(): Promise<{ markdown: string; rows: ComparisonRow[] }> {
  const fixtures = loadAamvaFixtures().filter((f) => f.expected !== undefined);
  const perSecond = await throughputs(fixtures.map((f) => f.code));
  const ours = perSecond[0] ?? 0;
  const rows = CONTENDERS.map((contender, i): ComparisonRow => {
    const { right, fieldsRight } = score(contender, fixtures);
    const parsesPerSecond = perSecond[i] ?? 0;
    return {
      parser: contender.name,
      right,
      total: fixtures.length,
      percentRight: (100 * right) / fixtures.length,
      parsesPerSecond,
      relativeThroughput: ours > 0 ? parsesPerSecond / ours : 0,
      fieldsRight,
    };
  });
  return { markdown: toMarkdown(rows), rows };
}

function toMarkdown(rows: readonly ComparisonRow[]): string {
  const summary = [
    '| parser | fixtures right | throughput (parses/s) | throughput relative to ours |',
    '| --- | --- | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.parser} | ${r.right}/${r.total} (${r.percentRight.toFixed(1)}%) | ${Math.round(r.parsesPerSecond).toLocaleString('en-CA')} | ${r.relativeThroughput.toFixed(2)}× |`,
    ),
  ];
  const byField = [
    `| parser | ${COMPARED_FIELDS.join(' | ')} |`,
    `| --- | ${COMPARED_FIELDS.map(() => '---:').join(' | ')} |`,
    ...rows.map((r) => `| ${r.parser} | ${COMPARED_FIELDS.map((f) => r.fieldsRight[f]).join(' | ')} |`),
  ];
  return `${summary.join('\n')}\n\nFixtures right, field by field (of ${rows[0]?.total ?? 0}):\n\n${byField.join('\n')}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown } = await runAamvaComparison();
  console.log(markdown);
}
