// GET /docs: the reference page is served whole by the service (nothing from a CDN), and is set up to get a demo
// token and try every call.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_REFERENCE_ID } from '../../src/contract/examples.js';
import { buildApp } from '../../src/http/app.js';
import { requestInterceptor } from '../../src/http/routes/docs.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

/** Sources a page or script would load: src/href attributes, CSS url() and @import, ES imports. */
const LOADED =
  /(?:\b(?:src|href)\s*=\s*["']([^"']+)["'])|(?:url\(\s*["']?([^"')]+)["']?\s*\))|(?:@import\s+["']([^"']+)["'])|(?:\bimport\s*\(\s*["']([^"']+)["']\s*\))/g;

function sourcesOf(text: string): string[] {
  return [...text.matchAll(LOADED)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').filter((s) => s && !s.startsWith('data:') && !s.startsWith('#'));
}

describe('GET /docs', () => {
  let fixture: StoreFixture;
  let app: FastifyInstance;
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    app = await buildApp(fixture.ctx, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  it('serves the page, and every script and style it loads, from this service only', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const assets = sourcesOf(page.body);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) expect(asset, 'an asset of the page').toMatch(/^\/docs\//);
    for (const asset of assets) {
      const res = await app.inject({ method: 'GET', url: asset });
      expect(res.statusCode, asset).toBe(200);
      if (!/\.(js|css)$/.test(asset)) continue;
      // Nothing the browser would fetch from elsewhere: no remote script, style, font or module.
      const remote = sourcesOf(res.body).filter((s) => /^(https?:)?\/\//.test(s) && !s.startsWith('http://www.w3.org/'));
      expect(remote, asset).toEqual([]);
      expect(res.body, asset).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs|fonts\.googleapis/);
    }
  });

  it('forbids the browser any other origin (Content-Security-Policy)', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "font-src 'self' data:"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/https?:/);
  });

  it('reads the same document as /openapi.json, with the "try it here" guide on top', async () => {
    const page = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(page.paths).toEqual(document.paths);
    expect(page.components).toEqual(document.components);
    expect(page.info.description).toContain('Authorize');
    expect(page.info.description.endsWith(document.info.description)).toBe(true);
  });

  it('comes with the demo client filled in the Authorize dialog, no online validator, and the reference-id interceptor', async () => {
    const script = (await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })).body;
    expect(script).toContain('ui.initOAuth({"clientId":"flexitidemo","clientSecret":"demo-secret","scopes":["merchant"]})');
    expect(script).toContain('validatorUrl: null');
    expect(script).toContain('"requestInterceptor":function anonymous(request');
    expect(script).toContain(EXAMPLE_REFERENCE_ID);
  });

  it('gives each call a fresh x-reference-id unless the reader typed one', () => {
    const intercept = requestInterceptor as (request: { headers?: Record<string, string> }) => { headers: Record<string, string> };
    const holder = globalThis as { window?: unknown };
    holder.window = { crypto: globalThis.crypto };
    try {
      const first = intercept({ headers: { 'x-reference-id': EXAMPLE_REFERENCE_ID } }).headers['x-reference-id'];
      const second = intercept({ headers: {} }).headers['x-reference-id'];
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toMatch(/^[0-9a-f-]{36}$/);
      expect(first).not.toBe(second);
      expect(intercept({ headers: { 'x-reference-id': 'till-7/retry' } }).headers['x-reference-id']).toBe('till-7/retry');
    } finally {
      delete holder.window;
    }
  });
});
