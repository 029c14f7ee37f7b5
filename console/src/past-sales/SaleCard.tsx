// One past sale: what it was, where its money stands, and what may still be done with it (capture, release, return).
import { useId, useState } from 'preact/hooks';
import type { Authorization } from '../api/contract.ts';
import { formatDateTime, formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { leftOf } from './optional-amount.ts';
import { ReturnForm } from './ReturnForm.tsx';
import type { SaleDesk } from './sale-desk.ts';
import { SettleForm } from './SettleForm.tsx';

export function SaleCard({ desk, sale }: { desk: SaleDesk; sale: Authorization }) {
  const { t, lang } = useLanguage();
  const [notice, setNotice] = useState<string>();
  const headingId = useId();
  const money = (amount: number) => formatMoney(lang, amount);
  const promotional = sale.transaction_type === 'promotional_purchase';
  const financing =
    promotional && sale.plan_id !== undefined ? `${t('plans.plan', { id: sale.plan_id })} · ${t('plans.term', { term: sale.term ?? 0 })}` : t('plans.regular');

  return (
    <article class="sale-card" aria-labelledby={headingId}>
      <header class="sale-card-header">
        <h3 id={headingId}>{t('sales.sale', { id: sale.authorization_id })}</h3>
        <span class={`badge badge-${sale.status}`}>{t(`sales.status.${sale.status}`)}</span>
      </header>
      <p class="muted">
        {formatDateTime(lang, sale.created_at)} · {financing}
        {sale.external_location_id && <> · {t('sales.at', { location: sale.external_location_id })}</>}
        {sale.reference && <> · {t('sales.reference', { reference: sale.reference })}</>}
      </p>
      <dl class="facts sale-facts">
        <div>
          <dt>{t('sales.amount')}</dt>
          <dd>{money(sale.amount)}</dd>
        </div>
        <div>
          <dt>{t('sales.captured')}</dt>
          <dd>{money(sale.captured_amount)}</dd>
        </div>
        <div>
          <dt>{t('sales.released')}</dt>
          <dd>{money(sale.released_amount)}</dd>
        </div>
        <div>
          <dt>{t('sales.returned')}</dt>
          <dd>{money(sale.returned_amount)}</dd>
        </div>
        <div>
          <dt>{t('sales.remaining')}</dt>
          <dd class="sale-remaining">{money(sale.remaining_amount)}</dd>
        </div>
      </dl>
      <LiveRegion>{notice && <p class="outcome sale-notice">{notice}</p>}</LiveRegion>
      {sale.status === 'opened' && <SettleForm desk={desk} sale={sale} onDone={setNotice} />}
      {sale.captures.length > 0 && (
        <>
          <h4>{t('sales.captures')}</h4>
          <ul class="captures" aria-label={t('sales.capturesOf', { id: sale.authorization_id })}>
            {sale.captures.map((capture) => {
              const returnable = leftOf(capture.amount, capture.returned_amount);
              return (
                <li key={capture.capture_id} class="capture">
                  <p>
                    <strong>{t('sales.captureLine', { id: capture.capture_id, amount: money(capture.amount) })}</strong> · {formatDateTime(lang, capture.date)}
                    {capture.returned_amount > 0 && <> · {t('sales.captureReturned', { amount: money(capture.returned_amount) })}</>}
                  </p>
                  {/* Only a promotional purchase's capture is returned; a regular purchase is refunded, which the console does not do. */}
                  {promotional && returnable > 0 && <ReturnForm desk={desk} authorizationId={sale.authorization_id} capture={capture} onDone={setNotice} />}
                </li>
              );
            })}
          </ul>
          {!promotional && <p class="muted">{t('sales.regularNoReturn')}</p>}
        </>
      )}
    </article>
  );
}
