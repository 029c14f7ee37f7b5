// POST /account/{n}/verify: the body and the answer.
import { Type, type Static } from 'typebox';
import { ClosedSet } from './common.js';
import { VERIFY_ANSWER_EXAMPLE, VERIFY_BODY_EXAMPLE } from './examples.js';

/** The ways a customer can be verified; each has its module in the verify use case. */
export const VERIFY_FORMATS = ['sms', 'email', 'security_question', 'regular_purchase_bypass', 'merchant_override'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export const VerifyBodySchema = Type.Object(
  {
    format: ClosedSet(VERIFY_FORMATS, { description: 'sms, email, security_question, regular_purchase_bypass or merchant_override' }),
    vcc_number: Type.Optional(Type.String({ pattern: '^[0-9]{16}$', description: 'if given, the card must belong to the account' })),
    security_qid: Type.Optional(Type.Integer({ minimum: 0, maximum: 99999, description: 'for security_question: an id from lookup' })),
    security_answer: Type.Optional(Type.String({ maxLength: 50, description: "for security_question: the customer's answer" })),
    request_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, pattern: '^[\\x20-\\x7E]+$', description: "the till's transaction id; required for in-store clients" }),
    ),
  },
  { title: 'VerifyBody', examples: [VERIFY_BODY_EXAMPLE] },
);

export const VerifyAnswerSchema = Type.Object(
  {
    verification_code: Type.Union([
      Type.Integer({ description: 'the PIN' }),
      ClosedSet(['verification_sent_to_sms', 'verification_sent_to_email'], { description: 'that a PIN was sent' }),
    ]),
  },
  {
    title: 'VerifyAnswer',
    description: 'The 4-digit PIN (security_question, regular_purchase_bypass, merchant_override), or word that a PIN was sent (sms, email).',
    examples: [VERIFY_ANSWER_EXAMPLE, { verification_code: 'verification_sent_to_sms' }],
  },
);

export type VerifyBody = Static<typeof VerifyBodySchema>;
export type VerifyAnswer = Static<typeof VerifyAnswerSchema>;
