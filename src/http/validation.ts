// Schema validation for every request part: no type coercion (a string is not a number), every error reported.
import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../contract/errors.js';

// ajv-formats ships CommonJS; its default export is the function under NodeNext.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const options: Options = { allErrors: true, coerceTypes: false, removeAdditional: true, useDefaults: true, strict: false };
const ajv = addFormats(new Ajv(options));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => ajv.compile(schema as object);

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
