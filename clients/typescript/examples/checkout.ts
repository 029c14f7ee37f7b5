// A till's checkout with the SDK: token → look the customer up → verify them by security question → payment plans →
// the purchase on the plan the customer picks, captured at once → later, part of the goods returned.
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
/** The plan and term the customer picks, when offered (else the first one offered). */
const wantedPlan = Number(env.POSAPI_PLAN ?? 4);
const wantedTerm = Number(env.POSAPI_TERM ?? 12);
/** What comes back to the store afterwards. */
const returnedAmount = Number(env.POSAPI_RETURN_AMOUNT ?? 50);
/** The store (one of the client's registered locations) and the cashier, named on every till operation. */
const where = { external_location_id: env.POSAPI_LOCATION ?? '00-12345', external_employee_id: env.POSAPI_EMPLOYEE ?? '12345-SMITH' };
/** The till's transaction id; the lender wants one on every in-store verification, and the purchase names it again. */
const tillTransaction = `${Date.now()}`.padStart(20, '0');
const money = (n: number) => n.toFixed(2);

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
  const plan = quote.promotional_purchase.find((p) => p.plan_id === wantedPlan && p.terms.some((t) => t.term === wantedTerm)) ?? quote.promotional_purchase[0];
  const term = plan?.terms.find((t) => t.term === wantedTerm) ?? plan?.terms[0];
  if (!plan || !term) throw new Error(`no payment plan is offered for ${money(amount)}`);

  // The purchase: the PIN from verify and the same request_id; auto_capture captures it at once.
  const purchase = await client.authorizePurchase({
    account_number: accountNumber,
    amount,
    financing_option: { transaction_type: 'promotional_purchase', plan_id: plan.plan_id, term: term.term },
    auto_capture: true,
    verification_code: verified.verification_code,
    request_id: tillTransaction,
    reference: `Order-${tillTransaction.slice(-6)}`,
    ...where,
  });
  const capture = purchase.captures[0];
  if (!capture) throw new Error('the purchase was not captured');
  console.log(
    `purchase: authorization ${purchase.authorization_id}, ${money(purchase.amount)} on plan ${purchase.plan_id} over ${purchase.term} months ` +
      `(${purchase.term} × ${money(purchase.term_amount)}), captured ${money(purchase.captured_amount)}, status ${purchase.status}, ` +
      `available credit ${money(purchase.available_credit)}`,
  );

  // Later: part of the goods come back.
  const returned = await client.returnCapture(purchase.authorization_id, capture.capture_id, { full_return: false, amount: returnedAmount, ...where });
  console.log(
    `return: ${money(returned.amount)} of capture ${returned.capture_id}, ${money(returned.remaining_capture_amount)} left to return, ` +
      `available credit ${money(returned.available_credit)}`,
  );
  console.log('checkout ok');
}

checkout().catch((error: unknown) => {
  if (error instanceof PosApiError) console.error(`refused: ${error.message} (reference ${error.referenceId})`, error.body?.field_errors ?? '');
  else console.error(error);
  process.exitCode = 1;
});
