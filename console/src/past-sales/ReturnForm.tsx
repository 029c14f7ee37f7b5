// Returning goods of a promotional purchase against one capture, in part or whole, after the associate confirms.
import { useRef, useState } from 'preact/hooks';
import type { Capture, ReturnAnswer } from '../api/contract.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { tillIds } from '../till/till-settings.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useRequest } from '../ui/use-request.ts';
import { leftOf, readOptionalAmount } from './optional-amount.ts';
import { tillReadyFor, type SaleDesk } from './sale-desk.ts';

export interface ReturnFormProps {
  desk: SaleDesk;
  authorizationId: string;
  capture: Capture;
  onDone: (message: string) => void;
}

export function ReturnForm({ desk, authorizationId, capture, onDone }: ReturnFormProps) {
  const { t, lang } = useLanguage();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  /** The amount the dialog asks about; undefined amount inside: the whole rest of the capture. */
  const [confirming, setConfirming] = useState<{ amount?: number }>();
  const giveBack = useRequest<ReturnAnswer>();
  const returnButton = useRef<HTMLButtonElement>(null);
  const returnable = leftOf(capture.amount, capture.returned_amount);
  const money = (amount: number) => formatMoney(lang, amount);

  const ask = () => {
    const read = readOptionalAmount(typed, returnable);
    if (!read.ok) return setError(t(read.problem, { amount: money(returnable) }));
    setError(undefined);
    if (tillReadyFor(desk)) setConfirming({ amount: read.amount });
  };

  const confirm = async () => {
    const amount = confirming?.amount;
    setConfirming(undefined);
    const request = amount === undefined ? { full_return: true } : { full_return: false, amount };
    const answer = await giveBack.run(() => desk.api.returnCapture(authorizationId, capture.capture_id, { ...request, ...tillIds(desk.till) }));
    if (!answer) return;
    setTyped('');
    desk.onChanged(answer.available_credit);
    onDone(
      t('sales.returnedDone', {
        amount: money(answer.amount),
        id: answer.return_id,
        remaining: money(answer.remaining_capture_amount),
        available: money(answer.available_credit),
      }),
    );
  };

  return (
    <div class="give-back">
      <div class="settle-row">
        <TextField
          name="return_amount"
          label={t('sales.returnAmount')}
          value={typed}
          onValue={setTyped}
          hint={t('sales.returnHint', { amount: money(returnable) })}
          error={error}
          inputMode="decimal"
          autocomplete="off"
          maxLength={15}
        />
        <div class="settle-buttons">
          <button type="button" ref={returnButton} class="button-secondary" disabled={giveBack.busy} onClick={ask}>
            {t('sales.return')}
          </button>
        </div>
      </div>
      <LiveRegion>{giveBack.failure && <Refusal failure={giveBack.failure} />}</LiveRegion>
      <ConfirmDialog
        open={confirming !== undefined}
        title={t('sales.returnTitle', { amount: money(confirming?.amount ?? returnable), id: capture.capture_id })}
        confirmLabel={t('sales.returnConfirm')}
        cancelLabel={t('sales.keep')}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setConfirming(undefined);
          returnButton.current?.focus();
        }}
      >
        <p>{t('sales.returnText')}</p>
      </ConfirmDialog>
    </div>
  );
}
