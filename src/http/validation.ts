// Schema validation for every request part: no type coercion (a string is not a number), every error reported.
import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../contract/errors.js';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPointers } from '../contract/storable-text.js';

// ajv-formats ships CommonJS; its default export is the function under NodeNext.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const options: Options = { allErrors: true, coerceTypes: false, removeAdditional: true, useDefaults: true, strict: false };
const ajv = addFormats(new Ajv(options));

/**
 * The schema's rules, then one more for every part of every request: text the stores cannot keep (NUL, a lone
 * surrogate) is a field error like any other. Checked on what validation left (extra fields removed), so only the
 * fields a route uses are named.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const validate = ajv.compile(schema as object);
  // The second argument lets ajv replace the request part itself (Fastify passes it when `schemaEnv` is there).
  const checked = (data: unknown, dataCxt?: Parameters<typeof validate>[1]): boolean => {
    if (!validate(data, dataCxt)) {
      checked.errors = validate.errors;
      return false;
    }
    const unstorable = unstorableTextPointers(data);
    if (unstorable.length === 0) return true;
    checked.errors = unstorable.map((instancePath): ErrorObject => ({
      instancePath,
      schemaPath: '#',
      keyword: 'storableText',
      message: UNSTORABLE_TEXT_MESSAGE,
      params: {},
    }));
    return false;
  };
  checked.errors = null as ErrorObject[] | null | undefined;
  checked.schemaEnv = validate.schemaEnv;
  return checked;
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** One field error per bad field, named as the client named it. */
export function fieldErrorsOf(issues: AjvIssue[], input: unknown, context: string | undefined): FieldError[] {
  const byParam = new Map<string, FieldError>();
  for (const issue of issues) {
    let param: string;
    let msg: string;
    if (issue.keyword === 'required') {
      param = `${issue.instancePath.slice(1).replace(/\//g, '.')}${issue.instancePath ? '.' : ''}${String(issue.params.missingProperty)}`;
      msg = 'is required';
    } else {
      param = issue.instancePath.slice(1).replace(/\//g, '.') || (context ?? 'body');
      msg = issue.message ?? 'is not valid';
    }
    if (context === 'headers') param = param.toLowerCase();
    if (byParam.has(param)) continue;
    const value = issue.keyword === 'required' ? undefined : valueAt(input, issue.instancePath);
    byParam.set(param, value === undefined ? { param, msg } : { param, msg, value });
  }
  return [...byParam.values()];
}
