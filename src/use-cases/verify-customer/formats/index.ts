// The verification formats, one module each: a new format is its module and one line here (and its name in the contract).
import type { VerifyFormat } from '../../../contract/verify.js';
import type { VerificationFormat } from '../format.js';
import { email } from './email.js';
import { merchantOverride } from './merchant-override.js';
import { regularPurchaseBypass } from './regular-purchase-bypass.js';
import { securityQuestion } from './security-question.js';
import { sms } from './sms.js';

export const VERIFICATION_FORMATS: Record<VerifyFormat, VerificationFormat> = {
  sms,
  email,
  security_question: securityQuestion,
  regular_purchase_bypass: regularPurchaseBypass,
  merchant_override: merchantOverride,
};
