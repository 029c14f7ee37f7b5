// Past sales: the account's sales from the authorizations list, newest first; capturing part of a held sale and
// releasing the rest, returning part of a capture, a refusal at an unregistered store, and the status filter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatMoney } from '../src/i18n/format.ts';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

const ACCOUNT = '116994755';
const ANSWER = 'Honda';

for (const lang of LANGUAGES) {
  describe(`past sales (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);
    const money = (amount: number) => formatMoney(lang, amount);
    /** A sale captured at once, then one held for later (credit 14 000 → 12 500 → 11 500). */
    let captured = '';
    let capturedCapture = '';
    let held = '';

    test("the account's sales are listed newest first", async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount(ACCOUNT);
      await c.pastSalesPanel().getByText(c.t('sales.none')).waitFor();
      await c.setTill('00-12345', '12345-SMITH');
      const first = await c.sellOnPlan({ amount: '1500', planId: 1, term: 18, captureNow: true, answer: ANSWER });
      captured = first.authorization_id;
      capturedCapture = first.captures[0]!.capture_id;
      held = (await c.sellOnPlan({ amount: '1000', planId: 1, term: 12, captureNow: false, answer: ANSWER })).authorization_id;
      await c
        .pastSalesPanel()
        .getByText(c.t('sales.count', { first: 1, last: 2, total: 2 }))
        .waitFor();
      const names = await c.pastSalesPanel().locator('article.sale-card h3').allInnerTexts();
      assert.deepEqual(names, [c.t('sales.sale', { id: held }), c.t('sales.sale', { id: captured })]);
      const card = c.saleCard(held);
      assert.equal(await card.locator('.badge').innerText(), c.t('sales.status.opened'));
      assert.equal(await card.locator('.sale-remaining').innerText(), money(1000));
      await captureScreen(c.page, c.shot('18-past-sales'), [c.pastSalesPanel(), card.getByRole('button', { name: c.t('sales.capture') })]);
    });

    test('a capture at a store this client has not registered is refused', async () => {
      const c = ui();
      await c.tillPanel().getByLabel(c.t('till.location')).fill('00-99999');
      const card = c.saleCard(held);
      await card.getByLabel(c.t('sales.settleAmount')).fill('500');
      await card.getByRole('button', { name: c.t('sales.capture') }).click();
      const refusal = card.locator('.refusal[data-code="external_location_id_not_found"]');
      await refusal.waitFor();
      assert.ok((await refusal.innerText()).includes(c.t('refusal.external_location_id_not_found')));
      await c.tillPanel().getByLabel(c.t('till.location')).fill('00-67890');
    });

    test('an amount above what is left is caught before asking', async () => {
      const c = ui();
      const card = c.saleCard(held);
      await card.getByLabel(c.t('sales.settleAmount')).fill('1000.01');
      await card.getByRole('button', { name: c.t('sales.capture') }).click();
      await card.getByText(c.t('sales.amountTooHigh', { amount: money(1000) })).waitFor();
    });

    test('part of a held sale is captured, and the rest released after confirming', async () => {
      const c = ui();
      const card = c.saleCard(held);
      await card.getByLabel(c.t('sales.settleAmount')).fill('400');
      await card.getByRole('button', { name: c.t('sales.capture') }).click();
      await card.getByText(c.t('sales.capturedDone', { amount: money(400), available: money(11500) })).waitFor();
      await card.locator('.sale-remaining', { hasText: money(600) }).waitFor();
      const captures = card.getByRole('list', { name: c.t('sales.capturesOf', { id: held }) });
      assert.equal(await captures.locator('li.capture').count(), 1);

      await card.getByRole('button', { name: c.t('sales.release') }).click();
      const dialog = c.page.getByRole('dialog', { name: c.t('sales.releaseTitle', { amount: money(600), id: held }) });
      await dialog.waitFor();
      await captureScreen(c.page, c.shot('19-release-confirm'), [dialog.getByRole('button', { name: c.t('sales.releaseConfirm') })]);
      // The safe choice has the focus first: Escape or Enter at once changes nothing.
      await c.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await card.locator('.badge').innerText(), c.t('sales.status.opened'));

      await card.getByRole('button', { name: c.t('sales.release') }).click();
      await dialog.getByRole('button', { name: c.t('sales.releaseConfirm') }).click();
      await card.getByText(c.t('sales.releasedDone', { amount: money(600), available: money(12100) })).waitFor();
      await card.locator('.badge', { hasText: c.t('sales.status.closed') }).waitFor();
      assert.equal(await card.getByRole('button', { name: c.t('sales.capture') }).count(), 0, 'nothing is left to capture');
      assert.equal(await c.customerCard().locator('.credit-amount').innerText(), money(12100));
    });

    test('part of a capture is returned, and what is left of it is said', async () => {
      const c = ui();
      const card = c.saleCard(captured);
      await card.getByLabel(c.t('sales.returnAmount')).fill(lang === 'fr' ? '200,50' : '200.50');
      await card.getByRole('button', { name: c.t('sales.return') }).click();
      const dialog = c.page.getByRole('dialog', { name: c.t('sales.returnTitle', { amount: money(200.5), id: capturedCapture }) });
      await dialog.getByRole('button', { name: c.t('sales.returnConfirm') }).click();
      const notice = card.locator('.sale-notice');
      await notice.waitFor();
      const text = await notice.innerText();
      assert.ok(text.includes(money(200.5)) && text.includes(money(1299.5)) && text.includes(money(12300.5)), text);
      // The list is read again: the capture now says what was returned, and what is left to return.
      const capture = card.locator('li.capture');
      await capture.getByText(c.t('sales.captureReturned', { amount: money(200.5) })).waitFor();
      await capture.getByText(c.t('sales.returnHint', { amount: money(1299.5) })).waitFor();
      await captureScreen(c.page, c.shot('20-returned'), [card, notice]);
    });

    test('the filter shows open or closed sales only', async () => {
      const c = ui();
      const filter = c.pastSalesPanel().getByLabel(c.t('sales.filter'));
      await filter.selectOption('opened');
      await c.pastSalesPanel().getByText(c.t('sales.none')).waitFor();
      await filter.selectOption('closed');
      await c
        .pastSalesPanel()
        .getByText(c.t('sales.count', { first: 1, last: 2, total: 2 }))
        .waitFor();
    });
  });
}
