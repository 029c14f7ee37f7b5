// Reads a catalogue file's text (YAML, or JSON as a subset of it) into a checked CatalogueFile or line-precise errors.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { CatalogueSchema, type CatalogueFile } from './catalogue-file.js';
import { catalogueRuleErrors } from './catalogue-rules.js';
import { schemaErrors, type PathError } from './schema-errors.js';
import { formatPath, locatePath } from './source-positions.js';

export interface CatalogueError {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type ParseCatalogueResult = { ok: true; catalogue: CatalogueFile } | { ok: false; errors: CatalogueError[] };

/**
 * `fileName` only chooses the dialect: a `.json` file is read with YAML's JSON schema, so that
 * YAML-only forms slipped into it (an unquoted word such as `consumer`) are reported, not silently accepted.
 */
export function parseCatalogue(text: string, fileName: string): ParseCatalogueResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: fileName.toLowerCase().endsWith('.json') ? 'json' : 'core',
  });

  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { line, column: col, path: '', message: `YAML syntax error: ${error.message}` };
      }),
    };
  }

  const data: unknown = document.toJS();
  const shapeErrors = schemaErrors(CatalogueSchema, data);
  if (shapeErrors.length > 0) return failure(document, lineCounter, shapeErrors);

  const catalogue = data as CatalogueFile;
  const ruleErrors = catalogueRuleErrors(catalogue);
  if (ruleErrors.length > 0) return failure(document, lineCounter, ruleErrors);

  return { ok: true, catalogue };
}

function failure(document: Document, lineCounter: LineCounter, errors: PathError[]): ParseCatalogueResult {
  const located = errors.map((error) => ({
    ...locatePath(document, lineCounter, error.path, { atKey: error.atKey }),
    path: formatPath(error.path),
    message: error.message,
  }));
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors: located };
}
