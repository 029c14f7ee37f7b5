// Streams a CSV file's rows with their line numbers; a row the parser cannot read is handed on as a problem, not thrown.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse, type CsvError } from 'csv-parse';
import type { CsvRow } from './field-reader.js';

export interface SourceRow {
  readable: true;
  /** The line the row starts on (the header is line 1). */
  line: number;
  row: CsvRow;
  /** Bytes of the file read so far, for progress. */
  bytes: number;
}

export interface UnreadableRow {
  readable: false;
  line: number;
  reason: string;
}

/** A file that cannot be imported at all (missing, or a header the format does not know). */
export class FileError extends Error {}

export interface HeaderRule {
  required: readonly string[];
  known: readonly string[];
  /** Extra check on the whole header, e.g. "card_number, or card_hash with last_four". */
  check?: (columns: readonly string[]) => string | undefined;
}

export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    throw new FileError(`${basename(path)}: cannot be read`);
  }
}

function checkHeader(file: string, header: string[], rule: HeaderRule): string[] {
  const columns = header.map((h) => h.trim());
  const missing = rule.required.filter((c) => !columns.includes(c));
  if (missing.length) throw new FileError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  // An unknown column is most often a misspelt optional one, whose data would be silently dropped.
  const unknown = columns.filter((c) => !rule.known.includes(c));
  if (unknown.length) throw new FileError(`${file}:1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${rule.known.join(', ')})`);
  const duplicated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicated.length) throw new FileError(`${file}:1: column ${duplicated[0]} appears twice`);
  const problem = rule.check?.(columns);
  if (problem) throw new FileError(`${file}:1: ${problem}`);
  return columns;
}

/** Rows in file order; a row the parser could not read comes in its place as an UnreadableRow. */
export async function* csvRows(path: string, rule: HeaderRule): AsyncGenerator<SourceRow | UnreadableRow> {
  const file = basename(path);
  await fileSize(path);
  // The parser reads ahead of the consumer and reports skipped rows at once: they wait here to be handed on in line order.
  const unreadable: UnreadableRow[] = [];
  // Rows come as arrays (csv-parse's object rows cost a defineProperty per field) and the header is checked here.
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // The parser's message names the problem and the line; the row itself (a card number, perhaps) is left out.
      on_skip: (error: CsvError | undefined) => {
        if (error) unreadable.push({ readable: false, line: Number(error.lines) || 0, reason: error.message.replace(/ on line \d+$/, '') });
        return undefined;
      },
    }),
  );
  let columns: string[] | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      const fields = item.record;
      if (!columns) {
        columns = checkHeader(file, fields, rule);
        continue;
      }
      // `lines` is where the row ends; a quoted field may have carried it over several lines.
      let line = item.info.lines;
      for (const field of fields) for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) line--;
      while (unreadable.length > 0 && (unreadable[0] as UnreadableRow).line < line) yield unreadable.shift() as UnreadableRow;
      if (fields.length !== columns.length) {
        yield { readable: false, line, reason: `has ${fields.length} fields where the header has ${columns.length}` };
        continue;
      }
      const row: CsvRow = {};
      for (let i = 0; i < columns.length; i++) row[columns[i] as string] = fields[i];
      yield { readable: true, line, row, bytes: item.info.bytes };
    }
    yield* unreadable;
  } catch (error) {
    // The parser's own errors make the file unreadable; anything else (a strict stop, a header refused) goes on as it is.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) throw new FileError(`${file}: ${(error as Error).message}`);
    throw error;
  }
}
