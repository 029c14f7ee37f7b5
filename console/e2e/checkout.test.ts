// Completing a sale: the plan picked, the customer verified, the purchase authorized with verify's own request_id and
// the till's store and cashier; the receipt of a sale captured now, and of one held for later.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatMoney, formatRate } from '../src/i18n/format.ts';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

const ACCOUNT = 116994755;
/** The account's security answer (demo data). */
const ANSWER = 'Honda';

for (const lang of LANGUAGES) {
  describe(`complete a sale (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);
    const money = (amount: number) => formatMoney(lang, amount);
    const purchasesSent: unknown[] = [];
    let firstRequestId = '';
    let pin = '';

    test('the till starts at the demo store, and the sale waits for a plan and a verification', async () => {
      const c = ui();
      c.page.on('request', (request) => {
        if (request.url().endsWith('/authorization')) purchasesSent.push(request.postDataJSON());
      });
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount(String(ACCOUNT));
      assert.equal(await c.tillPanel().getByLabel(c.t('till.location')).inputValue(), '00-12345');
      assert.equal(await c.tillPanel().getByLabel(c.t('till.employee')).inputValue(), '');
      await c.checkoutPanel().getByText(c.t('checkout.needPlan')).waitFor();
      await c.checkoutPanel().getByText(c.t('checkout.needVerify')).waitFor();
      assert.equal(await c.authorizeButton().count(), 0, 'nothing to authorize yet');
    });

    test('the picked plan and the verification open the purchase, the PIN filled in', async () => {
      const c = ui();
      await c.showPlans('1500');
      const choose = c.choosePlanButton(1, 18);
      await choose.click();
      assert.equal(await choose.getAttribute('aria-pressed'), 'true');
      await c
        .checkoutPanel()
        .getByText(c.t('checkout.planLine', { amount: money(1500), id: 1, term: 18, payment: money(107.98) }))
        .waitFor();
      firstRequestId = await c.verifyBySecurityQuestion(ANSWER);
      pin = await c.verifyPanel().locator('.outcome-pin .pin').innerText();
      await c
        .checkoutPanel()
        .getByText(c.t('checkout.verifiedWithId', { format: c.t('verify.format.security_question'), requestId: firstRequestId }))
        .waitFor();
      assert.equal(await c.checkoutPanel().getByLabel(c.t('checkout.pin')).inputValue(), pin, 'the PIN verify showed is filled in');
      await captureScreen(c.page, c.shot('15-checkout'), [c.checkoutPanel(), c.authorizeButton(), c.tillPanel()]);
    });

    test('without an employee ID nothing is sent, and the till panel says why', async () => {
      const c = ui();
      await c.authorizeButton().click();
      await c.checkoutPanel().getByText(c.t('till.incomplete')).waitFor();
      await c.tillPanel().getByText(c.t('form.required')).waitFor();
      // The focus goes to the till panel, where the missing id is.
      await c.page.waitForFunction((title) => document.activeElement?.textContent === title, c.t('till.title'));
      assert.equal(purchasesSent.length, 0, 'no purchase was sent');
    });

    test('a wrong PIN is refused in plain words', async () => {
      const c = ui();
      await c.setTill('00-12345', '12345-SMITH');
      const wrong = String((Number(pin) + 1) % 10000).padStart(4, '0');
      await c.checkoutPanel().getByLabel(c.t('checkout.pin')).fill(wrong);
      await c.authorizeButton().click();
      const refusal = c.refusal('wrong_verification_code');
      await refusal.waitFor();
      assert.ok((await refusal.innerText()).includes(c.t('refusal.wrong_verification_code')));
      assert.equal(await c.checkoutPanel().getByText(c.t('till.incomplete')).count(), 0, 'the till is complete now');
    });

    test("captured now: verify's request_id goes with the purchase, and the receipt shows plan, payments, fees, rate and credit left", async () => {
      const c = ui();
      await c.checkoutPanel().getByLabel(c.t('checkout.pin')).fill(pin);
      await c.checkoutPanel().getByLabel(c.t('checkout.reference')).fill('Order-1234');
      // The till transaction id field may change after verifying: the purchase still sends the id the PIN is bound to.
      await c
        .verifyPanel()
        .getByRole('button', { name: c.t('verify.newRequestId') })
        .click();
      assert.notEqual(await c.verifyPanel().getByLabel(c.t('verify.requestId')).inputValue(), firstRequestId);
      const { request, authorization } = await c.authorize(true);
      assert.deepEqual(request.postDataJSON(), {
        account_number: ACCOUNT,
        amount: 1500,
        financing_option: { transaction_type: 'promotional_purchase', plan_id: 1, term: 18 },
        auto_capture: true,
        verification_code: pin,
        request_id: firstRequestId,
        external_location_id: '00-12345',
        external_employee_id: '12345-SMITH',
        reference: 'Order-1234',
      });
      assert.equal(authorization.status, 'closed');
      const receipt = c.checkoutPanel().locator('article.receipt');
      const heading = receipt.getByRole('heading', { name: c.t('receipt.title', { id: authorization.authorization_id }) });
      await heading.waitFor();
      // The receipt takes the focus, so keyboard and screen-reader users land on it.
      await c.page.waitForFunction(() => document.activeElement?.id === 'receipt-title');
      const text = await receipt.innerText();
      for (const expected of [
        c.t('receipt.captured', { amount: money(1500) }),
        c.t('plans.plan', { id: 1 }),
        c.t('plans.term', { term: 18 }),
        money(107.98),
        c.t('plans.feeLine', { amount: money(49.99) }),
        formatRate(lang, 0.2999),
        money(1943.64),
        money(12500),
        '00-12345',
        '12345-SMITH',
        'Order-1234',
      ])
        assert.ok(text.includes(expected), `the receipt shows ${expected}`);
      assert.match(await receipt.locator('.must-show').innerText(), new RegExp(c.t('plans.mustShow'), 'i'), 'the texts the merchant must display are there');
      assert.equal(await c.customerCard().locator('.credit-amount').innerText(), money(12500), "the customer's card shows the credit left");
      await captureScreen(c.page, c.shot('16-receipt'), [receipt, c.checkoutPanel().getByRole('button', { name: c.t('checkout.newSale') })]);
    });

    test('a second sale, held for later, needs a new verification with a new till transaction id', async () => {
      const c = ui();
      await c
        .checkoutPanel()
        .getByRole('button', { name: c.t('checkout.newSale') })
        .click();
      await c.checkoutPanel().getByText(c.t('checkout.needPlan')).waitFor();
      await c.checkoutPanel().getByText(c.t('checkout.needVerify')).waitFor();
      await c
        .plansPanel()
        .getByRole('button', { name: c.t('plans.chooseRegular') })
        .click();
      const secondRequestId = await c.verifyBySecurityQuestion(ANSWER);
      assert.notEqual(secondRequestId, firstRequestId, 'each sale has its own till transaction id');
      const { request, authorization } = await c.authorize(false);
      const body = request.postDataJSON() as Record<string, unknown>;
      assert.deepEqual(body.financing_option, { transaction_type: 'regular_purchase' });
      assert.equal(body.auto_capture, false);
      assert.equal(body.request_id, secondRequestId);
      assert.equal(authorization.status, 'opened');
      const receipt = c.checkoutPanel().locator('article.receipt');
      const text = await receipt.innerText();
      for (const expected of [c.t('receipt.held', { amount: money(1500) }), c.t('plans.regular'), money(11000)])
        assert.ok(text.includes(expected), `the receipt shows ${expected}`);
      await captureScreen(c.page, c.shot('17-receipt-held'), [receipt]);
      // The new sale is among the account's past sales at once.
      await c
        .pastSalesPanel()
        .getByText(c.t('sales.count', { first: 1, last: 2, total: 2 }))
        .waitFor();
    });
  });
}
