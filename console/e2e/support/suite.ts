// One service and one browser per language suite, started before its tests and stopped after them.
import { after, before } from 'node:test';
import type { Lang } from '../../src/i18n/dictionary.ts';
import { ConsolePage } from './console-page.ts';
import { startService, type RunningService } from './service.ts';

export const LANGUAGES: Lang[] = ['en', 'fr'];
export const SUITE_TIMEOUT = { timeout: 180_000 };

export interface SuiteOptions {
  serviceEnv?: Record<string, string>;
  chromiumArgs?: string[];
}

/** Call inside a describe(): returns a getter for the suite's console page. */
export function useConsole(lang: Lang, options: SuiteOptions = {}): () => ConsolePage {
  let service: RunningService | undefined;
  let consolePage: ConsolePage | undefined;
  before(async () => {
    service = await startService(options.serviceEnv);
    consolePage = await ConsolePage.open(service, lang, options.chromiumArgs);
  });
  after(async () => {
    try {
      await consolePage?.close();
    } finally {
      await service?.stop();
    }
  });
  return () => {
    if (!consolePage) throw new Error('the suite did not start');
    return consolePage;
  };
}
