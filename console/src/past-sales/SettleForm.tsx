// Capturing or releasing what is left of an open sale, in part or whole; a release asks first, as it cannot be undone.
import { useRef, useState } from 'preact/hooks';
import type { Authorization } from '../api/contract.ts';
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

export interface SettleFormProps {
  desk: SaleDesk;
  sale: Authorization;
  /** Says what was done, in words for the sale's card. */
  onDone: (message: string) => void;
}

export function SettleForm({ desk, sale, onDone }: SettleFormProps) {
  const { t, lang } = useLanguage();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [releasing, setReleasing] = useState<number>();
  const settle = useRequest<Authorization>();
  const releaseButton = useRef<HTMLButtonElement>(null);
  const remaining = sale.remaining_amount;
  const money = (amount: number) => formatMoney(lang, amount);

  /** The amount to act on (undefined: all that is left), or undefined with the field's error shown. */
  const checkedAmount = (): { amount?: number } | undefined => {
    const read = readOptionalAmount(typed, remaining);
    if (!read.ok) {
      setError(t(read.problem, { amount: money(remaining) }));
      return undefined;
    }
    setError(undefined);
    return tillReadyFor(desk) ? { amount: read.amount } : undefined;
  };

  const done = (answer: Authorization, message: string) => {
    setTyped('');
    desk.onChanged(answer.available_credit);
    onDone(message);
  };

  const capture = async () => {
    const checked = checkedAmount();
    if (!checked) return;
    const answer = await settle.run(() => desk.api.capture(sale.authorization_id, { amount: checked.amount, ...tillIds(desk.till) }));
    const captured = answer?.captures.at(-1)?.amount;
    if (answer && captured !== undefined) done(answer, t('sales.capturedDone', { amount: money(captured), available: money(answer.available_credit) }));
  };

  const askRelease = () => {
    const checked = checkedAmount();
    if (checked) setReleasing(checked.amount ?? remaining);
  };

  const release = async () => {
    const amount = releasing;
    setReleasing(undefined);
    if (amount === undefined) return;
    // The whole remainder is sent without an amount: that is the cancel of what was not captured.
    const answer = await settle.run(() =>
      desk.api.release(sale.authorization_id, { amount: amount === remaining ? undefined : amount, ...tillIds(desk.till) }),
    );
    if (answer)
      done(answer, t('sales.releasedDone', { amount: money(leftOf(answer.released_amount, sale.released_amount)), available: money(answer.available_credit) }));
  };

  return (
    <div class="settle">
      <div class="settle-row">
        <TextField
          name="settle_amount"
          label={t('sales.settleAmount')}
          value={typed}
          onValue={setTyped}
          hint={t('sales.settleHint', { amount: money(remaining) })}
          error={error}
          inputMode="decimal"
          autocomplete="off"
          maxLength={15}
        />
        <div class="settle-buttons">
          <button type="button" class="button-primary" disabled={settle.busy} onClick={() => void capture()}>
            {t('sales.capture')}
          </button>
          <button type="button" ref={releaseButton} class="button-secondary" disabled={settle.busy} onClick={askRelease}>
            {t('sales.release')}
          </button>
        </div>
      </div>
      <LiveRegion>{settle.failure && <Refusal failure={settle.failure} />}</LiveRegion>
      <ConfirmDialog
        open={releasing !== undefined}
        title={t('sales.releaseTitle', { amount: money(releasing ?? remaining), id: sale.authorization_id })}
        confirmLabel={t('sales.releaseConfirm')}
        cancelLabel={t('sales.keep')}
        onConfirm={() => void release()}
        onCancel={() => {
          setReleasing(undefined);
          releaseButton.current?.focus();
        }}
      >
        <p>{t('sales.releaseText')}</p>
      </ConfirmDialog>
    </div>
  );
}
