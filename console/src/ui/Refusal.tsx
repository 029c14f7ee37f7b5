// A refused call in plain words, in the UI language first and the other language beneath (bilingual tills).
import type { ApiFailure } from '../api/api-failure.ts';
import type { Lang } from '../i18n/dictionary.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { translator } from '../i18n/translate.ts';
import { refusalText } from '../domain/refusal-text.ts';

const OTHER: Record<Lang, Lang> = { en: 'fr', fr: 'en' };

export function Refusal({ failure }: { failure: ApiFailure }) {
  const { lang, t } = useLanguage();
  const other = OTHER[lang];
  const main = refusalText(t, failure);
  const second = refusalText(translator(other), failure);
  return (
    <div class="refusal" data-code={failure.code}>
      <p class="refusal-main">
        <strong>{t('refusal.title')} · </strong>
        {main.sentence}
      </p>
      {main.fields.length > 0 && (
        <div class="refusal-fields">
          <p>{t('refusal.fields')}</p>
          <ul>
            {main.fields.map((field) => (
              <li key={field}>{field}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="refusal-other" lang={other === 'fr' ? 'fr-CA' : 'en-CA'}>
        {second.sentence}
      </p>
      <p class="refusal-code">
        <code>{failure.code}</code>
      </p>
    </div>
  );
}
