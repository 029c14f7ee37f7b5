// Turns the schema checker's raw errors into one readable message per problem, each tied to a path.
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { pointerToPath, type PathSegment } from './source-positions.js';

export interface PathError {
  path: PathSegment[];
  message: string;
  /** Shown at the property name rather than its value (unknown or misplaced keys). */
  atKey?: boolean;
}

interface RawSchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

export function schemaErrors(schema: TSchema, value: unknown): PathError[] {
  const raw = Value.Errors(schema, value) as unknown as RawSchemaError[];
  const readable = raw.flatMap((error) => describe(schema, error));
  return dropDuplicates(readable);
}

function describe(schema: TSchema, error: RawSchemaError): PathError[] {
  const path = pointerToPath(error.instancePath);
  const expected = subSchemaAt(schema, error.schemaPath);
  switch (error.keyword) {
    case 'additionalProperties':
      return asStrings(error.params.additionalProperties).map((name) => ({
        path: [...path, name],
        message: `unknown property "${name}"`,
        atKey: true,
      }));
    case 'boolean':
      // The same unknown property is already reported by its 'additionalProperties' error.
      return [];
    case 'required':
      return asStrings(error.params.requiredProperties).map((name) => ({
        path,
        message: `missing required property "${name}"`,
      }));
    case 'enum':
      return [{ path, message: `must be one of: ${asStrings(error.params.allowedValues).join(', ')}` }];
    case 'type':
    case 'pattern': {
      const hint = typeof expected?.description === 'string' ? expected.description : undefined;
      return [{ path, message: hint === undefined ? error.message : `must be ${hint}` }];
    }
    default:
      return [{ path, message: error.message }];
  }
}

/** Follows a `#/properties/plans/items/...` schema path to the schema that raised the error. */
function subSchemaAt(schema: TSchema, schemaPath: string): Record<string, unknown> | undefined {
  let current: unknown = schema;
  for (const key of schemaPath
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function dropDuplicates(errors: PathError[]): PathError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = JSON.stringify([error.path, error.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
