// Verifying a customer: the security question (right answer → PIN, wrong → refusal), and a refused merchant override.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captureScreen } from './support/screens.ts';
import { LANGUAGES, SUITE_TIMEOUT, useConsole } from './support/suite.ts';

for (const lang of LANGUAGES) {
  describe(`verify by security question (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test("the question is shown in the customer's language", async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount('116992907');
      const question = c.verifyPanel().getByLabel(c.t('verify.question'));
      assert.equal(await question.locator('option:checked').innerText(), 'What is your favourite movie?', 'an en-CA customer hears the English question');
      if (lang === 'fr') await c.verifyPanel().getByText('Quel est votre film préféré?', { exact: false }).waitFor();
      // In-store tills send the till's transaction id, generated and editable.
      const requestId = c.verifyPanel().getByLabel(c.t('verify.requestId'));
      assert.match(await requestId.inputValue(), /^\d{20}$/);
    });

    test('a wrong answer is refused in plain words', async () => {
      const c = ui();
      await c.verifyWith('security_question', 'Jaws');
      const refusal = c.refusal('secret_answer_mismatch');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), new RegExp(c.t('refusal.secret_answer_mismatch')));
      await captureScreen(c.page, c.shot('07-verify-refused'), [refusal, c.verifyPanel().getByRole('button', { name: c.t('verify.submit'), exact: true })]);
    });

    test('the right answer shows the PIN', async () => {
      const c = ui();
      await c.verifyWith('security_question', 'Tool');
      const pin = c.verifyPanel().locator('.outcome-pin .pin');
      await pin.waitFor();
      assert.match(await pin.innerText(), /^\d{4}$/);
      assert.equal(await c.refusal('secret_answer_mismatch').count(), 0, 'the earlier refusal is gone');
      assert.equal(await c.verifyPanel().getByLabel(c.t('verify.answer')).inputValue(), '', 'the answer does not stay on screen');
      assert.equal(await c.verifyPanel().getByText(c.t('form.required')).count(), 0, 'the emptied answer is not flagged');
      await captureScreen(c.page, c.shot('08-verify-pin'), [pin]);
    });

    test('an answer is required before asking the service', async () => {
      const c = ui();
      await c.verifyWith('security_question', '');
      await c.verifyPanel().getByText(c.t('form.required')).waitFor();
    });

    test('a PIN by text message says where it went', async () => {
      const c = ui();
      await c.verifyWith('sms');
      await c
        .verifyPanel()
        .getByText(c.t('verify.sentSms', { phone: '***-***-5119' }))
        .waitFor();
    });

    test('repeated wrong answers lock the question, and the refusal says to use another method', async () => {
      const c = ui();
      for (let attempt = 0; attempt < 6 && (await c.refusal('tries_exceed').count()) === 0; attempt++) {
        const answered = c.page.waitForResponse((response) => response.url().includes('/verify'));
        await c.verifyWith('security_question', `Wrong ${attempt}`);
        await answered;
        await c.verifyPanel().locator('.refusal').waitFor();
      }
      const refusal = c.refusal('tries_exceed');
      await refusal.waitFor();
      assert.ok((await refusal.innerText()).includes(c.t('refusal.tries_exceed')));
    });
  });

  describe(`too many verifications (${lang})`, SUITE_TIMEOUT, () => {
    // Two verifications per account per minute, so the third is refused with 429 and Retry-After.
    const ui = useConsole(lang, { serviceEnv: { VERIFY_RATE_PER_ACCOUNT: '2' } });

    test('the refusal says how long to wait', async () => {
      const c = ui();
      await c.signInAs('flexitidemo', 'demo-secret');
      await c.lookupAccount('20035156');
      for (let i = 0; i < 3; i++) {
        const answered = c.page.waitForResponse((response) => response.url().includes('/verify'));
        await c.verifyWith('sms');
        await answered;
      }
      const refusal = c.refusal('too_many_requests');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), new RegExp(c.t('refusal.retryAfter', { seconds: '\\d+' })));
      await captureScreen(c.page, c.shot('09b-verify-too-many'), [refusal]);
    });
  });

  describe(`a refused merchant override (${lang})`, SUITE_TIMEOUT, () => {
    const ui = useConsole(lang);

    test('an online client that may not override is told so in both languages', async () => {
      const c = ui();
      await c.signInAs('acmedemo', 'acme-secret');
      await c.lookupAccount('20035156');
      // acmedemo is an online client: no till transaction id to give.
      assert.equal(await c.verifyPanel().getByLabel(c.t('verify.requestId')).count(), 0);
      await c.verifyWith('merchant_override');
      const refusal = c.refusal('merchant_override_is_not_allowed');
      await refusal.waitFor();
      const text = await refusal.innerText();
      assert.match(text, /This store is not allowed to use merchant override/);
      assert.match(text, /Ce magasin n’est pas autorisé à utiliser la dérogation du marchand/);
      await captureScreen(c.page, c.shot('09-verify-override-refused'), [refusal]);
    });
  });
}
