// A refused call in plain words: the lender's error code mapped to a dictionary sentence, with its field errors.
import type { ApiFailure } from '../api/api-failure.ts';
import { isMessageKey } from '../i18n/dictionary.ts';
import type { Translate } from '../i18n/translate.ts';

export interface RefusalText {
  sentence: string;
  fields: string[];
}

export function refusalText(t: Translate, failure: ApiFailure): RefusalText {
  const key = `refusal.${failure.code}`;
  let sentence: string;
  if (failure.code === 'too_many_requests' && failure.retryAfterSeconds !== undefined)
    sentence = t('refusal.retryAfter', { seconds: failure.retryAfterSeconds });
  else if (failure.code === 'unexpected_answer') sentence = t('refusal.unexpected_answer', { status: failure.status });
  else if (isMessageKey(key)) sentence = t(key);
  else sentence = t('refusal.unknown', { message: failure.message });
  const fields = failure.fieldErrors.map(({ param, msg }) => {
    const paramKey = `param.${param}`;
    // The service's msg is English only; the parameter's own name is translated.
    return t('refusal.fieldLine', { param: isMessageKey(paramKey) ? t(paramKey) : param, msg });
  });
  return { sentence, fields };
}
