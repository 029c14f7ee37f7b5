// Verifying the customer before a purchase: pick the method, ask the question if any, show the PIN or where it went.
import { useId, useState } from 'preact/hooks';
import type { VerifyAnswer, VerifyFormat, VerifyRequest } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import { customerLanguage, type CustomerProfile } from '../customer/customer-profile.ts';
import { describeLanguage } from '../domain/account-status.ts';
import { newTillTransactionId } from '../domain/till-transaction-id.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useRequest } from '../ui/use-request.ts';
import { VERIFY_FORMATS, verificationOutcome } from './verification-outcome.ts';
import { verificationFrom, type Verification } from './verification.ts';

const MAX_ANSWER = 50;

export interface VerifyPanelProps {
  api: PosApi;
  profile: CustomerProfile;
  inStore: boolean;
  /** The sale needs the PIN and, above all, the request_id this verification was asked with. */
  onVerified: (verification: Verification) => void;
}

export function VerifyPanel({ api, profile, inStore, onVerified }: VerifyPanelProps) {
  const { t, lang } = useLanguage();
  const [format, setFormat] = useState<VerifyFormat>('security_question');
  const customerLang = customerLanguage(profile);
  const questions = profile.byLang[customerLang].security_qid;
  const [questionId, setQuestionId] = useState<number | undefined>(questions[0]?.id);
  const [answer, setAnswer] = useState('');
  const [requestId, setRequestId] = useState(newTillTransactionId);
  const [touched, setTouched] = useState(false);
  const verify = useRequest<{ format: VerifyFormat; answer: VerifyAnswer }>();
  const questionSelect = useId();
  const customer = profile.byLang[lang];

  const answerError = !answer.trim() ? t('form.required') : answer.length > MAX_ANSWER ? t('verify.answerTooLong') : undefined;
  const needsQuestion = format === 'security_question';

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (needsQuestion && (answerError || questionId === undefined)) return;
    const request: VerifyRequest = { format };
    if (inStore && requestId.trim()) request.request_id = requestId.trim();
    if (profile.cardNumber) request.vcc_number = profile.cardNumber;
    if (needsQuestion) {
      request.security_qid = questionId;
      request.security_answer = answer.trim();
    }
    const done = await verify.run(async () => ({ format, answer: await api.verify(profile.accountNumber, request) }));
    // An answer is not kept on screen once used, and its emptiness is then no mistake to point out.
    if (done) {
      setAnswer('');
      setTouched(false);
      onVerified(verificationFrom(profile.accountNumber, request, verificationOutcome(done.format, done.answer)));
    }
  };

  const outcome = verify.result ? verificationOutcome(verify.result.format, verify.result.answer) : undefined;
  const translationOf = (id: number) => profile.byLang[lang].security_qid.find((q) => q.id === id)?.text;

  return (
    <section class="panel" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset class="format-choice">
          <legend>{t('verify.format')}</legend>
          {VERIFY_FORMATS.map((option) => (
            <label key={option} class="choice">
              <input type="radio" name="verify_format" value={option} checked={format === option} onChange={() => setFormat(option)} />
              <span>{t(`verify.format.${option}`)}</span>
            </label>
          ))}
        </fieldset>
        {needsQuestion &&
          (questions.length === 0 ? (
            <p class="problem">{t('verify.noQuestions')}</p>
          ) : (
            <div class="question-block">
              <div class="field">
                <label for={questionSelect}>{t('verify.question')}</label>
                <select
                  id={questionSelect}
                  name="security_qid"
                  value={questionId === undefined ? '' : String(questionId)}
                  onChange={(event) => setQuestionId(Number(event.currentTarget.value))}
                  lang={customerLang === 'fr' ? 'fr-CA' : 'en-CA'}
                  aria-describedby={`${questionSelect}-hint`}
                >
                  {questions.map((question) => (
                    <option key={question.id} value={String(question.id)}>
                      {question.text}
                    </option>
                  ))}
                </select>
                <p class="hint" id={`${questionSelect}-hint`}>
                  {t('verify.questionIn', { language: describeLanguage(t, customer.preferred_language) })}
                  {customerLang !== lang && questionId !== undefined && translationOf(questionId) && <> ({translationOf(questionId)})</>}
                </p>
              </div>
              <TextField
                name="security_answer"
                label={t('verify.answer')}
                value={answer}
                onValue={setAnswer}
                maxLength={MAX_ANSWER}
                autocomplete="off"
                spellcheck={false}
                error={touched ? answerError : undefined}
              />
            </div>
          ))}
        {inStore && (
          <div class="request-id-row">
            <TextField
              name="request_id"
              label={t('verify.requestId')}
              value={requestId}
              onValue={setRequestId}
              hint={t('verify.requestIdHint')}
              inputMode="numeric"
              autocomplete="off"
              maxLength={50}
            />
            <button type="button" class="button-secondary" onClick={() => setRequestId(newTillTransactionId())}>
              {t('verify.newRequestId')}
            </button>
          </div>
        )}
        <button type="submit" class="button-primary" disabled={verify.busy}>
          {verify.busy ? t('form.busy') : t('verify.submit')}
        </button>
      </form>
      <LiveRegion>
        {verify.failure && <Refusal failure={verify.failure} />}
        {outcome?.kind === 'pin' && (
          <div class="outcome outcome-pin">
            <p>
              {t('verify.verified')} <strong class="pin">{outcome.pin}</strong>
            </p>
            {outcome.regularOnly && <p>{t('verify.pinRegularOnly')}</p>}
          </div>
        )}
        {outcome?.kind === 'sent' && (
          <div class="outcome outcome-sent">
            <p>{outcome.channel === 'sms' ? t('verify.sentSms', { phone: customer.phone_number }) : t('verify.sentEmail', { email: customer.email })}</p>
          </div>
        )}
      </LiveRegion>
    </section>
  );
}
