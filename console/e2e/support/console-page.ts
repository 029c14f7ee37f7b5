// The console as a test sees it: its screens and controls found by their labels, in either language.
import assert from 'node:assert/strict';
import type { Locator, Page, Request } from 'playwright-core';
import type { Authorization } from '../../src/api/contract.ts';
import type { Lang, MessageKey } from '../../src/i18n/dictionary.ts';
import { translator, type Params } from '../../src/i18n/translate.ts';
import { openBrowser, type OpenBrowser, type Viewport } from './browser.ts';
import type { RunningService } from './service.ts';

/** French is the longer language, so it runs at the narrowest supported width: a tablet held upright. */
export const VIEWPORTS: Record<Lang, Viewport> = { en: { width: 1280, height: 900 }, fr: { width: 768, height: 1024 } };

export class ConsolePage {
  private constructor(
    readonly browser: OpenBrowser,
    readonly service: RunningService,
    readonly lang: Lang,
  ) {}

  static async open(service: RunningService, lang: Lang, extraArgs: string[] = []): Promise<ConsolePage> {
    // The browser's own locale matches the associate's language, as a till set up in French would be.
    const browser = await openBrowser(service.baseUrl, VIEWPORTS[lang], lang === 'fr' ? 'fr-CA' : 'en-CA', extraArgs);
    const consolePage = new ConsolePage(browser, service, lang);
    await consolePage.load();
    return consolePage;
  }

  get page(): Page {
    return this.browser.page;
  }

  t(key: MessageKey, params?: Params): string {
    return translator(this.lang)(key, params);
  }

  shot(screen: string): string {
    return `${this.lang}-${screen}`;
  }

  /** Opens the console: it starts in the browser's language; the header switch then picks the suite's, as an associate would. */
  async load(): Promise<void> {
    await this.page.goto(`${this.service.baseUrl}/console/`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
    await this.page.getByRole('button', { name: this.lang === 'fr' ? 'Français' : 'English' }).click();
    await this.page.getByRole('heading', { name: this.t('app.title'), level: 1 }).waitFor();
    assert.equal(await this.page.getAttribute('html', 'lang'), this.lang === 'fr' ? 'fr-CA' : 'en-CA');
  }

  async signIn(clientId: string, secret: string): Promise<void> {
    await this.page.getByLabel(this.t('signIn.clientId')).fill(clientId);
    await this.page.getByLabel(this.t('signIn.clientSecret')).fill(secret);
    await this.page.getByLabel(this.t('signIn.clientSecret')).press('Enter');
  }

  async signInAs(clientId: string, secret: string): Promise<void> {
    await this.signIn(clientId, secret);
    await this.findPanel().waitFor();
  }

  findPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('find.title') });
  }

  customerPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('customer.title'), exact: true });
  }

  customerCard(): Locator {
    return this.page.locator('article.customer-card');
  }

  async chooseTab(tab: 'lookup' | 'search' | 'licence'): Promise<void> {
    await this.page.getByRole('tab', { name: this.t(`find.tab.${tab}`) }).click();
  }

  async lookupBy(by: 'account_number' | 'vcc_number' | 'customer_id', value: string): Promise<void> {
    await this.chooseTab('lookup');
    await this.page.getByLabel(this.t('lookup.by'), { exact: true }).selectOption(by);
    const field = this.page.getByLabel(this.t(`lookup.by.${by}`), { exact: true });
    await field.fill(value);
    await field.press('Enter');
  }

  async lookupAccount(accountNumber: string): Promise<void> {
    await this.lookupBy('account_number', accountNumber);
    await this.customerCard().locator('dd', { hasText: accountNumber }).waitFor();
  }

  searchField(key: 'search.firstName' | 'search.lastName' | 'search.dob' | 'search.postalCode'): Locator {
    return this.page.getByLabel(this.t(key), { exact: true });
  }

  async searchByName(firstName: string, lastName: string, dob: string): Promise<void> {
    await this.chooseTab('search');
    await this.searchField('search.firstName').fill(firstName);
    await this.searchField('search.lastName').fill(lastName);
    await this.searchField('search.dob').fill(dob);
    await this.page.getByRole('button', { name: this.t('search.submit'), exact: true }).click();
  }

  resultList(): Locator {
    return this.page.getByRole('list', { name: this.t('search.results') });
  }

  verifyPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('verify.title') });
  }

  plansPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('plans.title') });
  }

  /** In place of verify, plans and the sale when the account cannot buy. */
  noSalePanel(): Locator {
    return this.page.getByRole('region', { name: this.t('noSale.title') });
  }

  closePanel(): Locator {
    return this.page.getByRole('region', { name: this.t('close.title') });
  }

  refusal(code: string): Locator {
    return this.page.locator(`.refusal[data-code="${code}"]`);
  }

  async verifyWith(format: 'sms' | 'email' | 'security_question' | 'regular_purchase_bypass' | 'merchant_override', answer?: string): Promise<void> {
    const panel = this.verifyPanel();
    await panel.getByRole('radio', { name: this.t(`verify.format.${format}`) }).check();
    if (answer !== undefined) await panel.getByLabel(this.t('verify.answer')).fill(answer);
    await panel.getByRole('button', { name: this.t('verify.submit'), exact: true }).click();
  }

  tillPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('till.title') });
  }

  checkoutPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('checkout.title') });
  }

  pastSalesPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('sales.title') });
  }

  /** One past sale's card, by its authorization id. */
  saleCard(authorizationId: string): Locator {
    return this.pastSalesPanel().getByRole('article', { name: this.t('sales.sale', { id: authorizationId }), exact: true });
  }

  async setTill(locationId: string, employeeId: string): Promise<void> {
    await this.tillPanel().getByLabel(this.t('till.location')).fill(locationId);
    await this.tillPanel().getByLabel(this.t('till.employee')).fill(employeeId);
  }

  async showPlans(amount: string): Promise<void> {
    const field = this.plansPanel().getByLabel(this.t('plans.amount'));
    await field.fill(amount);
    const answered = this.page.waitForResponse((response) => response.url().includes('/calculate-interest'));
    await field.press('Enter');
    await answered;
  }

  choosePlanButton(planId: number, term: number): Locator {
    return this.plansPanel().getByRole('button', { name: this.t('plans.chooseTerm', { id: planId, term }) });
  }

  /** Verifies by security question and returns the request_id the console sent with it. */
  async verifyBySecurityQuestion(answer: string): Promise<string> {
    const sent = this.page.waitForRequest((request) => request.url().includes('/verify') && request.method() === 'POST');
    await this.verifyWith('security_question', answer);
    const body = (await sent).postDataJSON() as { request_id?: string };
    await this.verifyPanel().locator('.outcome-pin .pin').waitFor();
    assert.ok(body.request_id, 'an in-store till sends a request_id with verify');
    return body.request_id;
  }

  authorizeButton(): Locator {
    return this.checkoutPanel().getByRole('button', { name: this.t('checkout.submit') });
  }

  /** Authorizes the sale as the form stands; returns the request sent and the service's answer. */
  async authorize(captureNow: boolean): Promise<{ request: Request; authorization: Authorization }> {
    const panel = this.checkoutPanel();
    await panel.getByRole('radio', { name: this.t(captureNow ? 'checkout.captureNow' : 'checkout.captureLater') }).check();
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/authorization') && response.request().method() === 'POST');
    await this.authorizeButton().click();
    const response = await answered;
    assert.equal(response.status(), 200, `the purchase was accepted: ${await response.text()}`);
    await panel.locator('article.receipt').waitFor();
    return { request: response.request(), authorization: (await response.json()) as Authorization };
  }

  /** A whole sale on a plan: plans for the amount, the plan picked, the customer verified, the purchase authorized. */
  async sellOnPlan(sale: { amount: string; planId: number; term: number; captureNow: boolean; answer: string }): Promise<Authorization> {
    const another = this.checkoutPanel().getByRole('button', { name: this.t('checkout.newSale') });
    if (await another.count()) await another.click();
    await this.showPlans(sale.amount);
    await this.choosePlanButton(sale.planId, sale.term).click();
    await this.verifyBySecurityQuestion(sale.answer);
    await this.authorizeButton().waitFor();
    return (await this.authorize(sale.captureNow)).authorization;
  }

  /** Tokens live in memory only: nothing in web storage or cookies. */
  async assertNothingStored(): Promise<void> {
    const stored = await this.page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
    assert.deepEqual(stored, { local: 0, session: 0, cookies: '' });
  }

  async close(): Promise<void> {
    const foreign = [...this.browser.foreignRequests];
    await this.browser.close();
    assert.deepEqual(foreign, [], 'the console fetched nothing outside the service (no CDN)');
  }
}
