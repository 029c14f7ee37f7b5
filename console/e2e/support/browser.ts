// Debian's Chromium driven by playwright-core: headless, a fresh profile, and a record of any request leaving the service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Viewport {
  width: number;
  height: number;
}

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  /** URLs the page asked for outside the service's origin (a CDN at run time would show here). */
  foreignRequests: string[];
  close: () => Promise<void>;
}

export async function openBrowser(baseUrl: string, viewport: Viewport, locale: string, extraArgs: string[] = []): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'posapi-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...extraArgs],
    viewport,
    locale,
  });
  const origin = new URL(baseUrl).origin;
  const foreignRequests: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    foreignRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
