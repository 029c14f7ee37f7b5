// posapi plans import <file>: validates a plan catalogue and replaces the current one atomically.
import type { Command } from 'commander';
import { catalogueToFile, serializeCatalogue } from '../../domain/plans/index.js';
import { importCatalogueFile } from '../../use-cases/import-catalogue.js';
import { withContext } from '../context.js';
import { currentOperator } from '../operator.js';

export function registerPlansCommands(program: Command): void {
  const plans = program.command('plans').description('the plan catalogue');
  plans
    .command('import <file>')
    .description('validate a YAML or JSON catalogue and replace the current one with it (all or nothing)')
    .action(async (file: string) => {
      // Offers name merchants: an empty database gets the hint to seed it rather than the database's refusal.
      const result = await withContext((ctx) => importCatalogueFile(ctx, file, currentOperator()), { data: true });
      if (!result.ok) {
        for (const e of result.errors) console.error(`${file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
        process.exitCode = 1;
        return;
      }
      console.log(`imported ${result.plans} plans and ${result.offers} offers`);
    });
  plans
    .command('export')
    .description('print the current catalogue as YAML')
    .action(async () => {
      process.stdout.write(await withContext(async (ctx) => serializeCatalogue(catalogueToFile(await ctx.store.catalogue.current()))));
    });
}
