// The plan catalogue as use cases read it: loaded from the store and kept briefly, so a request costs no catalogue query.
import { readFile } from 'node:fs/promises';
import { parseCatalogue, type Catalogue, type CatalogueError } from '../domain/plans/index.js';
import { loadCatalogue, replaceCatalogue } from '../store/catalogue.js';
import type { ServiceContext } from './context.js';

/** Another process's import is seen within this long. */
const CACHE_MS = 5000;
const cache = new WeakMap<ServiceContext, { at: number; catalogue: Promise<Catalogue> }>();

export function currentCatalogue(ctx: ServiceContext): Promise<Catalogue> {
  const cached = cache.get(ctx);
  const now = Date.now();
  if (cached && now - cached.at < CACHE_MS) return cached.catalogue;
  const catalogue = loadCatalogue(ctx.db);
  cache.set(ctx, { at: now, catalogue });
  catalogue.catch(() => cache.delete(ctx));
  return catalogue;
}

export type ImportResult = { ok: true; plans: number; offers: number } | { ok: false; errors: CatalogueError[] };

/** Validates the file and, only when it is wholly valid, replaces the catalogue in one transaction. */
export async function importCatalogueFile(ctx: ServiceContext, path: string): Promise<ImportResult> {
  const parsed = parseCatalogue(await readFile(path, 'utf8'), path);
  if (!parsed.ok) return parsed;
  await replaceCatalogue(ctx.db, parsed.catalogue);
  cache.delete(ctx);
  return { ok: true, plans: parsed.catalogue.plans.length, offers: parsed.catalogue.offers.length };
}
