// A Postman collection (v2.1) made from the OpenAPI document: one request per operation, filled with the document's
// examples, a fresh x-reference-id per send, and a collection script that gets and renews the access token. The
// Transactions requests are chained by collection variables so that they work on the demo data as they are (TRANSACTIONS).
import { STATUS_CODES } from 'node:http';

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: { examples?: unknown[] };
}
interface Media {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
}
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  components?: { schemas?: Record<string, unknown> };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const TOKEN_PATH_END = '/oauth/token';

/** Stored as collection variables; a Postman environment may override any of them. */
const VARIABLES = [
  { key: 'baseUrl', value: 'http://localhost:8080', description: 'where the service runs' },
  { key: 'clientId', value: 'flexitidemo', description: 'your API client id (the demo one here)' },
  { key: 'clientSecret', value: 'demo-secret', description: 'your API client secret' },
  { key: 'scope', value: 'merchant', description: 'merchant (every endpoint) or customer' },
  { key: 'accessToken', value: '', description: 'set by the collection script' },
  { key: 'accessTokenExpiresAt', value: '0', description: 'set by the collection script (ms since 1970)' },
  { key: 'verificationCode', value: '', description: "set by a purchase's or a payment's pre-request script: a fresh PIN (verify with merchant_override)" },
  { key: 'requestId', value: '', description: 'set with verificationCode: the request_id the PIN was issued for' },
  { key: 'authorizationId', value: '', description: 'set by "Make a purchase": its authorization, for the return and the read' },
  { key: 'captureId', value: '', description: 'set by "Make a purchase": its capture, for the return' },
  { key: 'heldAuthorizationId', value: '', description: 'set by the capture request: a purchase it held first (auto_capture false), which the release ends' },
];

/** Runs before every request: the token call needs an x-reference-id, which Postman's own OAuth 2 helper does not send. */
const PRE_REQUEST = [
  '// Gets an access token for {{clientId}} when there is none or it expires within a minute.',
  "const isTokenCall = pm.request.url.getPath().endsWith('" + TOKEN_PATH_END + "');",
  "const expiresAt = Number(pm.collectionVariables.get('accessTokenExpiresAt') || 0);",
  "if (!isTokenCall && (!pm.collectionVariables.get('accessToken') || Date.now() > expiresAt - 60000)) {",
  '  pm.sendRequest({',
  "    url: pm.variables.get('baseUrl') + '/flexiti/pos-api/v2.5/oauth/token',",
  "    method: 'POST',",
  "    header: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': pm.variables.replaceIn('{{$guid}}') },",
  '    body: {',
  "      mode: 'urlencoded',",
  '      urlencoded: [',
  "        { key: 'grant_type', value: 'client_credentials' },",
  "        { key: 'client_id', value: pm.variables.get('clientId') },",
  "        { key: 'client_secret', value: pm.variables.get('clientSecret') },",
  "        { key: 'scope', value: pm.variables.get('scope') },",
  '      ],',
  '    },',
  '  }, (error, response) => {',
  '    if (error || response.code !== 200) {',
  "      console.error('token call failed', error || response.text());",
  '      return;',
  '    }',
  '    const answer = response.json();',
  "    pm.collectionVariables.set('accessToken', answer.access_token);",
  "    pm.collectionVariables.set('accessTokenExpiresAt', String(Date.now() + answer.expires_in * 1000));",
  '  });',
  '}',
];

/** On the token request itself: keep the token it got, for the calls that follow. */
const KEEP_TOKEN = [
  'if (pm.response.code === 200) {',
  '  const answer = pm.response.json();',
  "  pm.collectionVariables.set('accessToken', answer.access_token);",
  "  pm.collectionVariables.set('accessTokenExpiresAt', String(Date.now() + answer.expires_in * 1000));",
  '}',
];

const exampleOf = (p: Parameter): unknown => p.example ?? p.schema?.examples?.[0];

/** What a request of the Transactions takes from the calls before it: scripts, path variables and body fields. */
interface Chained {
  prerequest?: string[];
  test?: string[];
  path?: Record<string, string>;
  body?: Record<string, unknown>;
}

const WITH_PIN_BODY = { verification_code: '{{verificationCode}}', request_id: '{{requestId}}' };
const ENSURE_PURCHASE = ["if (!pm.collectionVariables.get('authorizationId')) purchase(true, keepPurchase);"];
const ENSURE_HELD = [
  "if (!pm.collectionVariables.get('heldAuthorizationId')) purchase(false, (a) => pm.collectionVariables.set('heldAuthorizationId', a.authorization_id));",
];

/**
 * The Transactions on the demo data: a purchase and a payment each get a fresh PIN first (verify with merchant_override
 * and a new request_id, in their pre-request script); the purchase keeps its ids for the return, the read and the
 * refund (which make one first when run alone); the capture holds a purchase of its own, which the release then ends.
 */
const TRANSACTIONS: Record<string, Chained> = {
  authorizePurchase: { prerequest: ['withPin(() => {});'], body: WITH_PIN_BODY, test: ['if (pm.response.code === 200) keepPurchase(pm.response.json());'] },
  authorizePurchaseV25: { prerequest: ['withPin(() => {});'], body: WITH_PIN_BODY },
  takePayment: { prerequest: ['withPin(() => {});'], body: WITH_PIN_BODY },
  captureAuthorization: {
    prerequest: ["purchase(false, (a) => pm.collectionVariables.set('heldAuthorizationId', a.authorization_id));"],
    path: { authorization_id: '{{heldAuthorizationId}}' },
  },
  releaseAuthorization: { prerequest: ENSURE_HELD, path: { authorization_id: '{{heldAuthorizationId}}' } },
  returnCapture: { prerequest: ENSURE_PURCHASE, path: { authorization_id: '{{authorizationId}}', capture_id: '{{captureId}}' } },
  getAuthorization: { prerequest: ENSURE_PURCHASE, path: { authorization_id: '{{authorizationId}}' } },
  refundAccount: { prerequest: ENSURE_PURCHASE },
};

/** The helpers the Transactions' scripts call: `purchase` buys what the purchase's own example buys. */
function transactionHelpers(verifyPath: string, purchasePath: string, purchaseExample: Record<string, unknown>): string[] {
  return [
    "// Helpers of the Transactions requests: calls made before this one, with the collection's token.",
    'const call = (path, body, then) => pm.sendRequest({',
    "  url: pm.variables.get('baseUrl') + path.replace('{client_id}', pm.variables.get('clientId')),",
    "  method: 'POST',",
    '  header: {',
    "    authorization: 'Bearer ' + pm.collectionVariables.get('accessToken'),",
    "    'content-type': 'application/json',",
    "    'x-reference-id': pm.variables.replaceIn('{{$guid}}'),",
    '  },',
    "  body: { mode: 'raw', raw: JSON.stringify(body) },",
    '}, (error, response) => {',
    '  if (error || response.code !== 200) {',
    "    console.error('POST ' + path + ' failed', error || response.text());",
    '    return;',
    '  }',
    '  then(response.json());',
    '});',
    '// A fresh PIN for the account of the example: verify with merchant_override and a new request_id.',
    'const withPin = (then) => {',
    "  const requestId = 'postman-' + pm.variables.replaceIn('{{$guid}}');",
    `  call(${JSON.stringify(verifyPath.replace('{account_number}', String(purchaseExample.account_number)))}, { format: 'merchant_override', request_id: requestId }, (answer) => {`,
    "    pm.collectionVariables.set('verificationCode', String(answer.verification_code));",
    "    pm.collectionVariables.set('requestId', requestId);",
    '    then(answer.verification_code, requestId);',
    '  });',
    '};',
    '// The example purchase, captured at once or held.',
    `const example = ${JSON.stringify(purchaseExample)};`,
    'const purchase = (autoCapture, then) =>',
    '  withPin((code, requestId) =>',
    `    call(${JSON.stringify(purchasePath)}, Object.assign({}, example, { auto_capture: autoCapture, verification_code: code, request_id: requestId }), then),`,
    '  );',
    'const keepPurchase = (answer) => {',
    "  pm.collectionVariables.set('authorizationId', answer.authorization_id);",
    "  if (answer.captures && answer.captures[0]) pm.collectionVariables.set('captureId', answer.captures[0].capture_id);",
    '};',
  ];
}

/**
 * Key values each request's answer must show, by operationId, as JavaScript on `answer` (the JSON answer), `sent` (the
 * JSON body sent, or {}) and `path(name)` / `query(name)` (what the URL carried). The status and the shape are checked
 * for every request from the document itself.
 */
const KEY_VALUES: Record<string, Record<string, string>> = {
  getToken: { 'a bearer token': "answer.token_type === 'bearer' && answer.access_token.length > 0 && answer.expires_in > 0" },
  searchCustomers: {
    'only customers of that name': "answer.length > 0 && answer.every((a) => a.last_name === query('last_name') && a.first_name === query('first_name'))",
  },
  lookupCustomer: { 'the account asked for': "String(answer.account_number) === query('account_number')" },
  decodeDriversLicence: { 'the fields of the card': "answer.govid_type === 'CADL' && answer.last_name.length > 0" },
  verifyCustomer: { 'a PIN': "typeof answer.verification_code === 'number'" },
  calculateInterest: {
    'a quote for that account and amount':
      "String(answer.account_number) === path('account_number') && answer.amount === sent.amount && answer.promotional_purchase.length > 0",
  },
  closeAccount: { 'the account, closed': "String(answer.account_number) === path('account_number') && answer.account_status === 'C'" },
  authorizePurchase: {
    'the purchase, captured whole': 'answer.account_number === sent.account_number && answer.amount === sent.amount && answer.captured_amount === sent.amount',
    'one capture, nothing left to capture': "answer.captures.length === 1 && answer.remaining_amount === 0 && answer.status === 'closed'",
  },
  captureAuthorization: {
    'that authorization, captured': "answer.authorization_id === path('authorization_id') && answer.captured_amount === sent.amount",
  },
  releaseAuthorization: {
    'that authorization, ended': "answer.authorization_id === path('authorization_id') && answer.status === 'closed' && answer.remaining_amount === 0",
  },
  returnCapture: { 'the return of that capture': "answer.capture_id === path('capture_id') && answer.amount === sent.amount" },
  listAuthorizations: { 'the purchases made': 'answer.total > 0 && answer.items.length > 0' },
  getAuthorization: { 'that authorization': "answer.authorization_id === path('authorization_id')" },
  listCaptures: { 'the captures made': 'answer.total > 0 && answer.items.length > 0' },
  refundAccount: { 'a refund id in x-refund-id': "/^[0-9]+$/.test(pm.response.headers.get('x-refund-id') || '')" },
  takePayment: { 'the payment': 'answer.transaction_type === sent.transaction_type && answer.amount === sent.amount' },
};

const ANNOTATIONS = new Set(['description', 'examples', 'example', 'title', 'format']);

/** A schema with its references to the document's components written out, and without annotations (a test needs none). */
function resolved(schema: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolved(s, components));
  if (schema === null || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) return resolved(components[ref.replace('#/components/schemas/', '')], components);
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key))
      .map(([key, value]) => [
        key,
        key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, resolved(v, components)])) : resolved(value, components),
      ]),
  );
}

/** The test script of a request: its success status, the documented shape of that answer, and its key values. */
function assertionsOf(operation: Operation, components: Record<string, unknown>, pathVariables: Record<string, string>): string[] {
  const status = Object.keys(operation.responses).find((s) => Number(s) < 300) ?? '200';
  const schema = operation.responses[status]?.content?.['application/json']?.schema;
  const values = KEY_VALUES[operation.operationId?.replace(/V\d+$/, '') ?? ''] ?? {};
  return [
    `pm.test('answers ${status}', () => pm.response.to.have.status(${status}));`,
    "pm.test('echoes the x-reference-id', () => pm.expect(pm.response.headers.get('x-reference-id')).to.equal(pm.request.headers.get('x-reference-id')));",
    ...(schema
      ? [`const shape = ${JSON.stringify(resolved(schema, components))};`, "pm.test('has the documented shape', () => pm.response.to.have.jsonSchema(shape));"]
      : []),
    ...(Object.keys(values).length
      ? [
          'const answer = pm.response.json();',
          "const sent = pm.request.body && pm.request.body.mode === 'raw' ? JSON.parse(pm.variables.replaceIn(pm.request.body.raw)) : {};",
          // The request's path variables as written here ({{authorizationId}}, say), resolved when the test runs.
          `const path = (name) => pm.variables.replaceIn(${JSON.stringify(pathVariables)}[name]);`,
          'const query = (name) => pm.request.url.query.get(name);',
          ...Object.entries(values).map(
            ([what, check]) => `pm.test(${JSON.stringify(`shows ${what}`)}, () => pm.expect(${check}, ${JSON.stringify(check)}).to.equal(true));`,
          ),
        ]
      : []),
  ];
}

function firstExample(media: Media | undefined): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first?.value;
}

/** `/a/{client_id}/b/{account_number}` → Postman's url: the client id from the variables, other parameters as `:name`. */
function urlOf(path: string, parameters: Parameter[]) {
  const query = parameters
    .filter((p) => p.in === 'query')
    .map((p) => {
      const value = exampleOf(p);
      return {
        key: p.name,
        value: value === undefined ? '' : String(value),
        ...(p.description ? { description: p.description } : {}),
        ...(value === undefined ? { disabled: true } : {}),
      };
    });
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => (s === '{client_id}' ? '{{clientId}}' : s.replace(/^\{(.+)\}$/, ':$1')));
  const variable = parameters
    .filter((p) => p.in === 'path' && p.name !== 'client_id')
    .map((p) => ({ key: p.name, value: String(exampleOf(p) ?? ''), ...(p.description ? { description: p.description } : {}) }));
  const enabled = query.filter((q) => !q.disabled);
  const raw = `{{baseUrl}}/${segments.join('/')}${enabled.length ? `?${enabled.map((q) => `${q.key}=${q.value}`).join('&')}` : ''}`;
  return { raw, host: ['{{baseUrl}}'], path: segments, ...(query.length ? { query } : {}), ...(variable.length ? { variable } : {}) };
}

function bodyOf(operation: Operation) {
  const content = operation.requestBody?.content;
  if (!content) return undefined;
  if (content['application/x-www-form-urlencoded']) {
    const example = (firstExample(content['application/x-www-form-urlencoded']) ?? {}) as Record<string, unknown>;
    const variables: Record<string, string> = { client_id: '{{clientId}}', client_secret: '{{clientSecret}}', scope: '{{scope}}' };
    return {
      mode: 'urlencoded',
      urlencoded: Object.entries(example).map(([key, value]) => ({ key, value: variables[key] ?? String(value), type: 'text' })),
    };
  }
  const example = firstExample(content['application/json']);
  return { mode: 'raw', raw: JSON.stringify(example ?? {}, null, 2), options: { raw: { language: 'json' } } };
}

function describe(operation: Operation): string {
  const errors = Object.entries(operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, response]) => `- **${status}** ${response.description ?? ''}`);
  return [operation.description ?? '', errors.length ? `Refusals:\n${errors.join('\n')}` : ''].filter(Boolean).join('\n\n');
}

function requestItem(path: string, method: string, operation: Operation, helpers: string[] | undefined, components: Record<string, unknown>) {
  const chained = (operation.operationId && helpers && TRANSACTIONS[operation.operationId]) || {};
  const parameters = (operation.parameters ?? []).map((p) => (p.in === 'path' && chained.path?.[p.name] ? { ...p, example: chained.path[p.name] } : p));
  const body = withFields(bodyOf(operation), chained.body);
  const isForm = body?.mode === 'urlencoded';
  const header = [
    { key: 'x-reference-id', value: '{{$guid}}', description: 'a fresh id per send; put a fixed one here to try an idempotent repeat' },
    ...(body ? [{ key: 'content-type', value: isForm ? 'application/x-www-form-urlencoded' : 'application/json' }] : []),
  ];
  const request = {
    method: method.toUpperCase(),
    header,
    url: urlOf(path, parameters),
    ...(body ? { body } : {}),
    ...(operation.security?.some((s) => Object.keys(s).length === 0) || !operation.security ? { auth: { type: 'noauth' } } : {}),
    description: describe(operation),
  };
  const responses = Object.entries(operation.responses).flatMap(([status, response]) => {
    const media = response.content?.['application/json'];
    const named = Object.entries(media?.examples ?? {}).map(([name, example]) => ({ name, value: example.value }));
    const examples = media?.example !== undefined ? [{ name: 'example', value: media.example }] : named;
    return examples.map(({ name, value }) => ({
      name: Number(status) < 400 ? `${status} ${operation.summary ?? ''}`.trim() : `${status} ${name}`,
      originalRequest: { method: request.method, header, url: request.url, ...(body ? { body } : {}) },
      status: STATUS_CODES[Number(status)] ?? '',
      code: Number(status),
      _postman_previewlanguage: 'json',
      header: [{ key: 'content-type', value: 'application/json; charset=utf-8' }],
      body: JSON.stringify(value, null, 2),
    }));
  });
  const name = `${operation.summary ?? operation.operationId ?? `${method.toUpperCase()} ${path}`}${operation.deprecated ? ` (deprecated ${/\/(v[\d.]+)\//.exec(path)?.[1] ?? ''})` : ''}`;
  const test = [
    ...assertionsOf(operation, components, Object.fromEntries((request.url.variable ?? []).map((v) => [v.key, v.value]))),
    ...(chained.test && helpers ? [...helpers, ...chained.test] : []),
    ...(path.endsWith(TOKEN_PATH_END) ? KEEP_TOKEN : []),
  ];
  const event = [
    ...(chained.prerequest && helpers ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: [...helpers, ...chained.prerequest] } }] : []),
    { listen: 'test', script: { type: 'text/javascript', exec: test } },
  ];
  return {
    name,
    ...(operation.operationId ? { id: operation.operationId } : {}),
    request,
    response: responses,
    event,
  };
}

/** A raw JSON body with some fields replaced (by variables the scripts set). */
function withFields(body: ReturnType<typeof bodyOf>, fields: Record<string, unknown> | undefined): ReturnType<typeof bodyOf> {
  if (!body?.raw || !fields) return body;
  return {
    mode: 'raw',
    raw: JSON.stringify({ ...(JSON.parse(body.raw) as Record<string, unknown>), ...fields }, null, 2),
    options: { raw: { language: 'json' } },
  };
}

/** The helpers of the Transactions' scripts, when the document has the operations they call. */
function helpersOf(document: OpenApiDocument): string[] | undefined {
  const find = (id: string) => {
    for (const [path, item] of Object.entries(document.paths))
      for (const method of METHODS) if (item[method]?.operationId === id) return { path, operation: item[method] as Operation };
    return undefined;
  };
  const verify = find('verifyCustomer');
  const purchase = find('authorizePurchase');
  const example = firstExample(purchase?.operation.requestBody?.content['application/json']) as Record<string, unknown> | undefined;
  if (!verify || !purchase || !example) return undefined;
  // The paths as Postman's scripts call them: the base URL is the collection's, the client id filled in at run time.
  return transactionHelpers(verify.path, purchase.path, example);
}

export function postmanCollection(document: OpenApiDocument): object {
  const helpers = helpersOf(document);
  const folders = new Map<string, { name: string; description?: string; item: object[] }>();
  for (const tag of document.tags ?? []) folders.set(tag.name, { name: tag.name, ...(tag.description ? { description: tag.description } : {}), item: [] });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'Other';
      if (!folders.has(tag)) folders.set(tag, { name: tag, item: [] });
      folders.get(tag)?.item.push(requestItem(path, method, operation, helpers, document.components?.schemas ?? {}));
    }
  }
  return {
    info: {
      name: document.info.title,
      description: `${document.info.description ?? ''}\n\nGenerated from the service's OpenAPI document (version ${document.info.version}); do not edit: run \`npm run sdk:generate\`.`,
      schema: SCHEMA,
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }] },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: PRE_REQUEST } }],
    variable: VARIABLES.map((v) => ({ ...v, type: 'string' })),
    item: [...folders.values()].filter((f) => f.item.length),
  };
}
