// The OpenAPI document: valid OpenAPI 3.1, every route of the app in it and nothing else, security from the routes' scopes,
// every error status with the error body, and every example true to its own schema.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postmanCollection, type OpenApiDocument } from '../../clients/tools/postman.js';
import { buildApp } from '../../src/http/app.js';
import { openapiPath, routesOf } from '../helpers/contract.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

interface Media {
  schema: unknown;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; schema: unknown; example?: unknown }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, Media> }>;
}
type Document = OpenApiDocument & {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(document: Document): { key: string; path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation: item[method] as Operation })),
  );
}

describe('the OpenAPI document', () => {
  let fixture: StoreFixture;
  let app: FastifyInstance;
  let document: Document;
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    app = await buildApp(fixture.ctx, { logger: false });
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    document = res.json();
  });
  afterAll(async () => {
    await app.close();
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  /** The component a `$ref` names; fails when the schema is written inline instead. */
  const component = (schema: unknown, where: string): unknown => {
    const ref = (schema as { $ref?: string } | undefined)?.$ref;
    expect(ref, `${where}: a named schema`).toMatch(/^#\/components\/schemas\/[A-Z][A-Za-z0-9]+$/);
    const found = document.components.schemas[ref?.split('/').pop() ?? ''];
    expect(found, where).toBeDefined();
    return found;
  };

  it('validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(document.openapi).toBe('3.1.0');
  });

  it('is the document the app makes of its own routes', () => {
    expect(document).toEqual(JSON.parse(JSON.stringify(app.swagger())));
  });

  it('documents every route of the app, and nothing else (health, console and docs are hidden)', () => {
    const routes = routesOf(app)
      .filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide)
      .flatMap((r) =>
        [r.method]
          .flat()
          .filter((m) => m !== 'HEAD')
          .map((m) => `${m} ${openapiPath(r.url ?? '')}`),
      );
    expect(routes.length).toBeGreaterThan(0);
    expect([...new Set(routes)].sort()).toEqual(
      operations(document)
        .map((o) => o.key)
        .sort(),
    );
    const hidden = routesOf(app)
      .filter((r) => (r.schema as { hide?: boolean } | undefined)?.hide)
      .map((r) => r.url);
    expect(hidden).toEqual(expect.arrayContaining(['/health', '/openapi.json', '/docs/']));
  });

  it("secures each operation with the OAuth 2 scheme and exactly its route's scopes; the token call needs none", () => {
    const scopesOf = new Map(
      routesOf(app).flatMap((r) =>
        [r.method]
          .flat()
          .map((m): [string, string[] | undefined] => [`${m} ${openapiPath(r.url ?? '')}`, (r.config as { scopes?: string[] } | undefined)?.scopes]),
      ),
    );
    for (const { key, path, operation } of operations(document)) {
      const scopes = scopesOf.get(key);
      if (path.endsWith('/oauth/token')) expect(operation.security?.[0], key).toEqual({});
      else expect(operation.security, key).toEqual([{ oauth2: scopes }]);
    }
    const oauth2 = document.components.securitySchemes.oauth2 as {
      type: string;
      flows: { clientCredentials: { tokenUrl: string; scopes: Record<string, string> } };
    };
    expect(oauth2.type).toBe('oauth2');
    expect(oauth2.flows.clientCredentials.tokenUrl).toBe('/flexiti/pos-api/v2.5/oauth/token');
    expect(Object.keys(oauth2.flows.clientCredentials.scopes).sort()).toEqual(['customer', 'merchant']);
  });

  it('names and describes every operation in words, and asks every one for x-reference-id', () => {
    const ids = new Set<string>();
    for (const { key, operation } of operations(document)) {
      expect(operation.operationId, key).toMatch(/^[a-z][A-Za-z0-9]+$/);
      ids.add(operation.operationId);
      expect(operation.summary, key).toBeTruthy();
      expect(operation.description, key).toBeTruthy();
      expect(operation.tags?.length, key).toBe(1);
      expect(operation.parameters, key).toContainEqual(expect.objectContaining({ in: 'header', name: 'x-reference-id', required: true }));
      for (const response of Object.values(operation.responses)) expect(response.description, key).not.toBe('Default Response');
    }
    expect(ids.size).toBe(operations(document).length);
  });

  it('answers every error status with the ErrorBody schema and an example of each refusal', () => {
    expect(document.components.schemas.ErrorBody).toMatchObject({ type: 'object', required: ['url', 'message', 'error'] });
    for (const { key, operation } of operations(document)) {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect(
        errors.map(([s]) => s),
        key,
      ).toEqual(expect.arrayContaining(['409', '500', '503']));
      for (const [status, response] of errors) {
        const media = response.content?.['application/json'];
        const examples = Object.values(media?.examples ?? {}) as { value: { error: string } }[];
        expect(examples.length, `${key} ${status}`).toBeGreaterThan(0);
        // A named error answer: the error body, its `error` narrowed to exactly the codes this status gives here.
        const named = component(media?.schema, `${key} ${status}`) as { allOf?: [unknown, { properties: { error: { enum: string[] } } }] };
        expect(named.allOf?.[0], `${key} ${status}`).toEqual({ $ref: '#/components/schemas/ErrorBody' });
        expect(named.allOf?.[1].properties.error.enum.sort(), `${key} ${status}`).toEqual([...new Set(examples.map((e) => e.value.error))].sort());
      }
      if (operation.security?.[0]?.oauth2) expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['401', '403', '429']));
      if (operation.requestBody || key.startsWith('POST')) expect(Object.keys(operation.responses), key).toContain('413');
    }
  });

  it('has an example for every request body, success answer and required parameter, each valid against its schema', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));
    ajv.addSchema(document as object, 'openapi.json');
    const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    let checked = 0;
    const check = (where: string, ref: string, value: unknown) => {
      const validate = ajv.compile({ $ref: `openapi.json#/${ref}` });
      expect(validate(value) ? [] : validate.errors, where).toEqual([]);
      checked += 1;
    };
    const examplesOf = (media: Media) => [...(media.example !== undefined ? [media.example] : []), ...Object.values(media.examples ?? {}).map((e) => e.value)];
    for (const { key, path, method, operation } of operations(document)) {
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        const examples = examplesOf(media);
        expect(examples.length, `${key} body`).toBeGreaterThan(0);
        for (const example of examples) check(`${key} body`, pointer('paths', path, method, 'requestBody', 'content', type, 'schema'), example);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = response.content?.['application/json'];
        if (!media) continue;
        const examples = examplesOf(media);
        if (Number(status) < 300) expect(examples.length, `${key} ${status}`).toBeGreaterThan(0);
        for (const example of examples)
          check(`${key} ${status}`, pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema'), example);
      }
      for (const [i, parameter] of (operation.parameters ?? []).entries()) {
        if (parameter.required) expect(parameter.example, `${key} ${parameter.name}`).toBeDefined();
        if (parameter.example !== undefined)
          check(`${key} ${parameter.name}`, pointer('paths', path, method, 'parameters', String(i), 'schema'), parameter.example);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('is complete for generators: named answers and bodies, the form-encoded token call, enums, servers, contact', () => {
    for (const { key, operation } of operations(document)) {
      for (const [status, response] of Object.entries(operation.responses)) component(response.content?.['application/json']?.schema, `${key} ${status}`);
      for (const media of Object.values(operation.requestBody?.content ?? {})) component(media.schema, `${key} body`);
    }
    const token = operations(document).find((o) => o.operation.operationId === 'getToken')?.operation;
    // Form-encoded only: a generator that is offered JSON too sends JSON.
    expect(Object.keys(token?.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
    const schemas = document.components.schemas as Record<string, { properties: Record<string, { enum?: string[] }> }>;
    expect(schemas.TokenRequest?.properties.grant_type?.enum).toEqual(['client_credentials', 'refresh_token']);
    expect(schemas.TokenRequest?.properties.scope?.enum).toEqual(['merchant', 'customer']);
    expect(schemas.VerifyBody?.properties.format?.enum).toEqual(['sms', 'email', 'security_question', 'regular_purchase_bypass', 'merchant_override']);
    expect(schemas.SearchItem?.properties.account_status?.enum).toEqual(['N', 'F', 'C']);
    expect(schemas.LookupAnswer?.properties.preferred_language?.enum).toEqual(['en-CA', 'fr-CA']);
    expect(schemas.Authorization?.properties.status?.enum).toEqual(['opened', 'closed']);
    const lookup = operations(document).find((o) => o.operation.operationId === 'lookupCustomer')?.operation;
    expect(lookup?.parameters?.find((p) => p.name === 'lang')?.schema).toMatchObject({ enum: expect.arrayContaining(['en', 'fr', 'en-CA', 'fr-CA']) });
    const { servers, info } = document as unknown as {
      servers: { url: string; variables: Record<string, { default: string }> }[];
      info: { contact?: object; license?: object };
    };
    expect(servers[0]?.url).toBe('{scheme}://{host}:{port}');
    expect(Object.fromEntries(Object.entries(servers[0]?.variables ?? {}).map(([k, v]) => [k, v.default]))).toEqual({
      scheme: 'http',
      host: 'localhost',
      port: '8080',
    });
    expect(info.contact).toBeDefined();
    expect(info.license).toMatchObject({ identifier: 'MIT' });
  });

  it('makes a Postman collection with one request per operation, filled from the examples', () => {
    const collection = postmanCollection(document) as {
      item: { item: { id: string; request: { header: { key: string; value: string }[] } }[] }[];
      variable: { key: string }[];
    };
    const requests = collection.item.flatMap((folder) => folder.item);
    expect(requests.map((r) => r.id).sort()).toEqual(
      operations(document)
        .map((o) => o.operation.operationId)
        .sort(),
    );
    for (const request of requests) expect(request.request.header).toContainEqual(expect.objectContaining({ key: 'x-reference-id', value: '{{$guid}}' }));
    expect(collection.variable.map((v) => v.key)).toEqual(expect.arrayContaining(['baseUrl', 'clientId', 'clientSecret', 'accessToken']));
  });

  it('chains the Transactions requests of the Postman collection by collection variables: a fresh PIN, then the ids', () => {
    type Item = {
      id: string;
      event?: { listen: string; script: { exec: string[] } }[];
      request: { body?: { raw?: string }; url: { variable?: { key: string; value: string }[] } };
    };
    const collection = postmanCollection(document) as { item: { name: string; item: Item[] }[]; variable: { key: string }[] };
    const transactions = collection.item.find((folder) => folder.name === 'Transactions');
    const byId = new Map((transactions?.item ?? []).map((r) => [r.id, r]));
    const script = (id: string, listen: string) =>
      byId
        .get(id)
        ?.event?.find((e) => e.listen === listen)
        ?.script.exec.join('\n') ?? '';
    const pathVariable = (id: string, key: string) => byId.get(id)?.request.url.variable?.find((v) => v.key === key)?.value;
    for (const id of ['authorizePurchase', 'authorizePurchaseV25', 'takePayment']) {
      expect(JSON.parse(byId.get(id)?.request.body?.raw ?? '{}'), id).toMatchObject({ verification_code: '{{verificationCode}}', request_id: '{{requestId}}' });
      expect(script(id, 'prerequest'), id).toContain("format: 'merchant_override'");
    }
    expect(script('authorizePurchase', 'test')).toContain("pm.collectionVariables.set('authorizationId'");
    expect(pathVariable('captureAuthorization', 'authorization_id')).toBe('{{heldAuthorizationId}}');
    expect(pathVariable('releaseAuthorization', 'authorization_id')).toBe('{{heldAuthorizationId}}');
    expect(pathVariable('returnCapture', 'capture_id')).toBe('{{captureId}}');
    expect(pathVariable('getAuthorization', 'authorization_id')).toBe('{{authorizationId}}');
    expect(collection.variable.map((v) => v.key)).toEqual(expect.arrayContaining(['verificationCode', 'requestId', 'authorizationId', 'captureId']));
  });

  it('documents the Transactions: their tag, the refund id header, and the idempotency headers of every idempotent POST', () => {
    expect((document as unknown as { tags: { name: string }[] }).tags.map((t) => t.name)).toContain('Transactions');
    const byId = new Map(operations(document).map((o) => [o.operation.operationId, o]));
    for (const id of [
      'authorizePurchase',
      'captureAuthorization',
      'releaseAuthorization',
      'returnCapture',
      'listAuthorizations',
      'getAuthorization',
      'listCaptures',
      'refundAccount',
      'takePayment',
    ])
      expect(byId.get(id)?.operation.tags, id).toEqual(['Transactions']);
    expect(byId.get('refundAccount')?.operation.responses['200']?.headers).toHaveProperty('x-refund-id');
    const idempotent = new Set(
      routesOf(app)
        .filter((r) => (r.config as { idempotent?: boolean } | undefined)?.idempotent)
        .map((r) => openapiPath(r.url ?? '')),
    );
    expect(idempotent.size).toBeGreaterThan(8);
    for (const { key, path, operation } of operations(document)) {
      const optional = (operation.parameters ?? []).filter((p) => p.in === 'header' && ['x-idempotency-key', 'x-context-hash'].includes(p.name));
      expect(
        optional.map((p) => [p.name, p.required ?? false]),
        key,
      ).toEqual(
        idempotent.has(path) && key.startsWith('POST')
          ? [
              ['x-idempotency-key', false],
              ['x-context-hash', false],
            ]
          : [],
      );
    }
  });
});
