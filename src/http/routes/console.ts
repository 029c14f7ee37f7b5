// GET /console: the cashier console, static files built by Vite into console/dist and served as they are.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { packageFile } from '../../package-files.js';

export const CONSOLE_DIST = packageFile('console', 'dist');

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  if (!existsSync(CONSOLE_DIST)) {
    app.log.warn('console/dist is missing: run `npm run console:build` to serve /console');
    return;
  }
  await app.register(fastifyStatic, { root: CONSOLE_DIST, prefix: '/console/', decorateReply: false, index: ['index.html'] });
  app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/', 302));
}
