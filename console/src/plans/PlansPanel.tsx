// Payment plans for a purchase amount: calculate-interest in the UI language, asked again when the language changes;
// the associate picks the customer's financing here for the sale.
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import type { InterestAnswer } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { CustomerProfile } from '../customer/customer-profile.ts';
import type { PlanChoice } from '../domain/plan-choice.ts';
import { deferredPlanIds } from '../domain/plan-figures.ts';
import { parsePurchaseAmount } from '../domain/purchase-amount.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useRequest } from '../ui/use-request.ts';
import { PlanChart } from './PlanChart.tsx';
import { PlanQuotes } from './PlanQuotes.tsx';

export interface PlansPanelProps {
  api: PosApi;
  profile: CustomerProfile;
  chosen?: PlanChoice;
  /** Undefined when a new amount is asked: a pick made for another amount no longer stands. */
  onChoose: (choice: PlanChoice | undefined) => void;
}

export function PlansPanel({ api, profile, chosen, onChoose }: PlansPanelProps) {
  const { t, lang } = useLanguage();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState<number>();
  /** The amount whose plans were taken off the screen when an amount that cannot be right was entered. */
  const [cleared, setCleared] = useState<number>();
  const quote = useRequest<InterestAnswer>();
  const headingId = useId();
  const deferredIds = useMemo(() => deferredPlanIds(profile.byLang.en.offer_types), [profile]);

  // The texts the merchant must display come in the asked language, so a language switch asks again.
  useEffect(() => {
    if (asked !== undefined) void quote.run(() => api.calculateInterest(profile.accountNumber, asked, lang));
  }, [asked, lang]);

  const submit = (event: Event) => {
    event.preventDefault();
    const amount = parsePurchaseAmount(typed);
    if (amount === undefined) {
      setError(typed.trim() ? t('plans.amountInvalid') : t('form.required'));
      // Plans left on screen would read as the plans of the amount now in the field: they go, and so does a pick made
      // among them, and the notice says which amount they were for.
      if (quote.result) setCleared(Number(quote.result.amount));
      quote.reset();
      setAsked(undefined);
      if (chosen) onChoose(undefined);
      return;
    }
    setError(undefined);
    setCleared(undefined);
    if (chosen && chosen.amount !== amount) onChoose(undefined);
    if (amount === asked) void quote.run(() => api.calculateInterest(profile.accountNumber, amount, lang));
    else setAsked(amount);
  };

  return (
    <section class="panel plans" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('plans.title')}</h2>
      <form class="amount-form" onSubmit={submit} noValidate>
        <TextField
          name="amount"
          label={t('plans.amount')}
          value={typed}
          onValue={setTyped}
          error={error}
          inputMode="decimal"
          autocomplete="off"
          maxLength={15}
        />
        <button type="submit" class="button-primary" disabled={quote.busy}>
          {quote.busy ? t('form.busy') : t('plans.submit')}
        </button>
      </form>
      <LiveRegion>
        {quote.failure && <Refusal failure={quote.failure} />}
        {cleared !== undefined && <p class="notice plans-cleared">{t('plans.cleared', { amount: formatMoney(lang, cleared) })}</p>}
      </LiveRegion>
      {quote.result && !quote.failure && (
        <>
          <PlanQuotes answer={quote.result} deferredIds={deferredIds} chosen={chosen} onChoose={onChoose} />
          <PlanChart plans={quote.result.promotional_purchase ?? []} deferredIds={deferredIds} />
        </>
      )}
    </section>
  );
}
