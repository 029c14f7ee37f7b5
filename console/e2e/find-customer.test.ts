// Finding a customer: lookup by account number (the customer's card) and search by name and birth date (the list).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatMoney } from '../src/i18n/format.ts';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

for (const lang of LANGUAGES) {
  describe(`find a customer (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test('lookup by account number shows the customer card', async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount('20035156');
      const card = c.customerCard();
      const text = await card.innerText();
      assert.match(text, /Alan Martinet/);
      assert.match(text, /a\*\*\*inet@flexiti\.com/, 'the email stays masked');
      assert.match(text, /\*\*\*-\*\*\*-2222/, 'the phone stays masked');
      assert.match(text, /123 Anystreet Ave/);
      assert.match(text, /•••• 6395/);
      assert.ok(text.includes(formatMoney(lang, 5000)), 'the available credit');
      assert.match(text, new RegExp(c.t('type.consumer')));
      assert.match(text, lang === 'fr' ? /PVE - Intérêt régulier/ : /EMP - Regular Interest/, 'offers come in the UI language');
      assert.match(text, new RegExp(c.t('customer.terms', { terms: '3, 6, 12' })));
      await captureScreen(c.page, c.shot('04-lookup-customer'), [card, c.verifyPanel(), c.plansPanel()]);
      assert.equal(await c.closePanel().count(), 0, 'an Ontario account is not offered closing');
    });

    test('lookup by card number and by customer id open the same kind of card', async () => {
      const c = ui();
      await c.lookupBy('vcc_number', '5299 3100 0200 6395');
      await c.customerCard().locator('dd', { hasText: '20035156' }).waitFor();
      await c.lookupBy('customer_id', '1291820-11');
      await c.customerCard().locator('dd', { hasText: '116992907' }).waitFor();
      assert.match(await c.customerCard().innerText(), /Random BusinessPerson/);
      assert.match(await c.customerCard().innerText(), new RegExp(c.t('type.business')));
    });

    test('an unknown account is refused in plain words', async () => {
      const c = ui();
      await c.lookupBy('account_number', '99999999');
      await c.refusal('not_found').waitFor();
      assert.match(await c.refusal('not_found').innerText(), new RegExp(c.t('refusal.not_found')));
    });

    test('search by name and birth date lists every account with its status and available credit', async () => {
      const c = ui();
      await c.searchByName('John', 'Smith', '1900-01-01');
      const list = c.resultList();
      await list.waitFor();
      assert.equal(await c.refusal('not_found').count(), 0, "the earlier lookup's refusal is gone");
      const items = list.getByRole('listitem');
      assert.equal(await items.count(), 2);
      const text = await list.innerText();
      assert.match(text, new RegExp(`${c.t('status.N')} \\(${c.t('reason.NNOR')}\\)`));
      assert.match(text, new RegExp(`${c.t('status.F')} \\(${c.t('reason.FLCK')}\\)`));
      assert.ok(text.includes(formatMoney(lang, 659.51)) && text.includes(formatMoney(lang, 847)), 'each account shows its available credit');
      await captureScreen(c.page, c.shot('05-search-results'), [list, c.searchField('search.firstName')]);
    });

    test('picking an account from the list opens it with its status in words', async () => {
      const c = ui();
      await c.page.getByRole('button', { name: c.t('search.selectLabel', { account: 234567890, name: 'John Smith' }) }).click();
      await c.customerCard().locator('dd', { hasText: '234567890' }).waitFor();
      const status = await c.customerCard().locator('dd.status-F').innerText();
      assert.equal(status, `${c.t('status.F')} (${c.t('reason.FLCK')})`);
      await captureScreen(c.page, c.shot('06-search-picked'), [c.customerCard()]);
    });

    test('a search with no match says so', async () => {
      const c = ui();
      await c.searchByName('Nobody', 'Atall', '1999-12-31');
      await c.page.getByText(c.t('search.none')).waitFor();
    });
  });
}
