// Every plan and term as a card (monthly payment, term, fees, APR), the texts the merchant must show, and the regular
// purchase; each can be chosen for the sale.
import type { FeeLine, InterestAnswer, PromotionalPlan, TermQuote } from '../api/contract.ts';
import { planDisplayTexts } from '../domain/display-texts.ts';
import { isSameChoice, type PlanChoice } from '../domain/plan-choice.ts';
import { totalOfPayments } from '../domain/plan-figures.ts';
import { formatMoney, formatRate } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { MustShow } from './MustShow.tsx';

function FeeAmounts({ fees }: { fees: FeeLine[] }) {
  const { t, lang } = useLanguage();
  if (fees.length === 0) return <p class="muted">{t('plans.noFees')}</p>;
  return (
    <>
      {fees.map((fee, index) => (
        <p key={index} class="term-fee">
          {t('plans.feeLine', { amount: formatMoney(lang, fee.amount) })}
        </p>
      ))}
    </>
  );
}

/** The button that picks a financing for the sale; it stays pressed on the one picked. */
function ChooseButton({ choice, chosen, onChoose, label }: { choice: PlanChoice; chosen?: PlanChoice; onChoose: (choice: PlanChoice) => void; label: string }) {
  const { t } = useLanguage();
  const pressed = isSameChoice(choice, chosen);
  return (
    <button
      type="button"
      class={pressed ? 'button-primary choose' : 'button-secondary choose'}
      aria-pressed={pressed}
      aria-label={label}
      onClick={() => onChoose(choice)}
    >
      {pressed ? t('plans.chosen') : t('plans.choose')}
    </button>
  );
}

interface Choosing {
  chosen?: PlanChoice;
  onChoose: (choice: PlanChoice) => void;
}

function TermCard({
  plan,
  term,
  deferred,
  amount,
  chosen,
  onChoose,
}: { plan: PromotionalPlan; term: TermQuote; deferred: boolean; amount: number } & Choosing) {
  const { t, lang } = useLanguage();
  const total = totalOfPayments(term, deferred);
  const choice: PlanChoice = { kind: 'promotional', amount, planId: plan.plan_id, planName: plan.plan_name, quote: term, deferred };
  return (
    <li class={isSameChoice(choice, chosen) ? 'term-card term-card-chosen' : 'term-card'}>
      <h4>{t('plans.term', { term: term.term })}</h4>
      <p class="term-monthly">
        <span class="label">{deferred ? t('plans.deferredPayment') : t('plans.monthly')}</span>
        <strong>{formatMoney(lang, term.term_amount)}</strong>
      </p>
      <p class="term-total">{t('plans.totalLine', { amount: formatMoney(lang, total) })}</p>
      {term.annual_rates && <p class="term-apr">{t('plans.aprLine', { rate: formatRate(lang, term.annual_rates.rate) })}</p>}
      <FeeAmounts fees={term.fees ?? []} />
      <ChooseButton choice={choice} chosen={chosen} onChoose={onChoose} label={t('plans.chooseTerm', { id: plan.plan_id, term: term.term })} />
    </li>
  );
}

function PlanSection({ plan, deferred, amount, chosen, onChoose }: { plan: PromotionalPlan; deferred: boolean; amount: number } & Choosing) {
  const { t } = useLanguage();
  return (
    <section class="plan" aria-label={plan.plan_name}>
      <h3>
        <span class="plan-id">{t('plans.plan', { id: plan.plan_id })}</span> {plan.plan_name}
      </h3>
      <ul class="term-cards">
        {(plan.terms ?? []).map((term) => (
          <TermCard key={term.term} plan={plan} term={term} deferred={deferred} amount={amount} chosen={chosen} onChoose={onChoose} />
        ))}
      </ul>
      <MustShow texts={planDisplayTexts(plan)} />
    </section>
  );
}

export function PlanQuotes({ answer, deferredIds, chosen, onChoose }: { answer: InterestAnswer; deferredIds: Set<number> } & Choosing) {
  const { t, lang } = useLanguage();
  const available = Number(answer.customer?.available_credit);
  const amount = Number(answer.amount);
  const regular = answer.regular_purchase;
  const plans = answer.promotional_purchase ?? [];
  return (
    <div class="plan-quotes">
      <p class="notice">
        {t('plans.summary', { amount: formatMoney(lang, amount) })}
        {Number.isFinite(available) && amount > available && (
          <strong class="problem"> {t('plans.overCredit', { available: formatMoney(lang, available) })}</strong>
        )}
      </p>
      {regular && (
        <div class={isSameChoice({ kind: 'regular', amount, quote: regular }, chosen) ? 'regular-purchase term-card-chosen' : 'regular-purchase'}>
          <h3>{t('plans.regular')}</h3>
          <p>
            <strong>{formatMoney(lang, regular.term_amount)}</strong> · {t('plans.regularInfo', { rate: formatRate(lang, regular.air) })}
          </p>
          <p>{t('plans.verifyNeeded', { answer: regular.verify ? t('yes') : t('no') })}</p>
          {(regular.fees ?? []).length > 0 && (
            <>
              <FeeAmounts fees={regular.fees} />
              <MustShow texts={regular.fees.map(({ description, message }) => ({ description, message }))} />
            </>
          )}
          <ChooseButton choice={{ kind: 'regular', amount, quote: regular }} chosen={chosen} onChoose={onChoose} label={t('plans.chooseRegular')} />
        </div>
      )}
      {plans.length === 0 && <p class="muted">{t('plans.noPromotional')}</p>}
      {plans.map((plan) => (
        <PlanSection key={plan.plan_id} plan={plan} deferred={deferredIds.has(plan.plan_id)} amount={amount} chosen={chosen} onChoose={onChoose} />
      ))}
    </div>
  );
}
