// Closing a Quebec account: offered only for QC, behind a confirmation dialog; cancelling leaves it open.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

for (const lang of LANGUAGES) {
  describe(`close a Quebec account (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test('the dialog asks first, and cancelling leaves the account open', async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount('116994859');
      const openDialog = c.closePanel().getByRole('button', { name: c.t('close.open') });
      await openDialog.click();
      const dialog = c.page.getByRole('dialog', { name: c.t('close.confirmTitle', { account: 116994859 }) });
      await dialog.waitFor();
      await captureScreen(c.page, c.shot('11-close-confirm'), [
        dialog.getByRole('button', { name: c.t('close.confirm') }),
        dialog.getByRole('button', { name: c.t('close.cancel') }),
      ]);
      // The safe choice has the focus, so a stray Enter does not close the account.
      assert.equal(await c.page.evaluate(() => document.activeElement?.textContent), c.t('close.cancel'));
      await c.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await c.closePanel().getByText(c.t('close.cancelled')).waitFor();
      assert.equal(await c.page.evaluate(() => document.activeElement?.textContent), c.t('close.open'), 'the focus is back on the button');
    });

    test('confirming closes the account and shows it closed', async () => {
      const c = ui();
      await c
        .closePanel()
        .getByRole('button', { name: c.t('close.open') })
        .click();
      const dialog = c.page.getByRole('dialog');
      await dialog.getByRole('button', { name: c.t('close.confirm') }).click();
      await c
        .closePanel()
        .getByText(c.t('close.done', { account: 116994859 }))
        .waitFor();
      const status = await c.customerCard().locator('dd.status-C').innerText();
      assert.equal(status, `${c.t('status.C')} (${c.t('reason.CCUS')})`);
      assert.equal(
        await c
          .closePanel()
          .getByRole('button', { name: c.t('close.open') })
          .count(),
        0,
      );
      await captureScreen(c.page, c.shot('12-closed'), [c.customerCard(), c.closePanel()]);
    });

    test('a closed account then offers no verify or plans, and says why', async () => {
      const c = ui();
      await c.noSalePanel().getByText(c.t('noSale.C')).waitFor();
      assert.equal(await c.verifyPanel().count(), 0, 'no verify form');
      assert.equal(await c.plansPanel().count(), 0, 'no plans form');
    });
  });
}
