// The driver's licence: a PDF417 photo (file upload), pasted scanner text, and the camera fill the search form and search;
// the sample licence belongs to a demo customer, so the search finds them and the associate opens their account.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConsolePage } from './support/console-page.ts';
import { fakeCameraShowing } from './support/fake-camera.ts';
import { LICENCE_CUSTOMER, LICENCE_HOLDER, LICENCE_PAYLOAD, licenceBarcodePng } from './support/licence-barcode.ts';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

/** Does the action, then checks the licence's holder was searched for, fills the search form, and was found. */
async function expectLicenceSearch(c: ConsolePage, action: () => Promise<void>): Promise<void> {
  const searched = c.page.waitForResponse(
    (response) => response.url().includes('/customers/search?') && response.url().includes(`first_name=${LICENCE_HOLDER.firstName}`),
  );
  await action();
  const response = await searched;
  assert.equal(response.status(), 200);
  await c.page.getByText(c.t('search.count', { count: 1 })).waitFor();
  await c.resultList().getByText(LICENCE_CUSTOMER.name).waitFor();
  assert.equal(await c.searchField('search.firstName').inputValue(), LICENCE_HOLDER.firstName);
  assert.equal(await c.searchField('search.lastName').inputValue(), LICENCE_HOLDER.lastName);
  assert.equal(await c.searchField('search.dob').inputValue(), LICENCE_HOLDER.dob);
  assert.equal(await c.searchField('search.postalCode').inputValue(), LICENCE_HOLDER.postalCode);
}

async function clearSearchForm(c: ConsolePage): Promise<void> {
  await c.chooseTab('search');
  for (const key of ['search.firstName', 'search.lastName', 'search.dob', 'search.postalCode'] as const) await c.searchField(key).fill('');
}

for (const lang of LANGUAGES) {
  describe(`scan a driver's licence (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test('a photo of the barcode fills the search form and runs the search', async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.chooseTab('licence');
      await captureScreen(c.page, c.shot('13-licence'), [c.page.getByLabel(c.t('licence.text')), c.page.getByLabel(c.t('licence.file'))]);
      const png = await licenceBarcodePng();
      await expectLicenceSearch(c, () =>
        c.page.getByLabel(c.t('licence.file')).setInputFiles({ name: 'licence-back.png', mimeType: 'image/png', buffer: png }),
      );
      await captureScreen(c.page, c.shot('14-licence-search'), [c.searchField('search.firstName'), c.searchField('search.postalCode')]);
    });

    test("the licence's holder is opened from the search, their status in words", async () => {
      const c = ui();
      await c.page.getByRole('button', { name: c.t('search.selectLabel', { account: LICENCE_CUSTOMER.accountNumber, name: LICENCE_CUSTOMER.name }) }).click();
      await c
        .customerCard()
        .locator('dd', { hasText: String(LICENCE_CUSTOMER.accountNumber) })
        .waitFor();
      assert.match(await c.customerCard().innerText(), new RegExp(LICENCE_CUSTOMER.name));
      assert.equal(await c.customerCard().locator('dd.status-N').innerText(), `${c.t('status.N')} (${c.t('reason.NNOR')})`);
      await c.verifyPanel().waitFor();
    });

    test('barcode text from a keyboard scanner does the same', async () => {
      const c = ui();
      await clearSearchForm(c);
      await c.chooseTab('licence');
      const field = c.page.getByLabel(c.t('licence.text'));
      await field.fill(LICENCE_PAYLOAD);
      await expectLicenceSearch(c, () => field.press('ControlOrMeta+Enter'));
    });

    test('the camera reads the barcode too', async () => {
      const c = ui();
      await clearSearchForm(c);
      await fakeCameraShowing(c.page, await licenceBarcodePng());
      await c.chooseTab('licence');
      await expectLicenceSearch(c, () => c.page.getByRole('button', { name: c.t('licence.camera') }).click());
    });

    test('text that is not a licence is refused with what is wrong', async () => {
      const c = ui();
      await c.chooseTab('licence');
      const field = c.page.getByLabel(c.t('licence.text'));
      await field.fill('hello, this is not a licence');
      await c.page.getByRole('button', { name: c.t('licence.decode') }).click();
      const refusal = c.refusal('wrong_inputs');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), new RegExp(c.t('param.code')));
    });
  });
}
