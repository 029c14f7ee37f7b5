// The receipt of a purchase, in the UI language: what was bought on which financing, what the customer will pay each
// month and in all, the fees, the rate, whether it was charged or only held, and the credit left.
import type { ComponentChildren, Ref } from 'preact';
import type { Authorization } from '../api/contract.ts';
import type { CustomerProfile } from '../customer/customer-profile.ts';
import { displayTexts } from '../domain/display-texts.ts';
import type { PlanChoice } from '../domain/plan-choice.ts';
import { totalOfPayments } from '../domain/plan-figures.ts';
import { formatDateTime, formatMoney, formatRate } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { MustShow } from '../plans/MustShow.tsx';

/** A purchase as the till made it: the service's answer, and what the till knew that the answer does not repeat. */
export interface Sale {
  authorization: Authorization;
  /** The quote the financing came from: the answer has no fees. */
  choice: PlanChoice;
  employeeId?: string;
}

function Fact({ label, children, wide }: { label: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <div class={wide ? 'fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export interface ReceiptProps {
  sale: Sale;
  profile: CustomerProfile;
  /** The heading takes the focus when the receipt appears, so keyboard and screen-reader users land on it. */
  headingRef?: Ref<HTMLHeadingElement>;
}

export function Receipt({ sale, profile, headingRef }: ReceiptProps) {
  const { t, lang } = useLanguage();
  const { authorization: a, choice } = sale;
  const money = (amount: number) => formatMoney(lang, amount);
  const customer = profile.byLang[lang];
  const fees = choice.quote.fees ?? [];
  // The plan's name in the UI language: the lookup's offers come in both, the quote only in the language it was asked in.
  const planName =
    choice.kind === 'promotional' ? (customer.offer_types.find((offer) => Number(offer.plan_id) === choice.planId)?.plan_name ?? choice.planName) : '';
  const mustShow = displayTexts([a.annual_rates, ...fees]);
  return (
    <article class="receipt" aria-labelledby="receipt-title">
      <h3 id="receipt-title" ref={headingRef} tabIndex={-1}>
        {t('receipt.title', { id: a.authorization_id })}
      </h3>
      <p class={a.status === 'closed' ? 'outcome receipt-status' : 'outcome outcome-held receipt-status'}>
        {a.captured_amount > 0 ? t('receipt.captured', { amount: money(a.captured_amount) }) : t('receipt.held', { amount: money(a.remaining_amount) })}
      </p>
      <dl class="facts receipt-facts">
        <Fact label={t('receipt.date')}>{formatDateTime(lang, a.created_at)}</Fact>
        <Fact label={t('receipt.customer')}>
          {customer.first_name} {customer.last_name} · <span class="mono">{a.account_number}</span>
        </Fact>
        <Fact label={t('receipt.amount')}>{money(a.amount)}</Fact>
        {choice.kind === 'promotional' ? (
          <>
            <Fact label={t('receipt.financing')} wide>
              {t('plans.plan', { id: choice.planId })} · {planName}
            </Fact>
            <Fact label={t('receipt.term')}>{t('plans.term', { term: a.term ?? choice.quote.term })}</Fact>
            <Fact label={choice.deferred ? t('plans.deferredPayment') : t('plans.monthly')}>
              <strong class="receipt-payment">{money(a.term_amount)}</strong>
            </Fact>
            <Fact label={t('receipt.total')}>{money(totalOfPayments({ term: a.term ?? choice.quote.term, term_amount: a.term_amount }, choice.deferred))}</Fact>
            {a.annual_rates && <Fact label={t('receipt.apr')}>{formatRate(lang, a.annual_rates.rate)}</Fact>}
          </>
        ) : (
          <Fact label={t('receipt.financing')} wide>
            {t('plans.regular')} · {t('plans.regularInfo', { rate: formatRate(lang, choice.quote.air) })}
          </Fact>
        )}
        <Fact label={t('receipt.fees')}>
          {fees.length === 0 ? (
            t('plans.noFees')
          ) : (
            <ul class="receipt-fees">
              {fees.map((fee, index) => (
                <li key={index}>{t('plans.feeLine', { amount: money(fee.amount) })}</li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={t('receipt.available')}>
          <strong class="credit-amount">{money(a.available_credit)}</strong>
        </Fact>
        <Fact label={t('receipt.location')}>
          <span class="mono">{a.external_location_id ?? t('customer.none.value')}</span>
        </Fact>
        <Fact label={t('receipt.employee')}>
          <span class="mono">{sale.employeeId || t('customer.none.value')}</span>
        </Fact>
        {a.reference && (
          <Fact label={t('receipt.reference')}>
            <span class="mono">{a.reference}</span>
          </Fact>
        )}
      </dl>
      <MustShow texts={mustShow} />
    </article>
  );
}
