// Named schemas for the OpenAPI document: every request body and answer schema with a `title` (set in src/contract),
// and every error answer's list of codes, becomes a component that the operations reference, so that a generator
// names its types after them instead of after the operation.
import { isDeepStrictEqual } from 'node:util';

type Schema = Record<string, unknown>;

/** Set by documentRoute on an error answer's schema: its status, until this pass names it. */
export const ERROR_STATUS_MARK = 'x-error-status';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

interface Document {
  paths?: Record<string, Record<string, Schema>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Replaces each titled schema under `node` (deepest first) by a reference to a component of that name. */
function hoistTitled(node: unknown, components: Record<string, Schema>): unknown {
  if (Array.isArray(node)) return node.map((item) => hoistTitled(item, components));
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'examples' || key === 'example' ? value : hoistTitled(value, components);
  const title = out.title;
  if (typeof title !== 'string' || !('type' in out || 'anyOf' in out || 'allOf' in out)) return out;
  // The same schema may come with or without its examples (Fastify moves a top-level one's to the media object).
  const { examples: _examples, ...shape } = out;
  const existing = components[title];
  if (existing) {
    const { examples: _kept, ...existingShape } = existing;
    if (!isDeepStrictEqual(existingShape, shape)) throw new Error(`two different schemas are titled ${title} in the OpenAPI document`);
  }
  if (!existing || (out.examples && !existing.examples)) components[title] = out;
  return { $ref: `#/components/schemas/${title}` };
}

/** The codes an error answer's schema narrows `error` to (none: any code of the error body). */
const codesOf = (schema: Schema): string[] =>
  ((schema.allOf as Schema[] | undefined)?.[1] as { properties?: { error?: { enum?: string[] } } } | undefined)?.properties?.error?.enum ?? [];

/**
 * The error answers, named: a single code after itself (WrongInputsError, NotFoundError); a list of codes after its
 * status when it is the only list of that status (Error403), else after the first operation that gives it
 * (VerifyCustomerError409).
 */
function nameErrors(document: Document, components: Record<string, Schema>): void {
  const found: { status: string; operationId: string; media: Schema; schema: Schema }[] = [];
  for (const item of Object.values(document.paths ?? {}))
    for (const method of METHODS) {
      const operation = item[method] as { operationId?: string; responses?: Record<string, { content?: Record<string, Schema> }> } | undefined;
      for (const answer of Object.values(operation?.responses ?? {})) {
        const media = answer.content?.['application/json'];
        const schema = media?.schema as Schema | undefined;
        if (!media || !schema || schema[ERROR_STATUS_MARK] === undefined) continue;
        found.push({ status: String(schema[ERROR_STATUS_MARK]), operationId: String(operation?.operationId ?? ''), media, schema });
      }
    }
  const keyOf = (status: string, schema: Schema) => `${status} ${codesOf(schema).join(' ')}`;
  const listsPerStatus = new Map<string, Set<string>>();
  for (const { status, schema } of found)
    if (codesOf(schema).length > 1) listsPerStatus.set(status, (listsPerStatus.get(status) ?? new Set()).add(keyOf(status, schema)));
  const names = new Map<string, string>();
  for (const { status, operationId, media, schema } of found) {
    const key = keyOf(status, schema);
    let name = names.get(key);
    if (!name) {
      const codes = codesOf(schema);
      if (codes.length === 1) name = `${codes[0]?.split('_').map(pascal).join('')}${codes[0]?.endsWith('error') ? '' : 'Error'}`;
      else if (codes.length === 0 || listsPerStatus.get(status)?.size === 1) name = `Error${status}`;
      else name = `${pascal(operationId.replace(/V\d+$/, ''))}Error${status}`;
      if (components[name]) throw new Error(`two error answers would both be named ${name} in the OpenAPI document`);
      names.set(key, name);
      const { [ERROR_STATUS_MARK]: _status, ...component } = schema;
      components[name] = { ...component, description: `The error body${codes.length ? ` of ${codes.join(', ')}` : ''} (${status}).` };
    }
    media.schema = { $ref: `#/components/schemas/${name}` };
  }
}

/** The document with its named schemas in `components.schemas`, in name order after the ones declared up front. */
export function withNamedSchemas<T extends object>(document: T): T {
  const doc = document as Document;
  const declared = { ...(doc.components?.schemas ?? {}) };
  const named: Record<string, Schema> = {};
  nameErrors(doc, named);
  const paths = hoistTitled(doc.paths ?? {}, named) as Document['paths'];
  const sorted = Object.fromEntries(Object.entries(named).sort(([a], [b]) => a.localeCompare(b)));
  return { ...document, paths, components: { ...doc.components, schemas: { ...declared, ...sorted } } } as T;
}
