// Lookup by card number, account number or customer id.
import { useId, useState } from 'preact/hooks';
import type { LookupBy } from '../api/contract.ts';
import { normalizeLookupValue } from '../domain/lookup-input.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { TextField } from '../ui/TextField.tsx';

const LOOKUP_BY: LookupBy[] = ['account_number', 'vcc_number', 'customer_id'];

export function LookupForm({ onLookup }: { onLookup: (by: LookupBy, value: string) => void }) {
  const { t } = useLanguage();
  const [by, setBy] = useState<LookupBy>('account_number');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const selectId = useId();

  const submit = (event: Event) => {
    event.preventDefault();
    const normalized = normalizeLookupValue(by, value);
    if (!value.trim()) return setError(t('form.required'));
    if (!normalized) return setError(t(`lookup.invalid.${by}`));
    setError(undefined);
    onLookup(by, normalized);
  };

  return (
    <form class="lookup-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for={selectId}>{t('lookup.by')}</label>
        <select id={selectId} name="lookup_by" value={by} onChange={(event) => setBy(event.currentTarget.value as LookupBy)}>
          {LOOKUP_BY.map((option) => (
            <option key={option} value={option}>
              {t(`lookup.by.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        name="lookup_value"
        label={t(`lookup.by.${by}`)}
        value={value}
        onValue={setValue}
        hint={t(`lookup.hint.${by}`)}
        error={error}
        inputMode={by === 'customer_id' ? 'text' : 'numeric'}
        autocomplete="off"
        spellcheck={false}
      />
      <button type="submit" class="button-primary">
        {t('lookup.submit')}
      </button>
    </form>
  );
}
