// Payment plans: every plan and term as cards with the texts to display, the regular purchase, and the chart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatMoney } from '../src/i18n/format.ts';
import { DEFERRED_COLOUR } from '../src/plans/chart-colours.ts';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

/** How many canvas pixels are painted (not transparent, not white): a drawn chart has thousands. */
function paintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.plan-chart canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) painted++;
    return painted;
  });
}

/** How many canvas pixels have exactly this colour (#rrggbb): the deferred plan's bars are the only large area of it. */
function pixelsOfColour(page: Page, hex: string): Promise<number> {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return page.evaluate(`(() => {
    const canvas = document.querySelector('.plan-chart canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === ${r} && data[i + 1] === ${g} && data[i + 2] === ${b} && data[i + 3] === 255) count++;
    return count;
  })()`);
}

for (const lang of LANGUAGES) {
  describe(`payment plans (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test("the lender's example amount gives its monthly payments, texts and chart", async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount('116994755');
      const panel = c.plansPanel();
      const amount = panel.getByLabel(c.t('plans.amount'));
      await amount.fill(lang === 'fr' ? '10,50' : '10.50');
      await amount.press('Enter');
      const plan4 = panel.getByRole('region', { name: lang === 'fr' ? 'PVE - Intérêt régulier' : 'EMP - Regular Interest' });
      await plan4.waitFor();
      const money = (value: string) => formatMoney(lang, Number(value));
      const text = await plan4.innerText();
      for (const payment of ['3.56', '10.38', '5.32']) assert.ok(text.includes(money(payment)), `plan 4 shows ${money(payment)}`);
      assert.ok(text.includes(c.t('plans.term', { term: 6 })));
      assert.match(text, new RegExp(c.t('plans.mustShow'), 'i'), 'the texts the merchant must display are there');
      await panel.locator('.regular-purchase').getByText(c.t('plans.regular')).waitFor();
      const chart = panel.locator('.plan-chart canvas');
      await chart.waitFor();
      assert.ok((await paintedPixels(c.page)) > 2000, 'the chart is drawn');
      await captureScreen(c.page, c.shot('10-plans'), [plan4, chart, panel.locator('.regular-purchase')]);
    });

    test('a larger amount shows every plan it admits, and a language switch asks again for the texts', async () => {
      const c = ui();
      const panel = c.plansPanel();
      const amount = panel.getByLabel(c.t('plans.amount'));
      await amount.fill('1500');
      await amount.press('Enter');
      await panel.getByText(c.t('plans.summary', { amount: formatMoney(lang, 1500) })).waitFor();
      const plans = panel.locator('section.plan');
      assert.ok((await plans.count()) >= 2, 'several plans admit $1,500');
      // A deferred plan is paid once when the deferral ends: its total is that one payment, not six of them.
      const deferred = panel.getByRole('region', {
        name: lang === 'fr' ? 'Paiement différé - sans intérêt si payé en entier' : 'Deferred Payment - No Interest if paid in full',
      });
      const sixMonths = deferred.locator('.term-card', { hasText: c.t('plans.term', { term: 6 }) });
      assert.match(await sixMonths.innerText(), new RegExp(c.t('plans.deferredPayment')));
      assert.ok((await sixMonths.innerText()).includes(c.t('plans.totalLine', { amount: formatMoney(lang, 1500) })));
      const own = lang === 'fr' ? 'PVE - Intérêt régulier' : 'EMP - Regular Interest';
      const other = lang === 'fr' ? 'EMP - Regular Interest' : 'PVE - Intérêt régulier';
      await c.page.getByRole('button', { name: lang === 'fr' ? 'English' : 'Français' }).click();
      await c.page.getByRole('region', { name: other }).waitFor();
      await c.page.getByRole('button', { name: lang === 'fr' ? 'Français' : 'English' }).click();
      await c.page.getByRole('region', { name: own }).waitFor();
      await captureScreen(c.page, c.shot('10b-plans-several'), [plans.first(), panel.locator('.plan-chart canvas')]);
    });

    test('the deferred plan has bars too: its one payment, at the end of the deferral', async () => {
      const c = ui();
      await c.plansPanel().locator('.plan-chart canvas').waitFor();
      // The legend's sample of the colour is a few hundred pixels; the bars of $1,500 paid once are thousands.
      const deferredPixels = await pixelsOfColour(c.page, DEFERRED_COLOUR);
      assert.ok(deferredPixels > 2000, `the deferred plan's bars are drawn (${deferredPixels} pixels of their colour)`);
    });

    test("an amount that cannot be right is caught before asking, and the last amount's plans and pick go", async () => {
      const c = ui();
      const panel = c.plansPanel();
      await panel.getByRole('button', { name: c.t('plans.chooseRegular') }).click();
      await c.checkoutPanel().getByText(c.t('checkout.needPlan')).waitFor({ state: 'hidden' });
      const amount = panel.getByLabel(c.t('plans.amount'));
      await amount.fill('12.345');
      await amount.press('Enter');
      await panel.getByText(c.t('plans.amountInvalid')).waitFor();
      await panel.getByText(c.t('plans.cleared', { amount: formatMoney(lang, 1500) })).waitFor();
      assert.equal(await panel.locator('section.plan').count(), 0, 'no plan of the last amount is left');
      assert.equal(await panel.locator('.regular-purchase').count(), 0);
      assert.equal(await panel.locator('.plan-chart').count(), 0, 'nor its chart');
      await c.checkoutPanel().getByText(c.t('checkout.needPlan')).waitFor();
      await captureScreen(c.page, c.shot('10c-plans-cleared'), [amount]);
    });
  });
}
