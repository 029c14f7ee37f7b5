// The barcode reader on photos as they come at a till: cropped tight, turned, in low light. Each photo is made from the
// sample licence, read in the browser, and must give the licence's exact text to the service.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LICENCE_HOLDER, LICENCE_PAYLOAD } from './support/licence-barcode.ts';
import { licencePhoto, PHOTOS } from './support/licence-photos.ts';
import { RESULTS_DIR } from './support/paths.ts';
import { SUITE_TIMEOUT, useConsole } from './support/suite.ts';

// The reader does not depend on the UI language: one suite, in English.
describe('read licence photos', SUITE_TIMEOUT, () => {
  const ui = useConsole('en');

  for (const [index, photo] of PHOTOS.entries()) {
    test(`a photo ${photo.name} is read`, async () => {
      const c = ui();
      if (index === 0) await c.signInAs('flexitidemo', 'demo-secret');
      const png = await licencePhoto(c.page, photo);
      // Kept with the screenshots, to see what the reader was given.
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, `photo-${index + 1}.png`), png);
      await c.chooseTab('licence');
      const decoded = c.page.waitForRequest((request) => request.url().endsWith('/customers/driverslicense') && request.method() === 'POST');
      const searched = c.page.waitForResponse((response) => response.url().includes('/customers/search?'));
      await c.page.getByLabel(c.t('licence.file')).setInputFiles({ name: `licence-${index + 1}.png`, mimeType: 'image/png', buffer: png });
      const sent = (await decoded).postDataJSON() as { code: string };
      assert.equal(sent.code, LICENCE_PAYLOAD, 'the barcode was read whole, control characters included');
      assert.equal((await searched).status(), 200);
      assert.equal(await c.searchField('search.firstName').inputValue(), LICENCE_HOLDER.firstName);
    });
  }
});
