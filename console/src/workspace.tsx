// The till's one screen once signed in: finding a customer and the till's settings on one side, the customer and what
// to do for them on the other (verify, plans, the sale and its receipt, past sales, closing).
import { useRef, useState } from 'preact/hooks';
import type { LookupBy } from './api/contract.ts';
import type { PosApi } from './api/pos-api.ts';
import { CheckoutPanel } from './checkout/CheckoutPanel.tsx';
import type { Sale } from './checkout/Receipt.tsx';
import { CloseAccountPanel } from './close/CloseAccountPanel.tsx';
import { CustomerCard } from './customer/CustomerCard.tsx';
import { loadCustomerProfile, type CustomerProfile } from './customer/customer-profile.ts';
import { NoSalePanel } from './customer/NoSalePanel.tsx';
import { canBuy, statusOf } from './domain/account-standing.ts';
import type { AccountStatus } from './domain/account-status.ts';
import type { PlanChoice } from './domain/plan-choice.ts';
import { FindCustomer } from './find/FindCustomer.tsx';
import { useLanguage } from './i18n/language-context.tsx';
import { PastSalesPanel } from './past-sales/PastSalesPanel.tsx';
import { PlansPanel } from './plans/PlansPanel.tsx';
import type { Session } from './session/session.ts';
import { TillPanel } from './till/TillPanel.tsx';
import { EMPTY_TILL, type TillSettings } from './till/till-settings.ts';
import { LiveRegion } from './ui/LiveRegion.tsx';
import { Refusal } from './ui/Refusal.tsx';
import { useRequest } from './ui/use-request.ts';
import { VerifyPanel } from './verify/VerifyPanel.tsx';
import type { Verification } from './verify/verification.ts';

/** Something known about one account; it stops applying as soon as another customer is opened. */
interface ForAccount<T> {
  accountNumber: number;
  value: T;
}

function ofAccount<T>(held: ForAccount<T> | undefined, accountNumber: number | undefined): T | undefined {
  return held && held.accountNumber === accountNumber ? held.value : undefined;
}

export function Workspace({ api, session }: { api: PosApi; session: Session }) {
  const { t, lang } = useLanguage();
  const customer = useRequest<CustomerProfile>();
  const [statusOverride, setStatusOverride] = useState<{ accountNumber: number; status: AccountStatus }>();
  const [creditNow, setCreditNow] = useState<ForAccount<number>>();
  const [verification, setVerification] = useState<ForAccount<Verification>>();
  const [choice, setChoice] = useState<ForAccount<PlanChoice | undefined>>();
  const [till, setTill] = useState<TillSettings>(EMPTY_TILL);
  const [tillAttention, setTillAttention] = useState(0);
  /** Sales made on this screen: each one refreshes the past sales and starts the next verification afresh. */
  const [salesMade, setSalesMade] = useState(0);
  const customerHeading = useRef<HTMLHeadingElement>(null);

  const openCustomer = async (by: LookupBy, value: string, status?: AccountStatus) => {
    const profile = await customer.run(() => loadCustomerProfile(api, by, value, status));
    if (profile) {
      // A fresh lookup knows the credit now; a figure kept from an earlier sale no longer does.
      setCreditNow(undefined);
      // Keyboard and screen-reader users land on the customer they just opened.
      customerHeading.current?.focus();
    }
  };

  const profile = customer.result;
  // A close made on this screen is newer than what was known when the customer was opened.
  const standing =
    profile && statusOverride?.accountNumber === profile.accountNumber ? { kind: 'status' as const, status: statusOverride.status } : profile?.standing;
  const accountNumber = profile?.accountNumber;
  const onTillIncomplete = () => setTillAttention((n) => n + 1);

  const onSold = (sale: Sale) => {
    const account = sale.authorization.account_number;
    setCreditNow({ accountNumber: account, value: sale.authorization.available_credit });
    // The PIN is spent and the financing used: the next sale picks and verifies again, with a new till transaction id.
    setVerification(undefined);
    setChoice(undefined);
    setSalesMade((n) => n + 1);
  };

  return (
    <div class="workspace">
      <div class="find-column">
        <FindCustomer api={api} onOpen={openCustomer} onSearchStarted={() => customer.failure && customer.reset()} />
        <TillPanel till={till} onChange={setTill} inStore={session.isInStore} attention={tillAttention} />
      </div>
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
          {profile ? (
            <CustomerCard profile={profile} standing={standing ?? profile.standing} available={ofAccount(creditNow, accountNumber)} />
          ) : (
            !customer.busy && <p class="empty">{t('customer.none')}</p>
          )}
        </section>
        {profile && standing && canBuy(standing) === false && <NoSalePanel standing={standing} />}
        {profile && standing && canBuy(standing) !== false && (
          <>
            <VerifyPanel
              key={`verify-${profile.accountNumber}-${salesMade}`}
              api={api}
              profile={profile}
              inStore={session.isInStore}
              onVerified={(value) => setVerification({ accountNumber: value.accountNumber, value })}
            />
            <PlansPanel
              key={`plans-${profile.accountNumber}`}
              api={api}
              profile={profile}
              chosen={ofAccount(choice, accountNumber)}
              onChoose={(value) => setChoice({ accountNumber: profile.accountNumber, value })}
            />
            <CheckoutPanel
              key={`checkout-${profile.accountNumber}`}
              api={api}
              profile={profile}
              inStore={session.isInStore}
              choice={ofAccount(choice, accountNumber)}
              verification={ofAccount(verification, accountNumber)}
              till={till}
              onTillIncomplete={onTillIncomplete}
              onSold={onSold}
            />
          </>
        )}
        {profile && (
          <>
            <PastSalesPanel
              key={`sales-${profile.accountNumber}`}
              api={api}
              profile={profile}
              till={till}
              inStore={session.isInStore}
              refreshKey={salesMade}
              onTillIncomplete={onTillIncomplete}
              onCreditChanged={(value) => setCreditNow({ accountNumber: profile.accountNumber, value })}
            />
            {profile.byLang.en.province === 'QC' && (
              <CloseAccountPanel
                key={`close-${profile.accountNumber}`}
                api={api}
                profile={profile}
                status={standing && statusOf(standing)}
                onClosed={(closed) => setStatusOverride({ accountNumber: profile.accountNumber, status: closed })}
              />
            )}
          </>
        )}
      </div>
    </div>
  );
}
