// GET /openapi.json (the document) and GET /docs (Swagger UI, served from the package's own files: no CDN, nothing fetched elsewhere).
import swaggerUi, { type FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, EXAMPLE_REFERENCE_ID } from '../../contract/examples.js';

export const DOCS_PREFIX = '/docs';

/** Everything the page loads comes from this service; the browser refuses anything else. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Runs in the browser before every call the page makes, the token call included: a call whose x-reference-id is empty
 * or still the document's example gets a fresh one, so "Try it out" never replays an earlier POST by accident.
 * Built with `new Function` because the UI plugin ships it to the page as source text.
 */
export const requestInterceptor = new Function(
  'request',
  `
  var headers = request.headers || (request.headers = {});
  var current = headers['x-reference-id'];
  if (!current || current === ${JSON.stringify(EXAMPLE_REFERENCE_ID)}) {
    headers['x-reference-id'] = (window.crypto && window.crypto.randomUUID)
      ? window.crypto.randomUUID()
      : 'docs-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
  }
  return request;
`,
);

/** Shown on the page only, above the document's own description. */
const PAGE_GUIDE = (demo: boolean) =>
  [
    '**Trying it here.** ' +
      (demo
        ? `Press **Authorize**: the demo client (${DEMO_CLIENT_ID} / ${DEMO_CLIENT_SECRET}, scope merchant) is filled in; authorize, close, then open any call and press **Execute**.`
        : 'Press **Authorize**, enter your client id and secret, pick one scope, authorize; then open any call and press **Execute**.'),
    'The page puts a fresh `x-reference-id` on every call while the field holds the example id; type your own to try an idempotent repeat.',
  ].join(' ');

export async function docsRoutes(app: FastifyInstance): Promise<void> {
  const demo = app.ctx.config.seedDemo;
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: CSP,
    theme: { title: 'POS API v2.5 reference' },
    transformSpecification: (document) => {
      const info = (document as { info: { description?: string } }).info;
      // The page calls the service that serves it, wherever that is, not the document's default server.
      return {
        ...document,
        servers: [{ url: '/', description: 'this service' }],
        info: { ...info, description: `${PAGE_GUIDE(demo)}\n\n${info.description ?? ''}` },
      };
    },
    uiConfig: {
      deepLinking: true,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      displayRequestDuration: true,
      persistAuthorization: true,
      tryItOutEnabled: true,
      requestInterceptor: requestInterceptor as NonNullable<NonNullable<FastifySwaggerUiOptions['uiConfig']>['requestInterceptor']>,
    },
    // With the demo data loaded, the Authorize dialog comes filled in with the demo client: one click gives a token.
    initOAuth: demo ? { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, scopes: ['merchant'] } : { scopes: ['merchant'] },
  });
}
