// Every plan and term as a card (monthly payment, term, fees, APR), the texts the merchant must show, and the regular purchase.
import type { FeeLine, InterestAnswer, PromotionalPlan, TermQuote } from '../api/contract.ts';
import { planDisplayTexts, type DisplayText } from '../domain/display-texts.ts';
import { totalOfPayments } from '../domain/plan-figures.ts';
import { formatMoney, formatRate } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';

function MustShow({ texts }: { texts: DisplayText[] }) {
  const { t } = useLanguage();
  if (texts.length === 0) return null;
  return (
    <div class="must-show">
      <p class="must-show-label">{t('plans.mustShow')}</p>
      {texts.map((text, index) => (
        <div key={index} class="must-show-text">
          {text.description && <p class="must-show-description">{text.description}</p>}
          {text.message && <p class="must-show-message">{text.message}</p>}
        </div>
      ))}
    </div>
  );
}

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

function TermCard({ term, deferred }: { term: TermQuote; deferred: boolean }) {
  const { t, lang } = useLanguage();
  const total = totalOfPayments(term, deferred);
  return (
    <li class="term-card">
      <h4>{t('plans.term', { term: term.term })}</h4>
      <p class="term-monthly">
        <span class="label">{deferred ? t('plans.deferredPayment') : t('plans.monthly')}</span>
        <strong>{formatMoney(lang, term.term_amount)}</strong>
      </p>
      <p class="term-total">{t('plans.totalLine', { amount: formatMoney(lang, total) })}</p>
      {term.annual_rates && <p class="term-apr">{t('plans.aprLine', { rate: formatRate(lang, term.annual_rates.rate) })}</p>}
      <FeeAmounts fees={term.fees ?? []} />
    </li>
  );
}

function PlanSection({ plan, deferred }: { plan: PromotionalPlan; deferred: boolean }) {
  const { t } = useLanguage();
  return (
    <section class="plan" aria-label={plan.plan_name}>
      <h3>
        <span class="plan-id">{t('plans.plan', { id: plan.plan_id })}</span> {plan.plan_name}
      </h3>
      <ul class="term-cards">
        {(plan.terms ?? []).map((term) => (
          <TermCard key={term.term} term={term} deferred={deferred} />
        ))}
      </ul>
      <MustShow texts={planDisplayTexts(plan)} />
    </section>
  );
}

export function PlanQuotes({ answer, deferredIds }: { answer: InterestAnswer; deferredIds: Set<number> }) {
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
        <div class="regular-purchase">
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
        </div>
      )}
      {plans.length === 0 && <p class="muted">{t('plans.noPromotional')}</p>}
      {plans.map((plan) => (
        <PlanSection key={plan.plan_id} plan={plan} deferred={deferredIds.has(plan.plan_id)} />
      ))}
    </div>
  );
}
