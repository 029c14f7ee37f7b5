// The customer's past sales (the client's authorizations for this account, newest first), to capture, release or
// return; read again whenever a sale is made or changed.
import { useEffect, useId, useState } from 'preact/hooks';
import type { AuthorizationPage, AuthorizationStatus } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { CustomerProfile } from '../customer/customer-profile.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import type { TillSettings } from '../till/till-settings.ts';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { useRequest } from '../ui/use-request.ts';
import { SaleCard } from './SaleCard.tsx';

const PAGE_SIZE = 10;
const FILTERS = ['all', 'opened', 'closed'] as const;
type StatusFilter = (typeof FILTERS)[number];

export interface PastSalesPanelProps {
  api: PosApi;
  profile: CustomerProfile;
  till: TillSettings;
  inStore: boolean;
  /** Changes when a sale was made elsewhere on the screen: the list is read again. */
  refreshKey: number;
  onTillIncomplete: () => void;
  onCreditChanged: (availableCredit: number) => void;
}

export function PastSalesPanel({ api, profile, till, inStore, refreshKey, onTillIncomplete, onCreditChanged }: PastSalesPanelProps) {
  const { t } = useLanguage();
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [page, setPage] = useState(1);
  const [changes, setChanges] = useState(0);
  const list = useRequest<AuthorizationPage>();
  const headingId = useId();
  const filterId = useId();

  useEffect(() => {
    const status: AuthorizationStatus | undefined = filter === 'all' ? undefined : filter;
    void list.run(() =>
      api.listAuthorizations({
        account_number: String(profile.accountNumber),
        authorization_status: status,
        page_number: String(page),
        page_size: String(PAGE_SIZE),
      }),
    );
  }, [profile.accountNumber, filter, page, refreshKey, changes]);

  const desk = {
    api,
    till,
    inStore,
    onTillIncomplete,
    onChanged: (available: number) => {
      onCreditChanged(available);
      setChanges((n) => n + 1);
    },
  };

  const result = list.result;
  const items = result?.items ?? [];
  const first = result ? (result.page_number - 1) * result.page_size + 1 : 0;
  const last = result ? first + items.length - 1 : 0;

  return (
    <section class="panel past-sales" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sales.title')}</h2>
      <div class="sales-tools">
        <div class="field">
          <label for={filterId}>{t('sales.filter')}</label>
          <select
            id={filterId}
            name="authorization_status"
            value={filter}
            onChange={(event) => {
              setFilter(event.currentTarget.value as StatusFilter);
              setPage(1);
            }}
          >
            {FILTERS.map((option) => (
              <option key={option} value={option}>
                {t(`sales.filter.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="button-secondary" disabled={list.busy} onClick={() => setChanges((n) => n + 1)}>
          {t('sales.refresh')}
        </button>
      </div>
      <LiveRegion>
        {list.failure && <Refusal failure={list.failure} />}
        {result && !list.failure && (
          <p class="notice sales-count">{result.total === 0 ? t('sales.none') : t('sales.count', { first, last, total: result.total })}</p>
        )}
      </LiveRegion>
      {items.length > 0 && (
        <ul class="sales" aria-label={t('sales.list', { account: profile.accountNumber })}>
          {items.map((sale) => (
            <li key={sale.authorization_id}>
              <SaleCard desk={desk} sale={sale} />
            </li>
          ))}
        </ul>
      )}
      {result && result.total > PAGE_SIZE && (
        <div class="pager">
          <button type="button" class="button-secondary" disabled={list.busy || page <= 1} onClick={() => setPage(page - 1)}>
            {t('sales.previous')}
          </button>
          <button type="button" class="button-secondary" disabled={list.busy || last >= result.total} onClick={() => setPage(page + 1)}>
            {t('sales.next')}
          </button>
        </div>
      )}
    </section>
  );
}
