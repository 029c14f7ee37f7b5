// The till's store and cashier, set once per shift and kept while customers come and go.
import { useEffect, useId, useRef } from 'preact/hooks';
import { useLanguage } from '../i18n/language-context.tsx';
import { TextField } from '../ui/TextField.tsx';
import { tillProblems, type TillSettings } from './till-settings.ts';

export interface TillPanelProps {
  till: TillSettings;
  onChange: (till: TillSettings) => void;
  inStore: boolean;
  /** Grows each time a sale needed these ids and they were not right: the panel then shows why and takes the focus. */
  attention: number;
}

export function TillPanel({ till, onChange, inStore, attention }: TillPanelProps) {
  const { t } = useLanguage();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const problems = tillProblems(till, inStore);
  // Errors wait until a sale needed the ids: an empty employee ID right after sign-in is no mistake yet.
  const show = attention > 0;

  useEffect(() => {
    if (attention > 0) heading.current?.focus();
  }, [attention]);

  return (
    <section class="panel till" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('till.title')}
      </h2>
      <p class="muted">{t(inStore ? 'till.intro' : 'till.introOnline')}</p>
      <div class="field-row">
        <TextField
          name="external_location_id"
          label={t('till.location')}
          value={till.locationId}
          onValue={(locationId) => onChange({ ...till, locationId })}
          hint={t('till.locationHint')}
          error={show && problems.locationId ? t(problems.locationId) : undefined}
          autocomplete="off"
          spellcheck={false}
          maxLength={50}
        />
        <TextField
          name="external_employee_id"
          label={t('till.employee')}
          value={till.employeeId}
          onValue={(employeeId) => onChange({ ...till, employeeId })}
          hint={t('till.employeeHint')}
          error={show && problems.employeeId ? t(problems.employeeId) : undefined}
          autocomplete="off"
          spellcheck={false}
          maxLength={50}
        />
      </div>
    </section>
  );
}
