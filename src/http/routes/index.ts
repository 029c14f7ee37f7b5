// The routes, by resource: one file each. A new endpoint goes into its resource's file; a new resource is a file and a
// line here.
import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts.js';
import { consoleRoutes } from './console.js';
import { customerRoutes } from './customers.js';
import { docsRoutes } from './docs.js';
import { healthRoutes } from './health.js';
import { licenceRoutes } from './licence.js';
import { paymentRoutes } from './payments.js';
import { purchaseRoutes } from './purchases.js';
import { tokenRoutes } from './token.js';
import { verifyRoutes } from './verify.js';

type Routes = (app: FastifyInstance) => Promise<void>;

/** Outside the API prefix, without a token or a reference id: health, the document, the console. */
export const SITE_ROUTES: Routes[] = [healthRoutes, consoleRoutes, docsRoutes];

/** Under the API prefix, behind the reference id, authentication, idempotency and rate limits. */
export const API_ROUTES: Routes[] = [tokenRoutes, customerRoutes, accountRoutes, verifyRoutes, licenceRoutes, purchaseRoutes, paymentRoutes];
