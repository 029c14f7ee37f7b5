// The accounts a search found, each with its status and available credit, to pick one from.
import type { SearchItem } from '../api/contract.ts';
import { describeAccountType, describeStatus } from '../domain/account-status.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import type { RequestState } from '../ui/use-request.ts';

export function SearchResults({ state, onOpen }: { state: RequestState<SearchItem[]>; onOpen: (item: SearchItem) => void }) {
  const { t, lang } = useLanguage();
  const items = state.result;
  return (
    <div class="search-results">
      <LiveRegion>
        {state.busy && <p class="notice">{t('form.busy')}</p>}
        {state.failure && <Refusal failure={state.failure} />}
        {!state.busy && items && <p class="notice">{items.length === 0 ? t('search.none') : t('search.count', { count: items.length })}</p>}
      </LiveRegion>
      {items && items.length > 0 && (
        <ul class="result-list" aria-label={t('search.results')}>
          {items.map((item) => {
            const name = `${item.first_name} ${item.last_name}`;
            return (
              <li key={item.account_number} class="result">
                <div class="result-main">
                  <p class="result-name">
                    {name} · <span class="mono">{item.account_number}</span>
                  </p>
                  <p class="result-detail">
                    <span class={`badge badge-${item.account_status}`}>
                      {describeStatus(t, { code: item.account_status, reason: item.account_status_reason_code })}
                    </span>{' '}
                    {describeAccountType(t, item.customer_account_type)} · {t('search.available')} <strong>{formatMoney(lang, item.available_credit)}</strong>
                  </p>
                  <p class="result-detail muted">
                    {item.card_ending_in ? t('search.card', { last4: item.card_ending_in }) : t('search.noCard')} · {item.originating_merchant_name} ·{' '}
                    {t('search.since', { date: formatDate(lang, item.creation_date) })}
                  </p>
                </div>
                <button
                  type="button"
                  class="button-secondary"
                  aria-label={t('search.selectLabel', { account: item.account_number, name })}
                  onClick={() => onOpen(item)}
                >
                  {t('search.select')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
