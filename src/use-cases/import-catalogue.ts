// Importing a plan catalogue file: validated whole, then made the catalogue in force in one transaction.
import { readFile } from 'node:fs/promises';
import { catalogueFromFile, parseCatalogue, type CatalogueError } from '../domain/plans/index.js';
import type { UseCaseContext } from './context.js';

export type ImportResult = { ok: true; plans: number; offers: number } | { ok: false; errors: CatalogueError[] };

/** Only a wholly valid file replaces the catalogue; an invalid one changes nothing and says where it is wrong. */
export async function importCatalogueFile(ctx: Pick<UseCaseContext, 'store'>, path: string): Promise<ImportResult> {
  const parsed = parseCatalogue(await readFile(path, 'utf8'), path);
  if (!parsed.ok) return parsed;
  await ctx.store.catalogue.replace(catalogueFromFile(parsed.catalogue));
  return { ok: true, plans: parsed.catalogue.plans.length, offers: parsed.catalogue.offers.length };
}
