// Screenshots of each screen into console/test-results/, after checking the layout did not break.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './paths.ts';

/**
 * Fails when a key element is missing, hidden, zero-sized or pushed past the viewport's right edge,
 * or when the page scrolls sideways (what a broken tablet layout looks like); then writes the screenshot.
 */
export async function captureScreen(page: Page, name: string, keyElements: Locator[]): Promise<void> {
  const viewport = page.viewportSize();
  assert.ok(viewport, 'the page has a viewport');
  for (const element of keyElements) {
    await element.first().waitFor({ state: 'visible' });
    const box = await element.first().boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, `${element} has a size on ${name}`);
    assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 1, `${element} fits the ${viewport.width}px width on ${name} (x=${box.x}, w=${box.width})`);
  }
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(sideways <= 0, `${name} scrolls sideways by ${sideways}px at ${viewport.width}px wide`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}
