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

    test('after a lookup the status says whether the account is open, never that it is unknown', async () => {
      const c = ui();
      // Lookup's answer has no status; the console asks calculate-interest whether the account can buy.
      await c.lookupAccount('20035156');
      assert.equal(await c.customerCard().locator('dd.status-N').innerText(), c.t('status.N'));
      assert.doesNotMatch(await c.customerCard().innerText(), lang === 'fr' ? /Inconnu/ : /Unknown/);
      // Siobhán O'Neil's closed account, looked up by number: not open, and no verify or plans to fill in.
      await c.lookupAccount('300000005');
      assert.equal(await c.customerCard().locator('dd.status-not-open').innerText(), c.t('customer.statusNotOpen'));
      await c.noSalePanel().getByText(c.t('noSale.notOpen')).waitFor();
      assert.equal(await c.verifyPanel().count(), 0, 'no verify form');
      assert.equal(await c.plansPanel().count(), 0, 'no plans form');
      await captureScreen(c.page, c.shot('04b-lookup-not-open'), [c.customerCard(), c.noSalePanel()]);
    });

    test('search by name and birth date lists every account with its status and available credit', async () => {
      const c = ui();
      await c.searchByName('John', 'Smith', '1900-01-01');
      const list = c.resultList();
      await list.waitFor();
      assert.equal(await c.refusal('not_found').count(), 0, "the earlier lookup's refusal is gone");
      const items = list.getByRole('listitem');
      assert.equal(await items.count(), 2);
      await c.page.getByText(lang === 'fr' ? '2 comptes trouvés.' : '2 accounts found.', { exact: true }).waitFor();
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

    test('a frozen account offers no verify or plans, and says why', async () => {
      const c = ui();
      // Still John Smith's business account, frozen (FLCK), picked from the search above.
      await c.noSalePanel().getByText(c.t('noSale.F')).waitFor();
      assert.equal(await c.verifyPanel().count(), 0, 'no verify form');
      assert.equal(await c.plansPanel().count(), 0, 'no plans form');
      assert.equal(await c.checkoutPanel().count(), 0, 'no sale form');
      await captureScreen(c.page, c.shot('06b-frozen'), [c.customerCard(), c.noSalePanel()]);
    });

    test('one account found is said in the singular', async () => {
      const c = ui();
      await c.searchByName('Alan', 'Martinet', '1985-03-14');
      await c.page.getByText(lang === 'fr' ? '1 compte trouvé.' : '1 account found.', { exact: true }).waitFor();
    });

    test('a search with no match says so', async () => {
      const c = ui();
      await c.searchByName('Nobody', 'Atall', '1999-12-31');
      await c.page.getByText(c.t('search.none')).waitFor();
    });
  });
}
