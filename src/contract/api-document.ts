// What the API document says of the API as a whole: its introduction and the tags its operations are grouped under.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from './examples.js';

export const TOKEN_PATH = '/flexiti/pos-api/v2.5/oauth/token';

export const API_DESCRIPTION = `
The Customers and Transactions endpoints of a Canadian point-of-sale lender's POS API v2.5, for a merchant's till or
online checkout.

**Getting a token.** Every call but the token call needs \`authorization: Bearer <access_token>\`. Get the token from
\`POST ${TOKEN_PATH}\` with the OAuth 2 client-credentials grant: your \`client_id\`, your \`client_secret\` and a
\`scope\` (\`merchant\`, the default, may call everything; \`customer\` may not search, look up, or capture, release,
return, refund, take payments or read purchases; an online client buys with it). A token lasts
\`expires_in\` seconds; before then, trade its \`refresh_token\` (single use) for a new pair. The demo environment's
client is \`${DEMO_CLIENT_ID}\`, secret \`${DEMO_CLIENT_SECRET}\`. A token is good only on its own client's paths
(\`/client-id/{client_id}/...\`).

**Reference ids.** Every call, the token call included, carries \`x-reference-id\`: your id for this request, 1 to 100
printable ASCII characters. It comes back in the answer's \`x-reference-id\` header and in every error body. A POST repeated
with the same reference id and the same body within 24 hours answers the first answer again (header
\`x-idempotent-replay: true\`) and does nothing twice; the same id with another body is refused (409
\`reference_id_reused\`). Use a fresh id for each new request, and the same id to retry one safely. A POST may carry
\`x-idempotency-key\` to be keyed by it instead, and \`x-context-hash\` (your hash of the request) to decide what "the same
request" is.

**A purchase.** lookup (the \`account_number\`) → calculate-interest (the \`plan_id\` and \`term\` the customer picks) →
verify with a \`request_id\` (a PIN, good once, for that request only) → authorization with that PIN and \`request_id\`,
captured at once (\`auto_capture\`) or later; release what is not captured; return goods against a capture, refund an
account.

**Errors.** Every refusal has the same body: \`url\`, \`message\` (for people), \`error\` (a snake_case code for programs),
\`reference_id\`, and \`field_errors\` naming each bad parameter. Bad or missing input is answered **409 \`wrong_inputs\`**,
not 400, as the lender does. Business refusals are 409 with their own code, listed under each operation.
Refused before any route, on every path and in the same body: **400 \`bad_request\`** (not HTTP/1.1), **408
\`request_timeout\`** (headers and body not arrived whole within 30 s by default), **431
\`request_header_fields_too_large\`**; the connection is then closed. Text with a NUL character or an unpaired UTF-16
surrogate is bad input in any field. A card number sent as an identifier (\`x-reference-id\`, \`request_id\`,
\`reference\`) comes back masked to its first six and last four digits.

**Money and dates.** Amounts are exact to the cent: strings with two decimals where the lender shows strings, JSON numbers
where it shows numbers. Dates are \`YYYY-MM-DD\`. Card numbers never come back: only their last four digits.
`.trim();

export const API_TAGS = [
  { name: 'Authentication', description: 'The OAuth 2 token call.' },
  { name: 'Customers', description: 'Find a customer, look one up, read a driver’s licence.' },
  { name: 'Verification', description: 'Verify the customer before a purchase.' },
  { name: 'Accounts', description: 'Payment plans for a purchase, and closing a Quebec account.' },
  {
    name: 'Transactions',
    description: 'The purchase (an authorization, captured at once or later), its release and returns, refunds, payments at the till, and the reads.',
  },
];
