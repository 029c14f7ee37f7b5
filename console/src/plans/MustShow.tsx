// The fee and rate texts the merchant must display to the customer, under one label; nothing when there are none.
import type { DisplayText } from '../domain/display-texts.ts';
import { useLanguage } from '../i18n/language-context.tsx';

export function MustShow({ texts }: { texts: DisplayText[] }) {
  const { t } = useLanguage();
  if (texts.length === 0) return null;
  return (
    <div class="must-show">
      <p class="must-show-label">{t('plans.mustShow')}</p>
      {texts.map((text, index) => (
        <div key={index} class="must-show-text">
          {text.description && <p class="must-show-description">{text.description}</p>}
          {text.message && <p class="must-show-message">{text.message}</p>}
        </div>
      ))}
    </div>
  );
}
