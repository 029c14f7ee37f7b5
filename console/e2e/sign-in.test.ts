// Sign-in: refusal of a wrong secret, the workspace after a right one, keyboard use, sign-out, token renewal, no storage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

for (const lang of LANGUAGES) {
  describe(`sign-in (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test('the sign-in screen asks for the client id and secret', async () => {
      const c = ui();
      await captureScreen(c.page, c.shot('01-sign-in'), [
        c.page.getByRole('heading', { name: c.t('signIn.title') }),
        c.page.getByLabel(c.t('signIn.clientId')),
        c.page.getByLabel(c.t('signIn.clientSecret')),
        c.page.getByRole('button', { name: c.t('signIn.submit') }),
        c.page.getByRole('group', { name: c.t('lang.switch') }),
      ]);
    });

    test('a wrong secret is refused in plain words, in both languages', async () => {
      const c = ui();
      await c.signIn('flexitidemo', 'not-the-secret');
      await c.refusal('invalid_client').waitFor();
      assert.match(await c.refusal('invalid_client').innerText(), /The client ID or secret is wrong/);
      assert.match(await c.refusal('invalid_client').innerText(), /L’identifiant ou le secret client est erroné/);
      await captureScreen(c.page, c.shot('02-sign-in-refused'), [c.refusal('invalid_client')]);
    });

    test('the keyboard alone signs in: Tab reaches the fields in order, with a visible focus, and Enter submits', async () => {
      const c = ui();
      const idField = c.page.getByLabel(c.t('signIn.clientId'));
      await idField.fill('');
      await idField.focus();
      const outline = await c.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      assert.notEqual(outline, 'none', 'the focused field shows its focus');
      await c.page.keyboard.type('flexitidemo');
      await c.page.keyboard.press('Tab');
      assert.equal(await c.page.evaluate(() => (document.activeElement as HTMLInputElement).name), 'client_secret');
      await c.page.keyboard.press('ControlOrMeta+a');
      await c.page.keyboard.type('demo-secret');
      await c.page.keyboard.press('Enter');
      await c.findPanel().waitFor();
      await c.page.getByText(c.t('session.signedInAs', { client: 'flexitidemo' })).waitFor();
      assert.equal(await c.page.evaluate(() => document.activeElement?.id), 'find-title', 'the keyboard continues from "Find a customer"');
      await c.page.keyboard.press('Tab');
      assert.equal(await c.page.evaluate(() => document.activeElement?.getAttribute('role')), 'tab', 'then the chosen tab');
      await c.assertNothingStored();
      await captureScreen(c.page, c.shot('03-workspace'), [c.findPanel(), c.customerPanel(), c.page.getByRole('button', { name: c.t('session.signOut') })]);
    });

    test('a token the service no longer accepts sends the associate back to sign-in', async () => {
      const c = ui();
      // The service answers this lookup as it answers an expired or revoked token.
      await c.page.route('**/customers/lookup?**', (route) =>
        route.fulfill({
          status: 401,
          contentType: 'application/json',
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
          body: JSON.stringify({ url: '/lookup', message: 'The access token has expired.', error: 'invalid_token' }),
        }),
      );
      await c.lookupBy('account_number', '20035156');
      await c.refusal('invalid_token').waitFor();
      await c.page.getByLabel(c.t('signIn.clientId')).waitFor();
      assert.match(await c.refusal('invalid_token').innerText(), new RegExp(c.t('refusal.invalid_token')));
      await c.page.unroute('**/customers/lookup?**');
      await c.signInAs('flexitidemo', 'demo-secret');
    });

    test('signing out goes back to the sign-in screen', async () => {
      const c = ui();
      await c.page.getByRole('button', { name: c.t('session.signOut') }).click();
      await c.page.getByText(c.t('session.signedOut')).waitFor();
      await c.page.getByLabel(c.t('signIn.clientId')).waitFor();
      await c.assertNothingStored();
    });
  });
}

describe('token renewal', SUITE_TIMEOUT, () => {
  // Tokens of 6 s: the console must renew them with the refresh token before they run out.
  const ui = useConsole('en', { serviceEnv: { TOKEN_TTL_SECONDS: '6' } });

  test('the session outlives its first token and keeps working', async () => {
    const c = ui();
    const grants: string[] = [];
    c.page.on('request', (request) => {
      if (request.url().endsWith('/oauth/token')) grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '');
    });
    await c.signInAs('flexitidemo', 'demo-secret');
    await c.page.waitForTimeout(9_000);
    await c.lookupAccount('20035156');
    assert.deepEqual(grants.slice(0, 2), ['client_credentials', 'refresh_token']);
    await c.assertNothingStored();
  });

  test('a reload forgets the session: the token was only in memory', async () => {
    const c = ui();
    await c.page.reload();
    await c.page.getByLabel(c.t('signIn.clientId')).waitFor();
  });
});
