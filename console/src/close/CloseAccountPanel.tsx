// Closing a Quebec account at the customer's request, only after the associate confirms in a dialog.
import { useId, useRef, useState } from 'preact/hooks';
import type { CloseAnswer } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { CustomerProfile } from '../customer/customer-profile.ts';
import type { AccountStatus } from '../domain/account-status.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { useRequest } from '../ui/use-request.ts';

export interface CloseAccountPanelProps {
  api: PosApi;
  profile: CustomerProfile;
  status?: AccountStatus;
  onClosed: (status: AccountStatus) => void;
}

export function CloseAccountPanel({ api, profile, status, onClosed }: CloseAccountPanelProps) {
  const { t, lang } = useLanguage();
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const close = useRequest<CloseAnswer>();
  const openButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const customer = profile.byLang[lang];
  const closed = status?.code === 'C';

  const confirm = async () => {
    setConfirming(false);
    setCancelled(false);
    const answer = await close.run(() => api.closeAccount(profile.accountNumber));
    if (answer) onClosed({ code: answer.account_status, reason: answer.account_status_reason_code });
  };

  const cancel = () => {
    setConfirming(false);
    setCancelled(true);
    // Focus goes back to where the dialog was opened from.
    openButton.current?.focus();
  };

  return (
    <section class="panel close-account" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('close.title')}</h2>
      <p>{t('close.intro')}</p>
      {closed ? (
        // Just closed here: the confirmation below says it already.
        !close.result && <p class="status-C">{t('close.alreadyClosed')}</p>
      ) : (
        <button
          type="button"
          ref={openButton}
          class="button-danger"
          disabled={close.busy}
          onClick={() => {
            setCancelled(false);
            setConfirming(true);
          }}
        >
          {t('close.open')}
        </button>
      )}
      <LiveRegion>
        {close.failure && <Refusal failure={close.failure} />}
        {close.result && <p class="outcome outcome-closed">{t('close.done', { account: close.result.account_number })}</p>}
        {cancelled && <p class="notice">{t('close.cancelled')}</p>}
      </LiveRegion>
      <ConfirmDialog
        open={confirming}
        title={t('close.confirmTitle', { account: profile.accountNumber })}
        confirmLabel={t('close.confirm')}
        cancelLabel={t('close.cancel')}
        onConfirm={() => void confirm()}
        onCancel={cancel}
      >
        <p>{t('close.confirmText', { name: `${customer.first_name} ${customer.last_name}` })}</p>
      </ConfirmDialog>
    </section>
  );
}
