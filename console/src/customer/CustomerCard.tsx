// The customer's card: who they are, how to reach them (masked), their account's standing and its offers.
import type { Standing } from '../domain/account-standing.ts';
import { describeAccountType, describeLanguage, describeStatus } from '../domain/account-status.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import type { CustomerProfile } from './customer-profile.ts';

export interface CustomerCardProps {
  profile: CustomerProfile;
  standing: Standing;
  /** The available credit after a sale, capture, release or return on this screen; lookup's figure until then. */
  available?: number;
}

/** The status row's class and words; none when nothing is known, rather than a row that only says so. */
function statusFact(t: Translate, standing: Standing): { className: string; words: string } | undefined {
  switch (standing.kind) {
    case 'status':
      return { className: `status-${standing.status.code}`, words: describeStatus(t, standing.status) };
    case 'open':
      return { className: 'status-N', words: t('status.N') };
    case 'notOpen':
      return { className: 'status-not-open', words: t('customer.statusNotOpen') };
    case 'unknown':
      return undefined;
  }
}

export function CustomerCard({ profile, standing, available }: CustomerCardProps) {
  const { t, lang } = useLanguage();
  const customer = profile.byLang[lang];
  const dash = t('customer.none.value');
  const status = statusFact(t, standing);
  const address = [customer.address_1, customer.address_2, `${customer.city} ${customer.province}  ${customer.postal_code}`.trim()].filter((line) =>
    line.trim(),
  );
  return (
    <article class="customer-card" aria-label={`${customer.first_name} ${customer.last_name}`}>
      <header class="customer-card-header">
        <p class="customer-name">
          {customer.first_name} {customer.last_name}
        </p>
        <p class="customer-credit">
          <span class="label">{t('customer.available')}</span>{' '}
          <strong class="credit-amount">{formatMoney(lang, available ?? customer.available_credit)}</strong>
        </p>
      </header>
      <dl class="facts">
        <div>
          <dt>{t('customer.account')}</dt>
          <dd class="mono">{customer.account_number}</dd>
        </div>
        {status && (
          <div>
            <dt>{t('customer.status')}</dt>
            <dd class={status.className}>{status.words}</dd>
          </div>
        )}
        <div>
          <dt>{t('customer.type')}</dt>
          <dd>{describeAccountType(t, customer.account_type)}</dd>
        </div>
        <div>
          <dt>{t('customer.customerId')}</dt>
          <dd class="mono">{customer.customer_id}</dd>
        </div>
        <div>
          <dt>{t('customer.card')}</dt>
          <dd class="mono">{customer.card_ending_in ? `•••• ${customer.card_ending_in}` : dash}</dd>
        </div>
        <div>
          <dt>{t('customer.language')}</dt>
          <dd>{describeLanguage(t, customer.preferred_language)}</dd>
        </div>
        <div class="fact-wide">
          <dt>{t('customer.email')}</dt>
          <dd class="mono">{customer.email || dash}</dd>
        </div>
        <div>
          <dt>{t('customer.phone')}</dt>
          <dd class="mono">{customer.phone_number || dash}</dd>
        </div>
        <div class="fact-wide">
          <dt>{t('customer.address')}</dt>
          <dd>
            {address.map((line) => (
              <span class="address-line" key={line}>
                {line}
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('customer.protection')}</dt>
          <dd>{customer.payment_protection ? t('yes') : t('no')}</dd>
        </div>
      </dl>
      <h3 class="offers-title">{t('customer.offers')}</h3>
      {customer.offer_types.length === 0 ? (
        <p class="muted">{t('customer.noOffers')}</p>
      ) : (
        <ul class="offers">
          {customer.offer_types.map((offer) => (
            <li key={offer.plan_id}>
              <span class="offer-name">{offer.plan_name}</span>
              <span class="offer-terms">{t('customer.terms', { terms: offer.term_options.join(', ') })}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
