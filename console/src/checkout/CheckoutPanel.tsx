// Completing the sale once the financing is picked and the customer verified: the PIN, capture now or later, an
// optional order number, then the purchase and its receipt.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PosApi } from '../api/pos-api.ts';
import type { CustomerProfile } from '../customer/customer-profile.ts';
import type { PlanChoice } from '../domain/plan-choice.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { isTillReady, type TillSettings } from '../till/till-settings.ts';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useRequest } from '../ui/use-request.ts';
import type { Verification } from '../verify/verification.ts';
import { authorizeRequest, checkoutProblems } from './checkout-request.ts';
import { Receipt, type Sale } from './Receipt.tsx';

export interface CheckoutPanelProps {
  api: PosApi;
  profile: CustomerProfile;
  inStore: boolean;
  choice?: PlanChoice;
  verification?: Verification;
  till: TillSettings;
  /** The till's store or cashier is missing or wrong: the till panel is to show why. */
  onTillIncomplete: () => void;
  /** The purchase went through: its PIN is spent and the account's credit changed. */
  onSold: (sale: Sale) => void;
}

function ChoiceSummary({ choice }: { choice: PlanChoice }) {
  const { t, lang } = useLanguage();
  const amount = formatMoney(lang, choice.amount);
  if (choice.kind === 'regular') return <>{t('checkout.regularLine', { amount })}</>;
  return <>{t('checkout.planLine', { amount, id: choice.planId, term: choice.quote.term, payment: formatMoney(lang, choice.quote.term_amount) })}</>;
}

export function CheckoutPanel({ api, profile, inStore, choice, verification, till, onTillIncomplete, onSold }: CheckoutPanelProps) {
  const { t } = useLanguage();
  const [pin, setPin] = useState(verification?.pin ?? '');
  const [autoCapture, setAutoCapture] = useState(true);
  const [reference, setReference] = useState('');
  const [touched, setTouched] = useState(false);
  const [tillBlocked, setTillBlocked] = useState(false);
  const purchase = useRequest<Sale>();
  const receiptHeading = useRef<HTMLHeadingElement>(null);

  // A new verification brings a new PIN: the one it showed is filled in, the one sent to the customer is typed.
  useEffect(() => {
    setPin(verification?.pin ?? '');
    setTouched(false);
  }, [verification]);

  useEffect(() => {
    if (purchase.result) receiptHeading.current?.focus();
  }, [purchase.result]);

  const entries = { pin, autoCapture, reference };
  const problems = checkoutProblems(entries);
  const pinOnlyForRegular = verification?.regularOnly === true && choice?.kind === 'promotional';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!choice || !verification) return;
    setTouched(true);
    if (problems.pin || problems.reference) return;
    const ready = isTillReady(till, inStore);
    setTillBlocked(!ready);
    if (!ready) return onTillIncomplete();
    const employeeId = till.employeeId.trim() || undefined;
    const sale = await purchase.run(async () => ({
      authorization: await api.authorize(authorizeRequest(choice, verification, entries, till)),
      choice,
      employeeId,
    }));
    if (sale) {
      setReference('');
      onSold(sale);
    }
  };

  const sale = purchase.result;
  return (
    <section class="panel checkout" aria-labelledby="checkout-title">
      <h2 id="checkout-title">{t('checkout.title')}</h2>
      {sale ? (
        <>
          <Receipt sale={sale} profile={profile} headingRef={receiptHeading} />
          <button type="button" class="button-secondary new-sale" onClick={() => purchase.reset()}>
            {t('checkout.newSale')}
          </button>
        </>
      ) : (
        <>
          <ul class="checklist">
            <li class={choice ? 'check-done' : 'check-todo'}>
              <span class="label">{t('checkout.financing')}</span> {choice ? <ChoiceSummary choice={choice} /> : t('checkout.needPlan')}
            </li>
            <li class={verification ? 'check-done' : 'check-todo'}>
              <span class="label">{t('checkout.verification')}</span>{' '}
              {verification
                ? verification.requestId
                  ? t('checkout.verifiedWithId', { format: t(`verify.format.${verification.format}`), requestId: verification.requestId })
                  : t('checkout.verified', { format: t(`verify.format.${verification.format}`) })
                : t('checkout.needVerify')}
            </li>
          </ul>
          {pinOnlyForRegular && <p class="problem">{t('checkout.pinRegularOnly')}</p>}
          {choice && verification && !pinOnlyForRegular && (
            <form class="checkout-form" onSubmit={submit} noValidate>
              <div class="field-row">
                <TextField
                  name="verification_code"
                  label={t('checkout.pin')}
                  value={pin}
                  onValue={setPin}
                  hint={verification.pin ? t('checkout.pinFilled') : t('checkout.pinAsk')}
                  error={touched && problems.pin ? t(problems.pin) : undefined}
                  inputMode="numeric"
                  autocomplete="off"
                  maxLength={8}
                />
                <TextField
                  name="reference"
                  label={t('checkout.reference')}
                  value={reference}
                  onValue={setReference}
                  error={touched && problems.reference ? t(problems.reference) : undefined}
                  autocomplete="off"
                  spellcheck={false}
                  maxLength={40}
                />
              </div>
              <fieldset class="format-choice">
                <legend>{t('checkout.capture')}</legend>
                <label class="choice">
                  <input type="radio" name="auto_capture" value="true" checked={autoCapture} onChange={() => setAutoCapture(true)} />
                  <span>{t('checkout.captureNow')}</span>
                </label>
                <label class="choice">
                  <input type="radio" name="auto_capture" value="false" checked={!autoCapture} onChange={() => setAutoCapture(false)} />
                  <span>{t('checkout.captureLater')}</span>
                </label>
              </fieldset>
              <button type="submit" class="button-primary" disabled={purchase.busy}>
                {purchase.busy ? t('form.busy') : t('checkout.submit')}
              </button>
            </form>
          )}
        </>
      )}
      <LiveRegion>
        {tillBlocked && !sale && !isTillReady(till, inStore) && <p class="problem">{t('till.incomplete')}</p>}
        {purchase.failure && <Refusal failure={purchase.failure} />}
      </LiveRegion>
    </section>
  );
}
