// In place of verify, plans and the sale when the account cannot buy: says so in plain words, and why.
import { useId } from 'preact/hooks';
import type { Standing } from '../domain/account-standing.ts';
import { describeStatus } from '../domain/account-status.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import type { Translate } from '../i18n/translate.ts';

function explanation(t: Translate, standing: Standing): string {
  if (standing.kind !== 'status') return t('noSale.notOpen');
  const { code } = standing.status;
  // A code the console has no words for is quoted as sent, so the associate can tell the lender.
  const key = `noSale.${code}` as MessageKey;
  return code === 'F' || code === 'C' ? t(key) : t('noSale.other', { status: describeStatus(t, standing.status) });
}

export function NoSalePanel({ standing }: { standing: Standing }) {
  const { t } = useLanguage();
  const headingId = useId();
  return (
    <section class="panel no-sale" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('noSale.title')}</h2>
      <p class="no-sale-reason">{explanation(t, standing)}</p>
    </section>
  );
}
