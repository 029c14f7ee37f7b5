// Search by first name, last name, birth date and (optionally) postal code; the licence scan fills it too.
import { useState } from 'preact/hooks';
import type { LicenceFields, SearchQuery } from '../api/contract.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { TextField } from '../ui/TextField.tsx';

export interface SearchFormValues {
  firstName: string;
  lastName: string;
  dob: string;
  postalCode: string;
}

export const EMPTY_SEARCH: SearchFormValues = { firstName: '', lastName: '', dob: '', postalCode: '' };

export function searchFormFromLicence(fields: LicenceFields): SearchFormValues {
  return { firstName: fields.first_name ?? '', lastName: fields.last_name ?? '', dob: fields.dob ?? '', postalCode: fields.postal_code ?? '' };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const POSTAL = /^[A-Za-z0-9 -]{0,10}$/;

export function SearchForm({
  values,
  onChange,
  onSearch,
  busy,
}: {
  values: SearchFormValues;
  onChange: (values: SearchFormValues) => void;
  onSearch: (query: SearchQuery) => void;
  busy: boolean;
}) {
  const { t } = useLanguage();
  const [touched, setTouched] = useState(false);
  const set = (key: keyof SearchFormValues) => (value: string) => onChange({ ...values, [key]: value });

  const errors = {
    firstName: values.firstName.trim() ? undefined : t('form.required'),
    lastName: values.lastName.trim() ? undefined : t('form.required'),
    dob: !values.dob ? t('form.required') : ISO_DATE.test(values.dob) ? undefined : t('search.dobInvalid'),
    postalCode: POSTAL.test(values.postalCode.trim()) ? undefined : t('search.postalInvalid'),
  };
  const shown = (key: keyof typeof errors) => (touched ? errors[key] : undefined);

  const submit = (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(errors).some(Boolean)) return;
    onSearch({ first_name: values.firstName.trim(), last_name: values.lastName.trim(), dob: values.dob, postal_code: values.postalCode.trim() || undefined });
  };

  return (
    <form class="search-form" onSubmit={submit} noValidate>
      <div class="field-row">
        <TextField
          name="first_name"
          label={t('search.firstName')}
          value={values.firstName}
          onValue={set('firstName')}
          error={shown('firstName')}
          autocomplete="off"
          maxLength={50}
        />
        <TextField
          name="last_name"
          label={t('search.lastName')}
          value={values.lastName}
          onValue={set('lastName')}
          error={shown('lastName')}
          autocomplete="off"
          maxLength={50}
        />
      </div>
      <div class="field-row">
        <TextField
          name="dob"
          type="date"
          label={t('search.dob')}
          value={values.dob}
          onValue={set('dob')}
          error={shown('dob')}
          min="1880-01-01"
          max="2100-12-31"
        />
        <TextField
          name="postal_code"
          label={t('search.postalCode')}
          value={values.postalCode}
          onValue={set('postalCode')}
          error={shown('postalCode')}
          autocomplete="off"
          maxLength={10}
        />
      </div>
      <button type="submit" class="button-primary" disabled={busy}>
        {busy ? t('form.busy') : t('search.submit')}
      </button>
    </form>
  );
}
