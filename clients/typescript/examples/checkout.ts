// A till's checkout with the SDK: token → look the customer up → verify them by security question → payment plans.
// Run against a service with the demo data:  POSAPI_URL=http://localhost:8080 npx tsx examples/checkout.ts
import { createPosApiClient, PosApiError } from '../src/client.js';

const env = process.env;
const client = createPosApiClient({
  baseUrl: env.POSAPI_URL ?? 'http://localhost:8080',
  clientId: env.POSAPI_CLIENT_ID ?? 'flexitidemo',
  clientSecret: env.POSAPI_CLIENT_SECRET ?? 'demo-secret',
  scope: 'merchant',
});
/** Alan Martinet's account in the demo data, and his answer to his security question. */
const accountNumber = Number(env.POSAPI_ACCOUNT ?? 20035156);
const answer = env.POSAPI_SECURITY_ANSWER ?? 'Jamie';
const amount = Number(env.POSAPI_AMOUNT ?? 234.45);
/** The till's transaction id; the lender wants one on every in-store verification. */
const tillTransaction = `${Date.now()}`.padStart(20, '0');

async function checkout(): Promise<void> {
  const token = await client.token();
  console.log(`token: ${token.slice(0, 12)}… for ${client.clientId}`);

  const customer = await client.lookupCustomer({ account_number: String(accountNumber) });
  console.log(
    `lookup: ${customer.first_name} ${customer.last_name}, account ${customer.account_number}, available credit ${customer.available_credit.toFixed(2)}`,
  );
  const question = customer.security_qid[0];
  if (!question) throw new Error('the customer has no security question on file');
  console.log(`question ${question.id}: ${question.text}`);

  const verified = await client.verifyCustomer(accountNumber, {
    format: 'security_question',
    security_qid: question.id,
    security_answer: answer,
    request_id: tillTransaction,
  });
  console.log(`verify: PIN ${String(verified.verification_code).replace(/\d/g, '•')} issued`);

  const quote = await client.calculateInterest(accountNumber, { amount });
  console.log(`plans for ${quote.amount.toFixed(2)} (regular purchase: ${quote.regular_purchase.term_amount.toFixed(2)}):`);
  for (const plan of quote.promotional_purchase) {
    const terms = plan.terms.map((t) => `${t.term} × ${t.term_amount.toFixed(2)}`).join(', ');
    console.log(`  ${plan.plan_id} ${plan.plan_name}: ${terms}`);
  }
  console.log('checkout ok');
}

checkout().catch((error: unknown) => {
  if (error instanceof PosApiError) console.error(`refused: ${error.message} (reference ${error.referenceId})`, error.body?.field_errors ?? '');
  else console.error(error);
  process.exitCode = 1;
});
