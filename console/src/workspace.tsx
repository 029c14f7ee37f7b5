// The till's one screen once signed in: finding a customer on one side, the customer and what to do for them on the other.
import { useRef, useState } from 'preact/hooks';
import type { LookupBy } from './api/contract.ts';
import type { PosApi } from './api/pos-api.ts';
import { CloseAccountPanel } from './close/CloseAccountPanel.tsx';
import { CustomerCard } from './customer/CustomerCard.tsx';
import { loadCustomerProfile, type CustomerProfile } from './customer/customer-profile.ts';
import type { AccountStatus } from './domain/account-status.ts';
import { FindCustomer } from './find/FindCustomer.tsx';
import { useLanguage } from './i18n/language-context.tsx';
import { PlansPanel } from './plans/PlansPanel.tsx';
import type { Session } from './session/session.ts';
import { LiveRegion } from './ui/LiveRegion.tsx';
import { Refusal } from './ui/Refusal.tsx';
import { useRequest } from './ui/use-request.ts';
import { VerifyPanel } from './verify/VerifyPanel.tsx';

export function Workspace({ api, session }: { api: PosApi; session: Session }) {
  const { t, lang } = useLanguage();
  const customer = useRequest<CustomerProfile>();
  const [statusOverride, setStatusOverride] = useState<{ accountNumber: number; status: AccountStatus }>();
  const customerHeading = useRef<HTMLHeadingElement>(null);

  const openCustomer = async (by: LookupBy, value: string, status?: AccountStatus) => {
    const profile = await customer.run(() => loadCustomerProfile(api, by, value, status));
    // Keyboard and screen-reader users land on the customer they just opened.
    if (profile) customerHeading.current?.focus();
  };

  const profile = customer.result;
  const status = profile && statusOverride?.accountNumber === profile.accountNumber ? statusOverride.status : profile?.status;

  return (
    <div class="workspace">
      <FindCustomer api={api} onOpen={openCustomer} onSearchStarted={() => customer.failure && customer.reset()} />
      <div class="customer-column">
        <section class="panel" aria-labelledby="customer-title">
          <h2 id="customer-title" ref={customerHeading} tabIndex={-1}>
            {t('customer.title')}
          </h2>
          <LiveRegion>
            {customer.busy && <p class="notice">{t('customer.loading')}</p>}
            {customer.failure && <Refusal failure={customer.failure} />}
            {profile && !customer.busy && (
              <p class="sr-only">
                {t('customer.opened', { name: `${profile.byLang[lang].first_name} ${profile.byLang[lang].last_name}`, account: profile.accountNumber })}
              </p>
            )}
          </LiveRegion>
          {profile ? <CustomerCard profile={profile} status={status} /> : !customer.busy && <p class="empty">{t('customer.none')}</p>}
        </section>
        {profile && (
          <>
            <VerifyPanel key={`verify-${profile.accountNumber}`} api={api} profile={profile} inStore={session.isInStore} />
            <PlansPanel key={`plans-${profile.accountNumber}`} api={api} profile={profile} />
            {profile.byLang.en.province === 'QC' && (
              <CloseAccountPanel
                key={`close-${profile.accountNumber}`}
                api={api}
                profile={profile}
                status={status}
                onClosed={(closed) => setStatusOverride({ accountNumber: profile.accountNumber, status: closed })}
              />
            )}
          </>
        )}
      </div>
    </div>
  );
}
