// The contract hook: every answer of every Fastify app built in a test is checked against the app's own OpenAPI
// document, for its route and status. It watches Fastify's `fastify.initialization` diagnostics channel, so it sees
// every app however a test builds it, and adds its hooks before the app registers anything.
import { subscribe } from 'node:diagnostics_channel';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import type { FastifyInstance, RouteOptions } from 'fastify';

// ajv-formats ships CommonJS; its default export is the function under NodeNext.
const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

interface OpenApiDocument {
  /** `x-contract-coverage: false` keeps a test's own made-up document out of the coverage list. */
  info?: Record<string, unknown>;
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** One answer the hook saw: `route` is `GET /path/{param}` as the document names it, or `(no route)`. */
export interface Observation {
  route: string;
  status: number;
  problem?: string;
  /** False for a test's own made-up document: checked, but left out of the coverage list. */
  counted?: boolean;
}

interface ContractState {
  subscribed: boolean;
  /** Problems not yet reported to a test. */
  violations: string[];
  /** How many answers per `route status`, for the coverage list. */
  seen: Map<string, number>;
  /** Every `route status` some document in this process promises. */
  documented: Set<string>;
  /** Each app's routes as they were registered, for the test that checks they are all documented. */
  routes: WeakMap<FastifyInstance, RouteOptions[]>;
}

const KEY = Symbol.for('posapi.test.contract');
const holder = globalThis as unknown as Record<symbol, ContractState | undefined>;
const state: ContractState = (holder[KEY] ??= { subscribed: false, violations: [], seen: new Map(), documented: new Set(), routes: new WeakMap() });

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `/a/:b/c` (Fastify) → `/a/{b}/c` (OpenAPI). */
export const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Compiled validators of one document: `METHOD /path` → status → validator. */
interface Contract {
  operations: Map<string, Map<string, ValidateFunction | null>>;
  errorBody?: ValidateFunction;
  counted: boolean;
}

const contracts = new WeakMap<object, Contract>();
/** Apps built alike have equal documents: compile each text once. */
const contractsByText = new Map<string, Contract>();

export function contractOf(document: OpenApiDocument): Contract {
  const cached = contracts.get(document);
  if (cached) return cached;
  const text = JSON.stringify(document);
  const same = contractsByText.get(text);
  if (same) {
    contracts.set(document, same);
    return same;
  }
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));
  ajv.addSchema(document as object, 'openapi.json');
  const operations = new Map<string, Map<string, ValidateFunction | null>>();
  const counted = document.info?.['x-contract-coverage'] !== false;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const statuses = new Map<string, ValidateFunction | null>();
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const hasJson = response.content?.['application/json']?.schema !== undefined;
        const ref = `openapi.json#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`;
        statuses.set(status, hasJson ? ajv.compile({ $ref: ref }) : null);
        if (counted) state.documented.add(`${method.toUpperCase()} ${path} ${status}`);
      }
      operations.set(`${method.toUpperCase()} ${path}`, statuses);
    }
  }
  const errorBody = document.components?.schemas?.ErrorBody ? ajv.compile({ $ref: 'openapi.json#/components/schemas/ErrorBody' }) : undefined;
  const contract = { operations, errorBody, counted };
  contracts.set(document, contract);
  contractsByText.set(text, contract);
  return contract;
}

const describeErrors = (validate: ValidateFunction) =>
  (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
    .join('; ');

/** Checks one answer against the document; returns what it saw (and what is wrong, if anything). */
export function checkAnswer(
  document: OpenApiDocument,
  answer: { method: string; routeUrl: string | undefined; hidden: boolean; status: number; contentType: string | undefined; payload: unknown },
): Observation | undefined {
  if (answer.hidden || answer.method === 'HEAD' || answer.method === 'OPTIONS') return undefined;
  const contract = contractOf(document);
  const counted = contract.counted;
  const isJson = /^application\/json\b/.test(answer.contentType ?? '');
  const parse = (): { ok: true; body: unknown } | { ok: false } => {
    if (typeof answer.payload !== 'string' && !Buffer.isBuffer(answer.payload)) return { ok: false };
    try {
      return { ok: true, body: JSON.parse(String(answer.payload)) };
    } catch {
      return { ok: false };
    }
  };
  if (answer.routeUrl === undefined) {
    // No route matched (404, 405): the answer is still the lender's error body.
    const observation: Observation = { route: '(no route)', status: answer.status, counted };
    const body = parse();
    if (!isJson || !body.ok) observation.problem = `answered ${answer.contentType ?? 'no content type'}, not the JSON error body`;
    else if (contract.errorBody && !contract.errorBody(body.body)) observation.problem = `not an ErrorBody: ${describeErrors(contract.errorBody)}`;
    return observation;
  }
  const route = `${answer.method} ${openapiPath(answer.routeUrl)}`;
  const observation: Observation = { route, status: answer.status, counted };
  const statuses = contract.operations.get(route);
  if (!statuses) {
    observation.problem = 'the route is not in the OpenAPI document';
    return observation;
  }
  const validate = statuses.get(String(answer.status)) ?? statuses.get(`${String(answer.status)[0]}XX`) ?? statuses.get('default');
  if (validate === undefined) {
    observation.problem = `status ${answer.status} is not documented (documented: ${[...statuses.keys()].join(', ')})`;
    return observation;
  }
  if (validate === null) return observation;
  const body = parse();
  if (!isJson || !body.ok) {
    observation.problem = `the document promises JSON; the answer is ${answer.contentType ?? 'without content type'}`;
    return observation;
  }
  if (!validate(body.body)) observation.problem = `the body does not match the document: ${describeErrors(validate)}`;
  return observation;
}

function record(observation: Observation): void {
  const key = `${observation.route} ${observation.status}`;
  if (observation.counted !== false) state.seen.set(key, (state.seen.get(key) ?? 0) + 1);
  if (observation.problem) state.violations.push(`${key}: ${observation.problem}`);
}

/** What went on the wire, captured from the raw response: later onSend hooks (a route's own) may still change the payload. */
const wireBodies = new WeakMap<object, Buffer[]>();

function captureBody(raw: { write: (...args: never[]) => unknown; end: (...args: never[]) => unknown }): void {
  const chunks: Buffer[] = [];
  wireBodies.set(raw, chunks);
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    else if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = raw.write.bind(raw) as (...args: unknown[]) => unknown;
  const end = raw.end.bind(raw) as (...args: unknown[]) => unknown;
  // Some responses (light-my-request's) write the chunk given to end() through write(): count it once.
  let ending = false;
  raw.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!ending) keep(chunk);
    return write(chunk, ...rest);
  }) as never;
  raw.end = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    ending = true;
    try {
      return end(chunk, ...rest);
    } finally {
      ending = false;
    }
  }) as never;
}

function watch(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  state.routes.set(app, routes);
  app.addHook('onRoute', (route) => void routes.push(route));
  // Added first, at the root: runs before any other onRequest hook, so even refusals made there are captured.
  app.addHook('onRequest', async (_request, reply) => captureBody(reply.raw as never));
  app.addHook('onResponse', async (request, reply) => {
    // Apps without an OpenAPI document (a fake SMS gateway, say) are not the API's.
    if (typeof app.swagger !== 'function') return;
    const schema = request.routeOptions.schema as { hide?: boolean } | undefined;
    const observation = checkAnswer(app.swagger() as unknown as OpenApiDocument, {
      method: request.method,
      routeUrl: request.routeOptions.url,
      hidden: schema?.hide === true,
      status: reply.statusCode,
      contentType: String(reply.getHeader('content-type') ?? '') || undefined,
      payload: Buffer.concat(wireBodies.get(reply.raw) ?? []).toString('utf8'),
    });
    if (observation) record(observation);
  });
}

/** Starts watching every Fastify app created from now on in this process (once, however often it is called). */
export function installContractHook(): void {
  if (state.subscribed) return;
  state.subscribed = true;
  subscribe('fastify.initialization', (message) => watch((message as { fastify: FastifyInstance }).fastify));
}

/** The problems seen since the last call, and forgets them. */
export function takeViolations(): string[] {
  return state.violations.splice(0);
}

/** What the hook has seen in this process so far. */
export function contractCoverage(): { seen: Map<string, number>; documented: Set<string> } {
  return { seen: new Map(state.seen), documented: new Set(state.documented) };
}

/** The routes an app registered, as Fastify saw them (HEAD routes included). */
export function routesOf(app: FastifyInstance): RouteOptions[] {
  return state.routes.get(app) ?? [];
}

/** One line per documented route and status, with how many answers the hook saw. */
export function coverageLines(seen: Map<string, number>, documented: Set<string>): string[] {
  const keys = [...new Set([...documented, ...seen.keys()])].sort();
  return keys.map((key) => {
    const count = seen.get(key) ?? 0;
    // ✓ seen, · documented but not seen, ~ an answer of no route (404, 405), ! an answer the document does not have.
    const mark = key.startsWith('(no route)') ? '~' : !documented.has(key) ? '!' : count ? '✓' : '·';
    return `${mark} ${key.padEnd(100)} ${count}`;
  });
}
