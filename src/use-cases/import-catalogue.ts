// Importing a plan catalogue file: validated whole, then made the catalogue in force in one transaction.
import { readFile } from 'node:fs/promises';
import { catalogueFromFile, parseCatalogue, type CatalogueError } from '../domain/plans/index.js';
import type { Answerable } from '../domain/principal.js';
import type { UseCaseContext } from './context.js';

export type ImportResult = { ok: true; plans: number; offers: number } | { ok: false; errors: CatalogueError[] };

/**
 * Only a wholly valid file replaces the catalogue, audited in the same transaction; an invalid one changes nothing
 * and says where it is wrong.
 */
export async function importCatalogueFile(ctx: Pick<UseCaseContext, 'store' | 'now'>, path: string, by: Answerable): Promise<ImportResult> {
  const parsed = parseCatalogue(await readFile(path, 'utf8'), path);
  if (!parsed.ok) return parsed;
  const counts = { plans: parsed.catalogue.plans.length, offers: parsed.catalogue.offers.length };
  await ctx.store.transaction(async (tx) => {
    await tx.catalogue.replace(catalogueFromFile(parsed.catalogue));
    await tx.audit.record(by, ctx.now(), { action: 'plans.import', accountNumber: null, outcome: 'imported', detail: { file: path, ...counts } });
  });
  return { ok: true, ...counts };
}
