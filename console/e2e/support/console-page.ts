// The console as a test sees it: its screens and controls found by their labels, in either language.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
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
